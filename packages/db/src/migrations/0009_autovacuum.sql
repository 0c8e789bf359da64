-- Requests and their events only grow: by default PostgreSQL vacuums a table after inserts
-- of 20 % of its size (200 000 rows at a million requests). Until then the newest rows are
-- not marked all-visible, so the list's exact totals (index-only counts) read the table for
-- each of them: after 39 000 confirmations, the list's p95 went from 9 to 90 ms (issue 6).
-- Vacuum after inserts of 1 % instead, and analyse after changes of 2 %.
ALTER TABLE requests SET (
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_analyze_scale_factor = 0.02
);
ALTER TABLE request_events SET (
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_analyze_scale_factor = 0.02
);
