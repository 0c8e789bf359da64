import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import {
  generateSecret,
  openSecret,
  sealSecret,
  signatureHeader,
  webhookHeaders,
} from './webhook-secrets.ts';

/**
 * The Standard Webhooks specification's own example (spec.md, « Signature scheme »): this
 * secret, id, timestamp and body give this signature.
 */
const example = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

/** The specification's algorithm, written out: HMAC-SHA256 of `id.timestamp.body`, base64. */
function specSignature(secret: string, id: string, timestamp: number, payload: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64')}`;
}

describe('webhook signatures', () => {
  it('give the specification’s published example', () => {
    const at = new Date(example.timestamp * 1000);
    expect(signatureHeader([example.secret], example.id, at, example.payload)).toBe(
      example.signature,
    );
    expect(specSignature(example.secret, example.id, example.timestamp, example.payload)).toBe(
      example.signature,
    );
    expect(webhookHeaders([example.secret], example.id, at, example.payload)).toEqual({
      'webhook-id': example.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': example.signature,
    });
  });

  it('sign with both secrets during a rotation, space-separated, each verifiable alone', () => {
    const current = generateSecret();
    const previous = generateSecret();
    const at = new Date();
    const payload = JSON.stringify({ type: 'request.done', data: {} });
    const header = signatureHeader([current, previous], 'msg_1', at, payload);
    const timestamp = Math.floor(at.getTime() / 1000);
    expect(header).toBe(
      `${specSignature(current, 'msg_1', timestamp, payload)} ${specSignature(previous, 'msg_1', timestamp, payload)}`,
    );
    const headers = webhookHeaders([current, previous], 'msg_1', at, payload);
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
    }
    expect(() => new Webhook(generateSecret()).verify(payload, headers)).toThrow();
  });

  it('are made with secrets of 32 random bytes, whsec_ and base64 as the specification writes them', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });
});

describe('secrets at rest', () => {
  const key = randomBytes(32);

  it('are encrypted with the configured key, and read back', () => {
    const secret = generateSecret();
    const sealed = sealSecret(secret, key);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(openSecret(sealed, key)).toBe(secret);
    expect(sealSecret(secret, key)).not.toBe(sealed);
  });

  it('cannot be read with another key, nor changed unnoticed', () => {
    const sealed = sealSecret(generateSecret(), key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    const [version, iv, tag, encrypted = ''] = sealed.split(':');
    const flipped = Buffer.from(encrypted, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() =>
      openSecret([version, iv, tag, flipped.toString('base64')].join(':'), key),
    ).toThrow();
    expect(() => openSecret(sealed, null)).toThrow(/WEBHOOKS_SECRET_KEY/);
  });

  it('are kept as they are without a key (and say so)', () => {
    const secret = generateSecret();
    expect(sealSecret(secret, null)).toBe(`plain:${secret}`);
    expect(openSecret(`plain:${secret}`, null)).toBe(secret);
  });
});
