import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { hasBrowser, launchBrowser, logIn, screenshot, seriousViolations } from './browser.ts';

/**
 * Issue 19: the lists, the request page and « Utilisateurs » on a 390 × 844 phone and a
 * 1366 × 768 laptop. Nothing scrolls sideways; on the phone every request of the list shows
 * its status and its date inside the screen (the table's rows become cards, decision 0025).
 */

let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const screens = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
] as const;

async function newPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height } });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  // evaluated as text: the journeys are typed for Node, without the DOM's types
  const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  const innerWidth = await page.evaluate<number>('window.innerWidth');
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The element is on the screen as the page opens: inside its width and above its fold. */
async function expectAboveFold(element: Locator, width: number, height: number): Promise<void> {
  await expectInsideWidth(element, width);
  const box = await element.boundingBox();
  if (box) expect(box.y + box.height).toBeLessThanOrEqual(height);
}

/** The element is shown and lies across no edge of the screen's width. */
async function expectInsideWidth(element: Locator, width: number): Promise<void> {
  expect(await element.isVisible()).toBe(true);
  const box = await element.boundingBox();
  expect(box).not.toBeNull();
  if (!box) return;
  expect(box.width).toBeGreaterThan(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

describe.skipIf(!hasBrowser)('lists, request page and users on a phone and a laptop', () => {
  it.each(screens)(
    'shows the requests, a request and the users at $width × $height',
    async ({ width, height }) => {
      const page = await newPage(width, height);
      await logIn(page, 'gestionnaire@acme.example');
      const rows = page.locator('table tbody tr');
      await page.getByRole('link', { name: 'CHG-2026-000001' }).waitFor();
      expect(await rows.count()).toBeGreaterThan(0);
      await expectNoSidewaysScroll(page);
      for (const row of await rows.all()) {
        await expectInsideWidth(row.locator('td[data-label="Statut"] .badge'), width);
        await expectInsideWidth(row.locator('td[data-label="Date"] time'), width);
        await expectInsideWidth(row.getByRole('link'), width);
      }
      // the first request, its status and its date without scrolling; on the phone the
      // filters and tools wait behind « Filtres » (components/ui/list-controls.tsx)
      const first = rows.first();
      await expectAboveFold(first.getByRole('link'), width, height);
      await expectAboveFold(first.locator('td[data-label="Statut"] .badge'), width, height);
      await expectAboveFold(first.locator('td[data-label="Date"] time'), width, height);
      const search = page.getByRole('searchbox', { name: 'Rechercher' });
      if (width < 720) {
        expect(await search.isVisible()).toBe(false);
        const filters = page.getByRole('button', { name: 'Filtres' });
        await filters.click();
        expect(await filters.getAttribute('aria-expanded')).toBe('true');
        await search.waitFor();
        await screenshot(page, `responsive-requests-filters-${width}`);
        await filters.click();
        await search.waitFor({ state: 'hidden' });
      } else {
        expect(await page.getByRole('button', { name: 'Filtres' }).isVisible()).toBe(false);
        await search.waitFor();
      }
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `responsive-requests-${width}`);

      await page.getByRole('link', { name: 'CHG-2026-000001' }).click();
      await page.getByRole('heading', { name: /CHG-2026-000001/, level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Historique' }).waitFor();
      await expectNoSidewaysScroll(page);
      await expectInsideWidth(page.locator('.page__title .badge'), width);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `responsive-request-${width}`);

      // on the phone the header's links are behind « Menu » (components/ui/header-menu.tsx)
      // (decided by the width, not by looking: the header may not be drawn yet)
      if (width < 720) await page.getByRole('button', { name: 'Menu', exact: true }).click();
      await page.getByRole('link', { name: 'Utilisateurs' }).first().click();
      await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
      const users = page.locator('table.users-table tbody tr');
      await users.first().waitFor();
      await expectNoSidewaysScroll(page);
      for (const user of await users.all()) {
        await expectInsideWidth(user.locator('td[data-label="Statut"] .badge'), width);
        await expectInsideWidth(user.getByRole('link'), width);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `responsive-users-${width}`);

      // the rights grid of a new user: on the phone each contract's sections one under the other
      await page.getByRole('link', { name: 'Ajouter un utilisateur' }).click();
      await page.getByRole('textbox', { name: /^Identifiant/ }).fill('grille.telephone');
      await page.getByRole('textbox', { name: /^Nom/ }).fill('Téléphone');
      await page.getByRole('textbox', { name: /^Prénom/ }).fill('Grille');
      await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill('grille@acme.example');
      await page.getByRole('button', { name: 'Suivant' }).click();
      const grid = page.getByRole('table', { name: 'Profils par contrat et par section' });
      await grid.waitFor();
      await expectNoSidewaysScroll(page);
      const sideways = await page.evaluate<number>(
        "(() => { const box = document.querySelector('.grants-grid__scroll'); return box.scrollWidth - box.clientWidth; })()",
      );
      expect(sideways).toBe(0);
      for (const select of await grid.getByRole('combobox').all()) {
        await expectInsideWidth(select, width);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `responsive-rights-grid-${width}`);
      await page.context().close();
    },
  );
});
