import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { billingMonth } from '@guichet/domain';
import {
  baseUrl,
  demoPassword,
  hasBrowser,
  launchBrowser,
  logIn,
  screenshot,
  seriousViolations,
} from './browser.ts';

/**
 * Issue 14's statements: an admin opens « Relevés mensuels », finds a contract, opens its
 * statement and its CSV; the demo manager, Visiteur on Contrats, has no « Relevés » link and
 * is told which profile the page needs. At 390 and 1366 px, without serious axe violations.
 */

let browser: Browser;
/** The current month, provisional on every statement. */
const currentMonth = billingMonth(new Date(), 'Europe/Paris').slice(0, 7);

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function logInAsAdmin(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel(/e-mail/i).fill('admin@guichet.example');
  await page.getByLabel(/mot de passe/i).fill(demoPassword);
  await page.getByRole('button', { name: /se connecter/i }).click();
  await page.waitForURL(/\/back-office/);
}

describe.skipIf(!hasBrowser)('monthly statements', () => {
  it.each([390, 1366])(
    'the back-office lists, searches and opens statements at %i px',
    async (width) => {
      const page = await newPage(width);
      await logInAsAdmin(page);
      // on the phone the header's links are behind « Menu » (components/ui/header-menu.tsx)
      // (decided by the width, not by looking: the header may not be drawn yet)
      if (width < 720) await page.getByRole('button', { name: 'Menu', exact: true }).click();
      await page.getByRole('link', { name: 'Relevés mensuels' }).click();
      await page.getByRole('heading', { name: 'Relevés mensuels', level: 1 }).waitFor();
      await page.getByLabel('Mois', { exact: true }).fill(currentMonth);
      await page.getByRole('table').waitFor();
      await page.getByLabel('Client ou contrat').fill('OCB0005121');
      await expect.poll(async () => page.getByRole('table').getByRole('row').count()).toBe(3); // header, the contract, the grand total
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `statements-back-office-${width}`);
      const csv = page.getByRole('link', { name: 'Exporter le mois (CSV)' });
      expect(await csv.getAttribute('href')).toBe(
        `/api/back-office/statements.csv?month=${currentMonth}&separator=semicolon`,
      );
      const download = await page.request.get(`${baseUrl}${await csv.getAttribute('href')}`);
      expect(download.headers()['content-type']).toBe('text/csv; charset=utf-8');

      await page.getByRole('link', { name: 'Voir le relevé de OCB0005121' }).click();
      await page.getByRole('heading', { name: /Relevé OCB0005121/, level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Changements facturés' }).waitFor();
      // the free changes of the month come first, before the billed ones
      expect(
        (await page.locator('.statement').getByRole('heading', { level: 2 }).allTextContents()).map(
          (heading) => heading.trim(),
        ),
      ).toEqual(['Changements gratuits du mois', 'Changements facturés', 'Devis acceptés']);
      await page.getByText('Provisoire', { exact: true }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `statement-back-office-${width}`);
      await page.context().close();
    },
  );

  it('tells a Visiteur on Contrats which profile the statements need', async () => {
    const page = await newPage(390);
    await logIn(page, 'gestionnaire@acme.example');
    expect(await page.getByRole('link', { name: 'Relevés', exact: true }).count()).toBe(0);
    await page.goto(`${baseUrl}/releves`);
    await page.getByRole('heading', { name: 'Accès aux relevés refusé' }).waitFor();
    await page.getByText('réservés au profil Gestionnaire sur la section Contrats').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
