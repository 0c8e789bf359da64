-- Operator accounts (issue 14, part 2): deactivation, and personal API tokens for operators.

-- A deactivated user can neither log in nor use a session or a token; the row stays, so that
-- requests, events and the audit keep their author.
ALTER TABLE users
  ADD COLUMN deactivated_at timestamptz,
  ADD COLUMN deactivated_by uuid REFERENCES users (id) ON DELETE SET NULL;
-- The last-admin rule locks the active admins: this finds them without a scan.
CREATE INDEX users_active_operators ON users (operator_role)
  WHERE kind = 'operator' AND deactivated_at IS NULL;

-- An operator's token has no customer and no grants: it acts with the owner's current role,
-- at most `operator_role` when the token was limited to a lower one (null: the owner's role).
-- Customer tokens keep their customer and grants, and never a role.
ALTER TABLE api_tokens
  ALTER COLUMN customer_id DROP NOT NULL,
  ADD COLUMN operator_role text CHECK (operator_role IN ('agent', 'catalog_manager', 'admin')),
  ADD CONSTRAINT api_tokens_operator_role_only_without_customer
    CHECK (operator_role IS NULL OR customer_id IS NULL);
