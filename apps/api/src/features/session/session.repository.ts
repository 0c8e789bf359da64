import { prepared } from '@guichet/db';
import type { Db } from '@guichet/db';
import { sql } from 'kysely';
import type { Grant } from '@guichet/domain';
import type { AuthUser } from '../../http/context.ts';
import { toAuthUser } from '../../lib/auth-user.ts';
import type { AuthUserRow } from '../../lib/auth-user.ts';

/** The user an identifier names: an e-mail (it has an `@`) or a login, whatever its case. */
export async function findUserByIdentifier(db: Db, identifier: string) {
  const isEmail = identifier.includes('@');
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'password_hash',
      'locale',
      'kind',
      'operator_role',
      'deactivated_at',
    ])
    .where((eb) =>
      isEmail
        ? eb('email', '=', identifier.toLowerCase())
        : eb(eb.fn('lower', ['login']), '=', identifier.toLowerCase()),
    )
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string) {
  return findUserByIdentifier(db, email);
}

export async function insertSession(
  db: Db,
  session: {
    id: string;
    userId: string;
    perimeterCustomerId: string | null;
    expiresAt: Date;
    now?: Date;
    device?: string;
    address?: string | null;
    /** Opened by single sign-on: the connection and the provider's ID token (0024). */
    sso?: { connection: string; idToken: string };
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      perimeter_customer_id: session.perimeterCustomerId,
      expires_at: session.expiresAt,
      ...(session.now ? { created_at: session.now, last_seen_at: session.now } : {}),
      device: session.device ?? '',
      address: session.address ?? null,
      ...(session.sso
        ? { sso_connection: session.sso.connection, sso_id_token: session.sso.idToken }
        : {}),
    })
    .execute();
}

/** The user's live sessions, the most recently seen first (« Mon compte »). */
export async function listLiveSessionsOf(db: Db, userId: string, now: Date) {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'device', 'address', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    device: row.device,
    address: row.address,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  }));
}

/** Ends one session of the user; false if the user has no such session. */
export async function deleteSessionOf(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every session of the user but one; how many ended. */
export async function deleteSessionsOfBut(db: Db, userId: string, keepId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '<>', keepId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Moves the session's last seen time, at most once per `everyMs` (a write per call is waste). */
export async function touchSession(db: Db, id: string, now: Date, everyMs: number) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where('last_seen_at', '<', new Date(now.getTime() - everyMs))
    .execute();
}

/** Whether the user exists (an admin ending the sessions of nobody gets 404). */
export async function userExists(db: Db, id: string): Promise<{ email: string } | undefined> {
  return db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findUserById(db: Db, id: string): Promise<AuthUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale', 'kind', 'operator_role'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAuthUser(row) : undefined;
}

/** A grant of the user, with the customer that owns its contract. */
export interface GrantWithCustomer {
  grant: Grant;
  customerId: string;
  customerName: string;
}

/**
 * A live session, its user and every grant of that user, in one round trip: every `/api`
 * call starts with it, so it is one statement, not two.
 */
export async function findLiveSessionWithGrants(db: Db, id: string, now: Date) {
  const { rows } = await sql<
    AuthUserRow & {
      sessionId: string;
      perimeterCustomerId: string | null;
      lastSeenAt: Date;
      grants: GrantRow[] | null;
    }
  >`${sql.raw(prepared('live-session'))}
    SELECT s.id AS "sessionId", s.perimeter_customer_id AS "perimeterCustomerId",
      s.last_seen_at AS "lastSeenAt", u.id, u.email,
      u.display_name, u.locale, u.kind, u.operator_role,
      (SELECT json_agg(json_build_array(g.contract_id, g.section, g.profile, cu.id, cu.name)
                       ORDER BY cu.name, g.contract_id)
       FROM grants g
       JOIN contracts c ON c.id = g.contract_id
       JOIN customers cu ON cu.id = c.customer_id
       WHERE g.user_id = u.id) AS grants
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${id} AND s.expires_at > ${now} AND u.deactivated_at IS NULL`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    sessionId: row.sessionId,
    perimeterCustomerId: row.perimeterCustomerId,
    lastSeenAt: row.lastSeenAt,
    user: toAuthUser(row),
    grants: (row.grants ?? []).map(toGrantWithCustomer),
  };
}

/** Of these sessions, those still live at `now` (the test is the one above). */
export async function findLiveSessionIds(
  db: Db,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', 'in', [...ids])
    .where('expires_at', '>', now)
    .execute();
  return rows.map((row) => row.id);
}

type GrantRow = [string, Grant['section'], Grant['profile'], string, string];

function toGrantWithCustomer([
  contractId,
  section,
  profile,
  customerId,
  customerName,
]: GrantRow): GrantWithCustomer {
  return { grant: { contractId, section, profile }, customerId, customerName };
}

