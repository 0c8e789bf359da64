-- Due dates (issue 20 part 3, decision 0036): what each support level promises — a time to
-- take charge and a time to carry out, in business minutes of the contract's calendar —, an
-- article's override, and each request's clock (the targets it started with, its due dates,
-- when each was answered and when a breach was recorded).
CREATE TABLE support_level_targets (
  support_level text PRIMARY KEY CHECK (support_level IN ('Standard', 'Bronze', 'Silver', 'Gold')),
  take_charge_minutes integer NOT NULL CHECK (take_charge_minutes BETWEEN 1 AND 129600),
  carry_out_minutes integer NOT NULL CHECK (carry_out_minutes BETWEEN 1 AND 129600),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CHECK (take_charge_minutes <= carry_out_minutes)
);
-- Defaults in business hours (09:00–18:00, a working day is 9 h): Standard 1 day / 5 days,
-- Bronze 6 h / 4 days, Silver 4 h / 3 days, Gold 2 h / 2 days.
INSERT INTO support_level_targets (support_level, take_charge_minutes, carry_out_minutes) VALUES
  ('Standard', 540, 2700), ('Bronze', 360, 2160), ('Silver', 240, 1620), ('Gold', 120, 1080);

-- An article's own targets; a null one is its support level's.
CREATE TABLE article_due_targets (
  article_id uuid PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  take_charge_minutes integer CHECK (take_charge_minutes BETWEEN 1 AND 129600),
  carry_out_minutes integer CHECK (carry_out_minutes BETWEEN 1 AND 129600),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CHECK (take_charge_minutes IS NOT NULL OR carry_out_minutes IS NOT NULL),
  CHECK (take_charge_minutes IS NULL OR carry_out_minutes IS NULL
         OR take_charge_minutes <= carry_out_minutes)
);

-- A request's clock, computed by the API from its status history (`stale` until then). The
-- targets are those of the moment the clock started: a later change of the targets does not
-- move the due dates of requests already with the provider.
CREATE TABLE request_due_dates (
  request_id uuid PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
  take_charge_minutes integer,
  carry_out_minutes integer,
  started_at timestamptz,
  paused boolean NOT NULL DEFAULT false,
  take_charge_due_at timestamptz,
  take_charge_met_at timestamptz,
  take_charge_breached_at timestamptz,
  carry_out_due_at timestamptz,
  carry_out_met_at timestamptz,
  carry_out_breached_at timestamptz,
  -- the next due date still to answer and its « à risque » threshold: the queue's sort and filters
  next_due_at timestamptz,
  next_risk_at timestamptz,
  stale boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The queue sorted by due date, and the breach watch (due dates past with no breach recorded).
CREATE INDEX request_due_dates_next ON request_due_dates (next_due_at, request_id)
  WHERE next_due_at IS NOT NULL;
CREATE INDEX request_due_dates_sort
  ON request_due_dates ((coalesce(next_due_at, '9999-12-31T00:00:00Z'::timestamptz)), request_id);
CREATE INDEX request_due_dates_stale ON request_due_dates (request_id) WHERE stale;

-- Every status move and every assignment of a confirmed request marks its clock to compute:
-- whichever path writes the event (the one-statement confirmation too), the clock follows.
CREATE FUNCTION request_due_dates_after_request_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO request_due_dates (request_id)
  SELECT DISTINCT e.request_id FROM new_rows e
  WHERE (e.to_status IS NOT NULL AND e.to_status <> 'draft') OR e.kind = 'assigned'
  ON CONFLICT (request_id) DO UPDATE SET stale = true WHERE NOT request_due_dates.stale;
  RETURN NULL;
END $$;
CREATE TRIGGER request_due_dates_request_events AFTER INSERT ON request_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION request_due_dates_after_request_events();

-- The requests already with the provider and still open get their clock from the watch job
-- (closed ones keep none: they are answered).
INSERT INTO request_due_dates (request_id)
SELECT id FROM requests
WHERE status NOT IN ('draft', 'awaiting_approval', 'done', 'rejected', 'cancelled');
