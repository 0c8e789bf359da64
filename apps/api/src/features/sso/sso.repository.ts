import type { Db } from '@guichet/db';

/** A customer's connection as stored (the secret still sealed). */
export interface StoredConnection {
  customerId: string;
  customerName: string;
  issuer: string;
  clientId: string;
  sealedSecret: string;
  displayName: string;
  emailClaim: string;
  isRequired: boolean;
  allowedDomains: string[];
  updatedAt: Date;
}

export async function findConnection(
  db: Db,
  customerId: string,
): Promise<StoredConnection | undefined> {
  const row = await db
    .selectFrom('customer_sso_connections as c')
    .innerJoin('customers', 'customers.id', 'c.customer_id')
    .select((eb) => [
      'c.customer_id',
      'customers.name as customer_name',
      'c.issuer',
      'c.client_id',
      'c.client_secret',
      'c.display_name',
      'c.email_claim',
      'c.is_required',
      'c.updated_at',
      eb
        .selectFrom('customer_sso_domains as d')
        .whereRef('d.customer_id', '=', 'c.customer_id')
        .select((inner) =>
          inner.fn
            .coalesce(inner.fn.agg<string[]>('array_agg', ['d.domain']), inner.val([] as string[]))
            .as('domains'),
        )
        .as('domains'),
    ])
    .where('c.customer_id', '=', customerId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    customerId: row.customer_id,
    customerName: row.customer_name,
    issuer: row.issuer,
    clientId: row.client_id,
    sealedSecret: row.client_secret,
    displayName: row.display_name,
    emailClaim: row.email_claim,
    isRequired: row.is_required,
    allowedDomains: [...(row.domains ?? [])].sort(),
    updatedAt: row.updated_at,
  };
}

/** The customer whose connection accepts this e-mail domain, if any (domain discovery). */
export async function findConnectionByDomain(
  db: Db,
  domain: string,
): Promise<{ customerId: string; displayName: string; isRequired: boolean } | undefined> {
  const row = await db
    .selectFrom('customer_sso_domains as d')
    .innerJoin('customer_sso_connections as c', 'c.customer_id', 'd.customer_id')
    .select(['c.customer_id', 'c.display_name', 'c.is_required'])
    .where('d.domain', '=', domain)
    .executeTakeFirst();
  return row
    ? { customerId: row.customer_id, displayName: row.display_name, isRequired: row.is_required }
    : undefined;
}

export async function customerExists(db: Db, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findRequiresTwoFactor(
  db: Db,
  customerId: string,
): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('customers')
    .select('requires_two_factor')
    .where('id', '=', customerId)
    .executeTakeFirst();
  return row?.requires_two_factor;
}

