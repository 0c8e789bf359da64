export const loginMinLength = 8;
export const loginMaxLength = 64;

export type LoginRule = 'length' | 'characters';

/**
 * What is wrong with a login, or null: 8 to 64 characters among letters without accents,
 * digits, `.`, `_` and `-`.
 */
export function loginProblem(login: string): LoginRule | null {
  if (!/^[A-Za-z0-9._-]*$/.test(login)) return 'characters';
  if (login.length < loginMinLength || login.length > loginMaxLength) return 'length';
  return null;
}

/** Logins are unique whatever their case: `J.Dupont` and `j.dupont` are the same login. */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
