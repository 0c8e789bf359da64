import type { AuthUser } from '../http/context.ts';

/** The `users` columns who calls is read from, by a session and by an API token alike. */
export interface AuthUserRow {
  id: string;
  email: string;
  display_name: string;
  locale: 'fr' | 'en';
  kind: 'customer' | 'operator';
  operator_role: AuthUser['operatorRole'];
}

export function toAuthUser(row: AuthUserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    kind: row.kind,
    operatorRole: row.operator_role,
  };
}
