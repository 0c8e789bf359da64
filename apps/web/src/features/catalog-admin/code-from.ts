import type { Text } from '@guichet/domain';

export const emptyText: Text = { fr: '', en: '' };

/** A code from a name: `Gérer mes licences` → `gerer-mes-licences`. */
export function codeFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/** `a, b ,c` → `['a', 'b', 'c']` */
export function listOf(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A help text is sent only when written in one language at least. */
export function helpOrNull(help: Text): Text | null {
  return help.fr.trim() || help.en.trim() ? help : null;
}
