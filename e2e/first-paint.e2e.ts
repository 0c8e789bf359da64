import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiSession, baseUrl, hasBrowser, launchBrowser } from './browser.ts';

/**
 * Issue 22, part 3 (decision 0038): the first page loads one language and the customer's part
 * of the dictionary; the other language comes with a switch, the areas (rights, back-office…)
 * with their routes, and no screen shows a raw key meanwhile. The session asked for by
 * index.html's preload is the answer the app uses: one request, no « preloaded but not used ».
 */

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

interface Watched {
  page: Page;
  /** The paths asked for, in order. */
  requests: string[];
  warnings: string[];
}

/** A page in a context of its own (an empty cache), signed in with `cookie` if given. */
async function watchedPage(cookie?: string): Promise<Watched> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1366, height: 900 },
  });
  contexts.push(context);
  if (cookie) {
    const [name = '', value = ''] = cookie.split('=');
    await context.addCookies([{ name, value, url: baseUrl }]);
  }
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const watched: Watched = { page, requests: [], warnings: [] };
  page.on('request', (request) => watched.requests.push(new URL(request.url()).pathname));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error')
      watched.warnings.push(message.text());
  });
  return watched;
}

// A key shown instead of its words: `branch.key` of one of the dictionary's branches.
const rawKey =
  /\b(app|common|header|login|status|requests|changeForm|billing|form|detail|errors|rights|operations|catalogAdmin|operatorAccounts|statements|providerAdmin|inventorySync|integrations|approvals|questions|windows|dueDates|signIn|sso|execution|live)\.[a-zA-Z]/;

async function expectNoRawKey(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(rawKey);
}

const isLocaleChunk = (path: string, part: 'first-paint' | 'areas', locale: 'fr' | 'en') =>
  new RegExp(`^/assets/${part}\\.${locale}-[\\w-]+\\.js$`).test(path);

describe.skipIf(!hasBrowser)('the first paint (issue 22, part 3)', () => {
  it('loads the change form with one language and one session request, and the other language with a switch', async () => {
    const cookie = await apiSession('gestionnaire@acme.example');
    const contracts = (await (
      await fetch(`${baseUrl}/api/contracts`, { headers: { cookie } })
    ).json()) as { items: { id: string }[] };
    const { page, requests, warnings } = await watchedPage(cookie);
    await page.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=${contracts.items[0]?.id}`);
    await page.getByRole('heading', { name: "Création d'un changement", level: 1 }).waitFor();
    await page.getByRole('combobox').first().waitFor();
    // Chromium says « preloaded but not used » a few seconds after the load event.
    await page.waitForTimeout(4_000);

    expect(requests.filter((path) => path === '/api/session/current')).toHaveLength(1);
    // Asked for by index.html's preload (a `link`), not by the app's fetch once evaluated.
    const initiators = await page.evaluate<string[]>(
      `performance.getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname === '/api/session/current')
        .map((entry) => entry.initiatorType)`,
    );
    expect(initiators).toEqual(['link']);
    // The contracts too, from the Link header of the change form's page (signed in).
    expect(requests.filter((path) => path === '/api/contracts')).toHaveLength(1);
    expect(warnings.filter((text) => /preload/i.test(text))).toEqual([]);
    expect(requests.some((path) => isLocaleChunk(path, 'first-paint', 'fr'))).toBe(true);
    expect(requests.some((path) => isLocaleChunk(path, 'first-paint', 'en'))).toBe(false);
    expect(requests.some((path) => /^\/assets\/areas\./.test(path))).toBe(false);
    await expectNoRawKey(page);

    await page
      .getByRole('group', { name: "Langue de l'interface" })
      .getByRole('button', { name: 'EN' })
      .click();
    await page.getByRole('heading', { name: 'New change', level: 1 }).waitFor();
    expect(requests.some((path) => isLocaleChunk(path, 'first-paint', 'en'))).toBe(true);
    await expectNoRawKey(page);

    // An area's route (users and rights) brings the area's words in the language shown.
    await page.getByRole('link', { name: 'Users', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect(requests.some((path) => isLocaleChunk(path, 'areas', 'en'))).toBe(true);
    await expectNoRawKey(page);

    // Back to French on the area's page: both parts of French are there before it shows.
    await page
      .getByRole('group', { name: 'Interface language' })
      .getByRole('button', { name: 'FR' })
      .click();
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    expect(requests.some((path) => isLocaleChunk(path, 'areas', 'fr'))).toBe(true);
    await expectNoRawKey(page);
  });

  it('shows the back-office, an area, with its words on a cold visit', async () => {
    const { page, requests } = await watchedPage(await apiSession('agent@guichet.example'));
    await page.goto(`${baseUrl}/back-office`);
    await page.getByRole('heading', { name: 'File des demandes', level: 1 }).waitFor();
    expect(requests.some((path) => isLocaleChunk(path, 'areas', 'fr'))).toBe(true);
    await expectNoRawKey(page);
  });
});
