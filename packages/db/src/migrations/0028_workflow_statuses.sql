-- Two statuses for the request's workflow (issue 20): `awaiting_approval` (confirmed, waiting for
-- the customer's own approvers, not yet in the provider's queue) and `awaiting_customer` (an agent
-- asked the customer for details). The features that move requests into them come with their own
-- migrations; the check is widened once here so that they do not each rewrite it.
ALTER TABLE requests DROP CONSTRAINT requests_status_check;
ALTER TABLE requests ADD CONSTRAINT requests_status_check CHECK (status IN ('draft',
  'awaiting_approval', 'submitted', 'in_review', 'quote_pending', 'quote_sent',
  'awaiting_customer', 'in_progress', 'done', 'rejected', 'cancelled'));
