import type { ErrorDetail } from './api-client.ts';

/** The DOM id of the input for an error path: `values.lines.0.requested` → `field-values-lines-0-requested`. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** The id of the element carrying the error message of a field. */
export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

/** First message per path: what is shown beside each field. */
export function messagesByPath(details: readonly ErrorDetail[]): Map<string, string> {
  const messages = new Map<string, string>();
  for (const detail of details) {
    if (!messages.has(detail.path)) messages.set(detail.path, detail.message);
  }
  return messages;
}

/** Whether `path` is `under` or inside it (`values.lines.0` is under `values.lines`). */
export function isUnder(path: string, under: string): boolean {
  return path === under || path.startsWith(`${under}.`);
}

/** The errors left once a field (and everything inside it) has changed. */
export function withoutErrorsUnder(details: readonly ErrorDetail[], path: string): ErrorDetail[] {
  return details.filter((detail) => !isUnder(detail.path, path));
}
