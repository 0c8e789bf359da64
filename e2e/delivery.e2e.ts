import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, hasBrowser, launchBrowser, logIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Issue 19 (delivery): what a browser receives, as the browser receives it.
describe.skipIf(!hasBrowser)('delivery of the web app', () => {
  it('logs nothing in the console at the login page’s first visit, nor once signed in', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const logged: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
    });
    page.on('pageerror', (error) => logged.push(error.message));
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Mot de passe').waitFor();
    expect(logged).toEqual([]);
    await logIn(page, 'visiteur@acme.example');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(logged).toEqual([]);
    await context.close();
  });

  it('sends the scripts compressed and cached for good, the page itself checked at every load', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: { url: string; encoding?: string; cache?: string }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      const headers = response.headers();
      scripts.push({
        url: response.url(),
        encoding: headers['content-encoding'],
        cache: headers['cache-control'],
      });
    });
    const document = await page.goto(`${baseUrl}/connexion`);
    expect(document?.headers()['cache-control']).toBe('no-cache');
    await page.getByLabel('Mot de passe').waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script).toMatchObject({
        encoding: 'br',
        cache: 'public, max-age=31536000, immutable',
      });
    }
    await context.close();
  });
});
