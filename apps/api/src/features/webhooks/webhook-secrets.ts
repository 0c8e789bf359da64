import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Signing secrets (decision 0028). A secret is `whsec_` + 32 random bytes in base64, as the
 * Standard Webhooks specification writes them. They must be readable to sign, so they are
 * not hashed: with WEBHOOKS_SECRET_KEY set, they are stored encrypted (AES-256-GCM, `v1:` +
 * iv, tag, cipher text in base64); without it, `plain:` + the secret (and the start-up log
 * says so).
 */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function sealSecret(secret: string, key: Buffer | null): string {
  if (key === null) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), encrypted]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
    .join(':');
}

export function openSecret(stored: string, key: Buffer | null): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  const [version, iv, tag, encrypted] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !encrypted) throw new Error('Unknown secret format');
  if (key === null) throw new Error('WEBHOOKS_SECRET_KEY is needed to read the webhook secrets');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(encrypted, 'base64')),
    decipher.final(),
  ]).toString('utf8');
}

/**
 * The `webhook-signature` header: one `v1,<base64>` per secret, space-separated (the current
 * one first, then the previous one during a rotation's overlap), as the specification allows.
 */
export function signatureHeader(
  secrets: readonly string[],
  messageId: string,
  at: Date,
  payload: string,
): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, at, payload)).join(' ');
}

/** Standard Webhooks headers of one attempt (`webhook-timestamp` in seconds). */
export function webhookHeaders(
  secrets: readonly string[],
  messageId: string,
  at: Date,
  payload: string,
): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatureHeader(secrets, messageId, at, payload),
  };
}
