import type { Db } from './connect.ts';
import type { UsersTable } from './schema.ts';

/** Written in place of a password hash until an invited user sets one: it matches no password. */
export const noPasswordYet = '!invited';

/**
 * A new account without a password yet, which its invitation sets: a customer's user (the
 * users feature) or an operator (operator-accounts), the same row but for its kind and role.
 */
export async function insertInvitedUser(
  db: Db,
  user: {
    id: string;
    email: string;
    firstName: string;
    lastName: string;
    /** The name screens show, built by the domain's `personName`. */
    displayName: string;
    locale: 'fr' | 'en';
    kind: 'customer' | 'operator';
    operatorRole: UsersTable['operator_role'];
    /** Null for an account that logs in with its e-mail. */
    login?: string | null;
    phone?: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      login: user.login ?? null,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      display_name: user.displayName,
      phone: user.phone ?? null,
      password_hash: noPasswordYet,
      locale: user.locale,
      kind: user.kind,
      operator_role: user.operatorRole,
      created_at: user.at,
      activated_at: null,
    })
    .execute();
}
