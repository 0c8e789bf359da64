import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetRefused, checkTarget, isPrivateAddress, postWebhook } from './webhook-target.ts';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::a00:1', true],
    ['2001:4860:4860::8888', false],
    ['not an address', true],
  ])('%s: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('checkTarget', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'https://10.0.0.5/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://0x7f000001/hook',
    'http://2130706433/hook',
  ])('refuses %s without WEBHOOKS_ALLOW_PRIVATE', async (url) => {
    await expect(checkTarget(url, false)).rejects.toMatchObject({ rule: 'private_address' });
  });

  it('accepts a loopback target when private targets are allowed', async () => {
    await expect(checkTarget('http://127.0.0.1:8080/hook', true)).resolves.toBeUndefined();
  });

  it.each([
    ['ftp://example.com/hook', 'url'],
    ['http://user:secret@example.com/hook', 'url'],
    ['http://', 'url'],
  ])('refuses %s (%s)', async (url, rule) => {
    await expect(checkTarget(url, true)).rejects.toBeInstanceOf(TargetRefused);
    await expect(checkTarget(url, true)).rejects.toMatchObject({ rule });
  });
});

describe('postWebhook', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/redirect') {
        response.writeHead(302, { location: '/ok' });
        response.end();
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 2000);
      } else if (request.url === '/big') {
        response.writeHead(200);
        response.end('x'.repeat(100_000));
      } else {
        response.writeHead(204);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = { allowPrivate: true, timeoutMs: 500, maxResponseBytes: 1000 };

  it('refuses a private address at connection time unless allowed (a name resolving to loopback)', async () => {
    const port = new URL(base).port;
    const refused = await postWebhook(`http://localhost:${port}/ok`, {}, '{}', {
      ...options,
      allowPrivate: false,
    });
    expect(refused.statusCode).toBeNull();
    expect(refused.error).toMatch(/private or loopback/);
    const literal = await postWebhook(`${base}/ok`, {}, '{}', { ...options, allowPrivate: false });
    expect(literal.statusCode).toBeNull();
    const allowed = await postWebhook(`http://localhost:${port}/ok`, {}, '{}', options);
    expect(allowed.statusCode).toBe(204);
  });

  it('does not follow redirects', async () => {
    const outcome = await postWebhook(`${base}/redirect`, {}, '{}', options);
    expect(outcome.statusCode).toBe(302);
  });

  it('gives up after its timeout', async () => {
    const outcome = await postWebhook(`${base}/slow`, {}, '{}', options);
    expect(outcome.statusCode).toBeNull();
    expect(outcome.error).toMatch(/within 500 ms/);
    expect(outcome.durationMs).toBeLessThan(1500);
  });

  it('keeps only the answer’s first bytes', async () => {
    const outcome = await postWebhook(`${base}/big`, {}, '{}', options);
    expect(outcome.statusCode).toBe(200);
    expect(outcome.excerpt.length).toBeLessThanOrEqual(1000);
    expect(outcome.excerpt.length).toBeGreaterThan(0);
  });
});
