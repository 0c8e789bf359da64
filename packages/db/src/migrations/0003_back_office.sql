-- The operators' back-office: assignment, quotes, comments, attachments, in-app notifications,
-- and the bookkeeping of mail delivery (decisions 0004 and 0005).

ALTER TABLE requests ADD COLUMN assignee_id uuid REFERENCES users (id);
CREATE INDEX requests_assignee_status ON requests (assignee_id, status);
-- the operators' queue: every customer's confirmed requests, oldest first by default
CREATE INDEX requests_status_issued ON requests (status, issued_at, id);
CREATE INDEX requests_updated ON requests (updated_at, id);

-- Files stored with the request, in the database (decision 0004): the metadata here, the
-- bytes apart so that lists never read them.
CREATE TABLE attachments (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  is_internal boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_request ON attachments (request_id, created_at);

CREATE TABLE attachment_contents (
  attachment_id uuid PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
  content bytea NOT NULL
);
-- PDF, PNG, JPEG and Office files are compressed already: store them out of line as they are.
ALTER TABLE attachment_contents ALTER COLUMN content SET STORAGE EXTERNAL;

-- Quotes: versions per request; at most one awaits the customer's answer.
CREATE TABLE quotes (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  amount_tokens integer NOT NULL CHECK (amount_tokens >= 0),
  amount_eur numeric(12, 2) NOT NULL CHECK (amount_eur >= 0),
  valid_until date NOT NULL,
  text text NOT NULL,
  attachment_id uuid REFERENCES attachments (id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('sent', 'accepted', 'refused', 'expired', 'superseded')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_by uuid REFERENCES users (id),
  answered_at timestamptz,
  UNIQUE (request_id, version)
);
CREATE UNIQUE INDEX quotes_one_sent_per_request ON quotes (request_id) WHERE status = 'sent';
CREATE INDEX quotes_sent_valid_until ON quotes (valid_until) WHERE status = 'sent';

-- Comments; internal ones are the operators' only (never shown to customers).
CREATE TABLE comments (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  is_internal boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_request ON comments (request_id, created_at, id);

-- The bell: what happened to a user's requests, written in the transaction of what happened.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  request_id uuid REFERENCES requests (id) ON DELETE CASCADE,
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;

-- A pending mail is handed to the job queue once (decision 0005).
ALTER TABLE mail_outbox ADD COLUMN dispatched_at timestamptz;
CREATE INDEX mail_outbox_undispatched ON mail_outbox (created_at)
  WHERE status = 'pending' AND dispatched_at IS NULL;
