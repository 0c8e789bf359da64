/** The characters that count as « special » in a password (the en dash too, as typed in the guide). */
export const passwordSpecialCharacters = ['#', '!', '.', '@', '_', '-', '–', '/'] as const;

export const passwordMinLength = 10;
/** Long enough for any passphrase, short enough to keep hashing cheap. */
export const passwordMaxLength = 128;

export type PasswordRule =
  'min_length' | 'max_length' | 'lowercase' | 'uppercase' | 'digit' | 'special' | 'confirmation';

const special = new Set<string>(passwordSpecialCharacters);

/**
 * Every rule a new password breaks, in the order the form lists them: at least 10 characters
 * with a lower-case letter, an upper-case letter, a digit and one of `# ! . @ _ – /`, typed
 * twice alike. Letters are counted in any script; length counts characters, not UTF-16 units.
 */
export function passwordProblems(password: string, confirmation: string): PasswordRule[] {
  const characters = [...password];
  const problems: PasswordRule[] = [];
  if (characters.length < passwordMinLength) problems.push('min_length');
  if (characters.length > passwordMaxLength) problems.push('max_length');
  if (!/\p{Ll}/u.test(password)) problems.push('lowercase');
  if (!/\p{Lu}/u.test(password)) problems.push('uppercase');
  if (!/\p{Nd}/u.test(password)) problems.push('digit');
  if (!characters.some((character) => special.has(character))) problems.push('special');
  if (password !== confirmation) problems.push('confirmation');
  return problems;
}
