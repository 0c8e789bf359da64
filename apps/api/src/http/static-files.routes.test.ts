import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../test/harness.ts';
import type { Harness } from '../test/harness.ts';
import { cacheControlFor, preloadLinkFor } from './static-files.ts';

// Issue 19 (delivery): hashed assets cached for good, pages checked at every load, and the
// build's precompressed files sent to browsers that accept them.
describe('the web files', () => {
  let harness: Harness;
  let webDist: string;
  const script = `console.info(${JSON.stringify('Guichet '.repeat(400))});\n`;

  beforeAll(async () => {
    webDist = await mkdtemp(path.join(tmpdir(), 'guichet-web-'));
    await mkdir(path.join(webDist, 'assets'));
    await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>Guichet</title>');
    const asset = path.join(webDist, 'assets', 'index-B7x2kQ9a.js');
    await writeFile(asset, script);
    await writeFile(`${asset}.br`, brotliCompressSync(script));
    await writeFile(`${asset}.gz`, gzipSync(script));
    harness = await createHarness({ config: { webDist } });
  });

  afterAll(async () => {
    await harness.close();
    await rm(webDist, { recursive: true, force: true });
  });

  it('caches hashed assets for a year as immutable, and nothing else', () => {
    expect(cacheControlFor('/assets/index-B7x2kQ9a.js')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(cacheControlFor('/assets/index.js')).toBe('no-cache');
    expect(cacheControlFor('/index.html')).toBe('no-cache');
    expect(cacheControlFor('/favicon.svg')).toBe('no-cache');
  });

  it('sends the brotli file to a browser that accepts it, gzip to one that takes only gzip', async () => {
    const url = '/assets/index-B7x2kQ9a.js';
    const br = await harness.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);

    const gz = await harness.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await harness.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('serves the page itself and the app’s own paths with no-cache, so a release is seen at once', async () => {
    for (const url of ['/', '/demandes/nouvelle']) {
      const page = await harness.app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  // Issue 22 (decision 0038): the change form's contracts are asked for while its scripts load.
  it('preloads the contracts on the change form of a signed-in visitor, and nowhere else', async () => {
    const link = '</api/contracts>; rel=preload; as=fetch; crossorigin=anonymous';
    const cookie = 'guichet_session=whatever';
    for (const url of ['/demandes/nouvelle/changement?contrat=c-1', '/demandes/r-1/modifier']) {
      const page = await harness.app.inject({ url, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['link'], url).toBe(link);
      expect((await harness.app.inject({ url })).headers['link'], url).toBeUndefined();
    }
    for (const url of ['/', '/demandes', '/demandes/nouvelle', '/assets/index-B7x2kQ9a.js']) {
      const answer = await harness.app.inject({ url, headers: { cookie } });
      expect(answer.headers['link'], url).toBeUndefined();
    }
    expect(preloadLinkFor('/demandes/nouvelle/changement', true)).toBe(link);
    expect(preloadLinkFor('/demandes/nouvelle/changement', false)).toBeNull();
    expect(preloadLinkFor('/demandes/r-1', true)).toBeNull();
  });
});
