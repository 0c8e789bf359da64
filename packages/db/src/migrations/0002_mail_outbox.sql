-- Mails are written here in the transaction of what causes them, then sent by a background
-- job (or read in the back-office when no SMTP server is configured): a failing mail server
-- never fails or slows the request, and no mail is lost.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  kind text NOT NULL,
  request_id uuid REFERENCES requests (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'kept')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_status_created ON mail_outbox (status, created_at);
