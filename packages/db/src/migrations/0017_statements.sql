-- Monthly statements (decision 0017): what the provider invoices per contract and calendar
-- month, in the contract's time zone.

-- The terms in force over time: a billable change is priced at the token price in force when
-- it was confirmed, whatever the contract's price is today. A contract's first terms hold
-- from the beginning of time (no request predates its contract); each later change of price
-- or of free changes holds from the transaction that made it.
CREATE TABLE contract_terms_history (
  contract_id text NOT NULL REFERENCES contracts (id),
  valid_from timestamptz NOT NULL,
  token_price_eur numeric(10, 2) NOT NULL CHECK (token_price_eur >= 0),
  free_changes_per_month integer NOT NULL CHECK (free_changes_per_month >= 0),
  PRIMARY KEY (contract_id, valid_from)
);

CREATE FUNCTION record_contract_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.token_price_eur IS NOT DISTINCT FROM OLD.token_price_eur
     AND NEW.free_changes_per_month IS NOT DISTINCT FROM OLD.free_changes_per_month THEN
    RETURN NULL;
  END IF;
  INSERT INTO contract_terms_history (contract_id, valid_from, token_price_eur, free_changes_per_month)
  VALUES (
    NEW.id,
    CASE WHEN TG_OP = 'INSERT' THEN '-infinity'::timestamptz ELSE now() END,
    NEW.token_price_eur,
    NEW.free_changes_per_month
  )
  -- two changes in one transaction: the last one holds from its start
  ON CONFLICT (contract_id, valid_from) DO UPDATE
    SET token_price_eur = EXCLUDED.token_price_eur,
        free_changes_per_month = EXCLUDED.free_changes_per_month;
  RETURN NULL;
END;
$$;

CREATE TRIGGER contracts_terms_history
  AFTER INSERT OR UPDATE OF token_price_eur, free_changes_per_month ON contracts
  FOR EACH ROW EXECUTE FUNCTION record_contract_terms();

INSERT INTO contract_terms_history (contract_id, valid_from, token_price_eur, free_changes_per_month)
SELECT id, '-infinity'::timestamptz, token_price_eur, free_changes_per_month FROM contracts;

-- A closed month: written once, after the month is over in the contract's time zone, and
-- never changed (the trigger below refuses it), so an invoice never moves.
CREATE TABLE statements (
  contract_id text NOT NULL REFERENCES contracts (id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  closed_at timestamptz NOT NULL,
  free_changes_included integer NOT NULL CHECK (free_changes_included >= 0),
  free_changes_used integer NOT NULL CHECK (free_changes_used >= 0),
  change_count integer NOT NULL CHECK (change_count >= 0),
  quote_count integer NOT NULL CHECK (quote_count >= 0),
  total_tokens integer NOT NULL CHECK (total_tokens >= 0),
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  PRIMARY KEY (contract_id, month)
);
CREATE INDEX statements_month ON statements (month, contract_id);

CREATE TABLE statement_lines (
  contract_id text NOT NULL,
  month date NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  -- a billed change, a change that took a free change (0 €), an accepted quote
  kind text NOT NULL CHECK (kind IN ('change', 'free', 'quote')),
  request_id uuid NOT NULL REFERENCES requests (id),
  request_number text NOT NULL,
  quote_id uuid REFERENCES quotes (id),
  article_name_fr text NOT NULL,
  article_name_en text NOT NULL,
  -- a change's confirmation, a quote's acceptance
  at timestamptz NOT NULL,
  tokens integer NOT NULL CHECK (tokens >= 0),
  -- a change's price in force at its confirmation; a quote's euros were fixed when it was sent
  token_price_eur numeric(10, 2),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  outside_business_hours boolean NOT NULL,
  -- a free line's request rejected or cancelled by the closing: its free change stays used
  ended_as text CHECK (ended_as IN ('rejected', 'cancelled')),
  PRIMARY KEY (contract_id, month, position),
  FOREIGN KEY (contract_id, month) REFERENCES statements (contract_id, month),
  CHECK ((kind = 'quote') = (quote_id IS NOT NULL)),
  CHECK (kind <> 'free' OR (tokens = 0 AND amount_cents = 0 AND token_price_eur IS NULL)),
  CHECK (kind = 'free' OR ended_as IS NULL)
);

-- What a month may list, found without reading every request: billable and free changes by
-- month, accepted quotes by acceptance (all partial: the confirmation's other rows skip them).
CREATE INDEX requests_listed_month ON requests (billing_month, contract_id)
  WHERE billing ->> 'kind' IN ('billable', 'free');
CREATE INDEX quotes_accepted_answered ON quotes (answered_at) WHERE status = 'accepted';

CREATE FUNCTION refuse_statement_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a closed statement never changes (%)', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER statements_never_change
  BEFORE UPDATE OR DELETE ON statements
  FOR EACH ROW EXECUTE FUNCTION refuse_statement_change();
CREATE TRIGGER statement_lines_never_change
  BEFORE UPDATE OR DELETE ON statement_lines
  FOR EACH ROW EXECUTE FUNCTION refuse_statement_change();
