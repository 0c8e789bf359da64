-- Login protection that cannot be turned against a user (issue 18, decision 0019).
--
-- Failed logins, by the e-mail as typed (lower-cased, whether or not it has an account) and
-- the client address: `address` is the address for an (e-mail, address) pair, which waits
-- 1 s, 2 s, 4 s… after 5 failures; '' for the e-mail from every address, which only slows and
-- alerts. Rows are pruned on write once a day old.
CREATE TABLE login_failures (
  email text NOT NULL,
  address text NOT NULL,
  failures integer NOT NULL CHECK (failures > 0),
  last_failure_at timestamptz NOT NULL,
  PRIMARY KEY (email, address)
);
CREATE INDEX login_failures_last_failure_at ON login_failures (last_failure_at);

-- @fastify/rate-limit's windows (per route and client address), shared by every API process:
-- in each process's memory, N processes gave an address N times the limit. Pruned on write.
CREATE TABLE rate_limit_windows (
  route text NOT NULL,
  key text NOT NULL,
  started_at timestamptz NOT NULL,
  hits integer NOT NULL CHECK (hits > 0),
  PRIMARY KEY (route, key)
);
CREATE INDEX rate_limit_windows_started_at ON rate_limit_windows (started_at);

-- The old lockout (5 failures lock the account for 15 minutes) is gone: nobody stays locked.
-- The columns stay (forward-only migrations) but are no longer read nor written.
UPDATE users SET failed_logins = 0, locked_until = NULL
WHERE failed_logins <> 0 OR locked_until IS NOT NULL;
