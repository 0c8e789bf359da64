/**
 * A random key for one submission (`Idempotency-Key`). `crypto.randomUUID` exists only in
 * secure contexts; `getRandomValues` everywhere, so Guichet served over plain HTTP works too.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
