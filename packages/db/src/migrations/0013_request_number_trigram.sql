-- The back-office queue's text search finds a request by any part of its number
-- (« 258326 », « 2026-2583 »): a trigram index, as the customer reference already has.
-- Without it, each search read every request (about 0.5 s at a million).
CREATE INDEX requests_number_trgm ON requests USING gin (number gin_trgm_ops);
