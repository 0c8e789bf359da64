-- Customers and contracts administered by the provider's admins (issue 14, part 1).
-- Customers: an optional registration (SIREN / VAT) number, the language their new users
-- get by default, and a version for optimistic locking of the back-office's edits.
ALTER TABLE customers
  ADD COLUMN registration_number text
    CHECK (registration_number IS NULL OR length(registration_number) BETWEEN 1 AND 64),
  ADD COLUMN locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Contracts: a status (suspended or ended contracts take no new request), the days they run
-- (an existing contract started the day it was created, in its own time zone), a version.
ALTER TABLE contracts
  ADD COLUMN status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'suspended', 'ended')),
  ADD COLUMN starts_on date,
  ADD COLUMN ends_on date,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN version integer NOT NULL DEFAULT 1;

UPDATE contracts SET starts_on = (created_at AT TIME ZONE time_zone)::date;

ALTER TABLE contracts
  ALTER COLUMN starts_on SET DEFAULT CURRENT_DATE,
  ALTER COLUMN starts_on SET NOT NULL,
  ADD CONSTRAINT contracts_ends_on_after_starts_on CHECK (ends_on IS NULL OR ends_on >= starts_on);

-- The back-office lists customers by name and searches them by name or registration number.
CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops);