export async function setRequiresTwoFactor(
  db: Db,
  customerId: string,
  requiresTwoFactor: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({ requires_two_factor: requiresTwoFactor })
    .where('id', '=', customerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Domains among these that another customer's connection already owns. */
export async function findDomainsOwnedByOthers(
  db: Db,
  customerId: string,
  domains: readonly string[],
): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .selectFrom('customer_sso_domains')
    .select('domain')
    .where('domain', 'in', domains)
    .where('customer_id', '<>', customerId)
    .execute();
  return rows.map((row) => row.domain);
}

export async function upsertConnection(
  db: Db,
  input: {
    customerId: string;
    issuer: string;
    clientId: string;
    sealedSecret: string | null;
    displayName: string;
    emailClaim: string;
    isRequired: boolean;
    allowedDomains: readonly string[];
    now: Date;
  },
): Promise<void> {
  const fields = {
    issuer: input.issuer,
    client_id: input.clientId,
    display_name: input.displayName,
    email_claim: input.emailClaim,
    is_required: input.isRequired,
    updated_at: input.now,
  };
  await db
    .insertInto('customer_sso_connections')
    .values({
      customer_id: input.customerId,
      ...fields,
      client_secret: input.sealedSecret ?? '',
      created_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .column('customer_id')
        .doUpdateSet(
          input.sealedSecret === null ? fields : { ...fields, client_secret: input.sealedSecret },
        ),
    )
    .execute();
  await db.deleteFrom('customer_sso_domains').where('customer_id', '=', input.customerId).execute();
  await db
    .insertInto('customer_sso_domains')
    .values(input.allowedDomains.map((domain) => ({ domain, customer_id: input.customerId })))
    .execute();
}

export async function deleteConnection(db: Db, customerId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('customer_sso_connections')
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// ---- flows -------------------------------------------------------------------------------

export async function insertFlow(
  db: Db,
  flow: {
    id: string;
    connection: string;
    browserHash: string;
    nonce: string;
    codeVerifier: string;
    returnPath: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('sso_flows')
    .values({
      id: flow.id,
      connection: flow.connection,
      browser_hash: flow.browserHash,
      nonce: flow.nonce,
      code_verifier: flow.codeVerifier,
      return_path: flow.returnPath,
      created_at: flow.now,
      expires_at: flow.expiresAt,
    })
    .execute();
  // flows never finished (the user went away) go with the next start
  await db.deleteFrom('sso_flows').where('expires_at', '<=', flow.now).execute();
}

/** Takes a flow once: whoever comes back with its state second finds nothing. */
export async function takeFlow(db: Db, id: string) {
  const row = await db
    .deleteFrom('sso_flows')
    .where('id', '=', id)
    .returning([
      'connection',
      'browser_hash',
      'nonce',
      'code_verifier',
      'return_path',
      'expires_at',
    ])
    .executeTakeFirst();
  return row
    ? {
        connection: row.connection,
        browserHash: row.browser_hash,
        nonce: row.nonce,
        codeVerifier: row.code_verifier,
        returnPath: row.return_path,
        expiresAt: row.expires_at,
      }
    : undefined;
}

// ---- identities and users ----------------------------------------------------------------

export interface SsoUser {
  id: string;
  email: string;
  kind: 'customer' | 'operator';
  deactivatedAt: Date | null;
}

export async function findUserByIdentity(
  db: Db,
  issuer: string,
  subject: string,
): Promise<SsoUser | undefined> {
  const row = await db
    .selectFrom('sso_identities as i')
    .innerJoin('users', 'users.id', 'i.user_id')
    .select(['users.id', 'users.email', 'users.kind', 'users.deactivated_at'])
    .where('i.issuer', '=', issuer)
    .where('i.subject', '=', subject)
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, kind: row.kind, deactivatedAt: row.deactivated_at }
    : undefined;
}

export async function findUserByEmail(db: Db, email: string): Promise<SsoUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'kind', 'deactivated_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, kind: row.kind, deactivatedAt: row.deactivated_at }
    : undefined;
}

/** Whether the user holds a right on one of the customer's contracts. */
export async function hasGrantAt(db: Db, userId: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('grants')
    .innerJoin('contracts', 'contracts.id', 'grants.contract_id')
    .select('grants.user_id')
    .where('grants.user_id', '=', userId)
    .where('contracts.customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function linkIdentity(
  db: Db,
  input: { issuer: string; subject: string; userId: string; connection: string; now: Date },
): Promise<void> {
  await db
    .insertInto('sso_identities')
    .values({
      issuer: input.issuer,
      subject: input.subject,
      user_id: input.userId,
      connection: input.connection,
      created_at: input.now,
      last_sign_in_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['issuer', 'subject']).doUpdateSet({ last_sign_in_at: input.now }),
    )
    .execute();
}

/** Marks a session as opened by a connection, with the provider's ID token (for its logout). */
export async function markSession(
  db: Db,
  sessionId: string,
  connection: string,
  idToken: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ sso_connection: connection, sso_id_token: idToken })
    .where('id', '=', sessionId)
    .execute();
}

export async function findSessionSso(
  db: Db,
  sessionId: string,
): Promise<{ connection: string; idToken: string | null } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['sso_connection', 'sso_id_token'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.sso_connection
    ? { connection: row.sso_connection, idToken: row.sso_id_token }
    : undefined;
}