/** Every grant of the user, with the customer that owns each contract. */
export async function listGrantsWithCustomers(
  db: Db,
  userId: string,
): Promise<GrantWithCustomer[]> {
  const rows = await db
    .selectFrom('grants')
    .innerJoin('contracts', 'contracts.id', 'grants.contract_id')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .select([
      'grants.contract_id',
      'grants.section',
      'grants.profile',
      'customers.id as customer_id',
      'customers.name as customer_name',
    ])
    .where('grants.user_id', '=', userId)
    .orderBy('customers.name')
    .orderBy('grants.contract_id')
    .execute();
  return rows.map((row) =>
    toGrantWithCustomer([
      row.contract_id,
      row.section,
      row.profile,
      row.customer_id,
      row.customer_name,
    ]),
  );
}

export async function setSessionPerimeter(
  db: Db,
  sessionId: string,
  customerId: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ perimeter_customer_id: customerId })
    .where('id', '=', sessionId)
    .execute();
}

export async function setUserLocale(db: Db, userId: string, locale: 'fr' | 'en'): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** The failures of an (e-mail, address) pair and of the e-mail from every address (`''`). */
export async function findLoginFailures(db: Db, email: string, address: string) {
  const rows = await db
    .selectFrom('login_failures')
    .select(['address', 'failures', 'last_failure_at'])
    .where('email', '=', email)
    .where('address', 'in', [address, ''])
    .execute();
  const of = (key: string) => {
    const row = rows.find((r) => r.address === key);
    return row ? { failures: row.failures, lastFailureAt: row.last_failure_at } : null;
  };
  return { pair: of(address), account: of('') };
}

/**
 * Counts a failure for the pair and for the e-mail, each starting again from 1 once its last
 * failure is older than its `forget` cut-off; prunes rows a day old. Returns the new counts.
 */
export async function recordLoginFailure(
  db: Db,
  input: { email: string; address: string; now: Date; pairCut: Date; accountCut: Date },
): Promise<{ pair: number; account: number }> {
  const { email, address, now, pairCut, accountCut } = input;
  await db
    .deleteFrom('login_failures')
    .where('last_failure_at', '<', new Date(now.getTime() - 24 * 60 * 60_000))
    .where('email', '<>', email)
    .execute();
  const { rows } = await sql<{ address: string; failures: number }>`
    INSERT INTO login_failures AS f (email, address, failures, last_failure_at)
    VALUES (${email}, ${address}, 1, ${now}), (${email}, '', 1, ${now})
    ON CONFLICT (email, address) DO UPDATE SET
      failures = CASE
        WHEN f.last_failure_at <= (CASE WHEN f.address = '' THEN ${accountCut}::timestamptz
                                        ELSE ${pairCut}::timestamptz END)
        THEN 1 ELSE f.failures + 1 END,
      last_failure_at = EXCLUDED.last_failure_at
    RETURNING address, failures`.execute(db);
  return {
    pair: rows.find((row) => row.address === address)?.failures ?? 1,
    account: rows.find((row) => row.address === '')?.failures ?? 1,
  };
}

/**
 * A successful login forgets the failures of its pair and of its e-mail; other addresses'
 * pairs (a stranger's) keep theirs.
 */
export async function clearLoginFailures(db: Db, email: string, address: string): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('email', '=', email)
    .where('address', 'in', [address, ''])
    .execute();
}

// Issue 21 (decision 0030): what a password sign-in must meet.

/**
 * What a password sign-in must meet for this user: the connection that refuses passwords to
 * it (one owning its e-mail's domain, at a customer it holds rights at, with « SSO required »),
 * and whether a customer it holds rights at requires a second factor. One statement.
 */
export async function findPasswordPolicies(
  db: Db,
  userId: string,
  emailDomain: string,
): Promise<{ ssoRequiredBy: string | null; requiresTwoFactor: boolean }> {
  const rows = await db
    .selectFrom('grants')
    .innerJoin('contracts', 'contracts.id', 'grants.contract_id')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .leftJoin('customer_sso_domains as d', (join) =>
      join.onRef('d.customer_id', '=', 'customers.id').on('d.domain', '=', emailDomain),
    )
    .leftJoin('customer_sso_connections as c', (join) =>
      join.onRef('c.customer_id', '=', 'd.customer_id').on('c.is_required', '=', true),
    )
    .select(['customers.requires_two_factor', 'c.display_name'])
    .distinct()
    .where('grants.user_id', '=', userId)
    .execute();
  return {
    ssoRequiredBy: rows.find((row) => row.display_name !== null)?.display_name ?? null,
    requiresTwoFactor: rows.some((row) => row.requires_two_factor),
  };
}
