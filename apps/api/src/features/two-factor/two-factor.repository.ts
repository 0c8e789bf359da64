import type { Db } from '@guichet/db';

export async function findSecret(db: Db, userId: string) {
  const row = await db
    .selectFrom('two_factor_secrets')
    .select(['secret', 'confirmed_at', 'last_used_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row
    ? {
        secret: row.secret,
        confirmedAt: row.confirmed_at,
        lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
      }
    : undefined;
}

/** A new secret waiting for its first code; replaces an unconfirmed one, never a confirmed one. */
export async function putUnconfirmedSecret(
  db: Db,
  userId: string,
  secret: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('two_factor_secrets')
    .values({ user_id: userId, secret, created_at: now })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret, created_at: now, last_used_step: null })
        .where('two_factor_secrets.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/**
 * Takes a time step for the user's secret: true only if it is later than the last one taken,
 * in one statement (two processes given the same code cannot both accept it).
 */
export async function takeStep(
  db: Db,
  userId: string,
  step: number,
  confirmAt: Date | null,
): Promise<boolean> {
  let query = db
    .updateTable('two_factor_secrets')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', String(step))]),
    );
  if (confirmAt) query = query.set({ confirmed_at: confirmAt });
  else query = query.where('confirmed_at', 'is not', null);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteSecret(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('two_factor_secrets').where('user_id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  hashes: readonly string[],
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash })))
    .execute();
}

/** Uses a recovery code once: true if it was the user's and still unused. */
export async function useRecoveryCode(
  db: Db,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countRecoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('left'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.left);
}

export async function insertPendingSignIn(
  db: Db,
  pending: {
    id: string;
    userId: string;
    step: 'code' | 'setup';
    address: string | null;
    device: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.deleteFrom('pending_sign_ins').where('expires_at', '<=', pending.now).execute();
  await db
    .insertInto('pending_sign_ins')
    .values({
      id: pending.id,
      user_id: pending.userId,
      step: pending.step,
      address: pending.address,
      device: pending.device,
      created_at: pending.now,
      expires_at: pending.expiresAt,
    })
    .execute();
}

export async function findPendingSignIn(db: Db, id: string, now: Date) {
  return db
    .selectFrom('pending_sign_ins')
    .innerJoin('users', 'users.id', 'pending_sign_ins.user_id')
    .select([
      'pending_sign_ins.user_id as userId',
      'pending_sign_ins.step',
      'pending_sign_ins.device',
      'users.email',
    ])
    .where('pending_sign_ins.id', '=', id)
    .where('pending_sign_ins.expires_at', '>', now)
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
}

export async function deletePendingSignIn(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pending_sign_ins').where('id', '=', id).execute();
}

/** Who to tell that their second factor was reset (issue 21). */
export async function findUserToTell(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirst();
}
