-- Questions back to the customer (issue 20 part 2, decision 0035). An agent asks for details
-- (the request goes `awaiting_customer`); the customer answers, may send new values (a
-- revision, the previous values kept), or cancels; with no answer, reminders after 3 and 7
-- days, then the request is cancelled at `expires_at` (fixed when asked, and announced).
CREATE TABLE request_questions (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  asked_by uuid NOT NULL REFERENCES users (id),
  asked_at timestamptz NOT NULL,
  -- where the answer sends the request back
  asked_from text NOT NULL CHECK (asked_from IN ('in_review', 'quote_pending')),
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
  expires_at timestamptz NOT NULL CHECK (expires_at > asked_at),
  reminders_sent integer NOT NULL DEFAULT 0 CHECK (reminders_sent BETWEEN 0 AND 2),
  last_reminded_at timestamptz,
  closed_at timestamptz,
  outcome text CHECK (outcome IN ('answered', 'cancelled', 'expired')),
  answered_by uuid REFERENCES users (id),
  answer text CHECK (length(answer) BETWEEN 1 AND 4000),
  CHECK ((closed_at IS NULL) = (outcome IS NULL)),
  CHECK ((outcome = 'answered') = (answer IS NOT NULL))
);

-- At most one open question per request; the job reads the open ones by age.
CREATE UNIQUE INDEX request_questions_open ON request_questions (request_id)
  WHERE closed_at IS NULL;
CREATE INDEX request_questions_open_asked ON request_questions (asked_at)
  WHERE closed_at IS NULL;
CREATE INDEX request_questions_request ON request_questions (request_id, asked_at);

-- The values a customer sent again with an answer: revision 2, 3… of the request's values
-- (the confirmed ones are revision 1), each with the values it replaced.
CREATE TABLE request_revisions (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  question_id uuid NOT NULL REFERENCES request_questions (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 2),
  previous_values jsonb NOT NULL CHECK (jsonb_typeof(previous_values) = 'object'),
  values jsonb NOT NULL CHECK (jsonb_typeof(values) = 'object'),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  UNIQUE (request_id, number)
);

-- An open question belongs to a request awaiting its customer: whatever move takes the request
-- out of `awaiting_customer` without closing the question (the customer cancelling) closes it
-- as cancelled, in the same transaction. The answer and the expiry close theirs first.
CREATE FUNCTION request_questions_close_on_leave() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE request_questions SET closed_at = NEW.updated_at, outcome = 'cancelled'
    WHERE request_id = NEW.id AND closed_at IS NULL;
  RETURN NULL;
END
$$;
CREATE TRIGGER request_questions_close AFTER UPDATE OF status ON requests
  FOR EACH ROW WHEN (OLD.status = 'awaiting_customer' AND NEW.status <> 'awaiting_customer')
  EXECUTE FUNCTION request_questions_close_on_leave();
