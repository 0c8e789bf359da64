import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
 * Issue 17 part 4: a customer saves the list's filters as a view shared with the contract's
 * team, picks it again, reloads its URL (the filters come back from it), goes back, and
 * exports the list as CSV (a real download, `;`, dates on the browser's clock); a Visiteur of
 * the contract finds the shared view. An agent saves a view of the queue (filters and sort)
 * for every operator and exports it. At 1366 and 390 px, without serious axe violations.
 */

let browser: Browser;
const suffix = randomBytes(3).toString('hex');

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Asia/Tokyo',
    viewport: { width, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function downloaded(page: Page, name: string): Promise<{ file: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  const file = await download.path();
  return { file: download.suggestedFilename(), text: await readFile(file, 'utf8') };
}

/** On a phone the list's filters and tools wait behind « Filtres » (components/ui/list-controls.tsx). */
async function openFilters(page: Page, width: number): Promise<void> {
  if (width >= 720) return;
  const filters = page.getByRole('button', { name: /^Filtres/ });
  if ((await filters.getAttribute('aria-expanded')) !== 'true') await filters.click();
}

describe.skipIf(!hasBrowser)('exports and saved views', () => {
  it.each([
    [1366, 'En cours', 'en_cours', /;En cours d['’]analyse;|;Devis|;En cours de réalisation;/],
    [390, 'Terminée', 'terminee', /;Réalisée;|;Refusée;|;Annulée;/],
  ] as const)(
    'a customer saves a view, reloads its URL and exports it at %i px (%s)',
    async (width, tab, group, statuses) => {
      const viewName = `OCB0005121 ${tab} ${suffix}-${width}`;
      const page = await newPage(width);
      await logIn(page, 'gestionnaire@acme.example');
      await page.getByRole('link', { name: tab, exact: true }).click();
      await openFilters(page, width);
      await page.getByLabel('Contrat', { exact: true }).selectOption('OCB0005121');
      await page.waitForURL(new RegExp(`group=${group}.*contractId=OCB0005121`));

      await page.getByRole('button', { name: 'Enregistrer la vue' }).click();
      await page.getByLabel('Nom de la vue').fill(viewName);
      await page.getByLabel('Partage').selectOption({ label: 'L’équipe du contrat OCB0005121' });
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByText(`Vue « ${viewName} » enregistrée.`).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `saved-views-requests-${width}`);

      // back to the whole list, then the view from the menu: its filters come back
      await page.getByRole('link', { name: 'Toutes', exact: true }).click();
      await page.getByLabel('Contrat', { exact: true }).selectOption('');
      await expect.poll(() => new URL(page.url()).search).toBe('');
      await page.getByLabel('Vues enregistrées').selectOption({ label: viewName });
      await page.waitForURL(/contractId=OCB0005121/);
      const viewUrl = page.url();
      expect(new URL(viewUrl).searchParams.get('group')).toBe(group);

      // the URL is the view: a reload (a bookmark) shows the same filters and the view
      await page.reload();
      await page.getByRole('heading', { name: 'Demandes', level: 1 }).waitFor();
      await openFilters(page, width);
      await expect
        .poll(() => page.getByLabel('Contrat', { exact: true }).inputValue())
        .toBe('OCB0005121');
      await expect
        .poll(async () =>
          (
            await page.getByLabel('Vues enregistrées').locator('option:checked').textContent()
          )?.trim(),
        )
        .toBe(viewName);
      // back and forward move between the filters
      await page.goBack();
      await expect.poll(() => new URL(page.url()).search).toBe('');
      await page.goForward();
      await expect.poll(() => page.url()).toBe(viewUrl);

      const { file, text } = await downloaded(page, 'Exporter en CSV');
      expect(file).toMatch(/^demandes-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(text.startsWith('\uFEFFNuméro;Type de demande;Statut;Contrat;')).toBe(true);
      const href = await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
      const query = new URL(`${baseUrl}${href}`).searchParams;
      expect(Object.fromEntries(query)).toEqual({
        group,
        contractId: 'OCB0005121',
        separator: 'semicolon',
        timeZone: 'Asia/Tokyo',
      });
      for (const line of text.trim().split('\r\n').slice(1)) {
        expect(line.split(';')[3]).toBe('OCB0005121');
        expect(line).toMatch(statuses);
      }
      // unticked: commas
      await page.getByLabel('Séparateur point-virgule (Excel en français)').uncheck();
      const commas = await downloaded(page, 'Exporter en CSV');
      expect(commas.text.startsWith('\uFEFFNuméro,Type de demande,Statut,Contrat,')).toBe(true);
      await page.context().close();

      // the contract's Visiteur finds the shared view in its menu
      const visitor = await newPage(width);
      await logIn(visitor, 'visiteur@acme.example');
      await openFilters(visitor, width);
      await visitor.getByLabel('Vues enregistrées').selectOption({
        label: `${viewName} (partagée par Camille Martin)`,
      });
      await visitor.waitForURL(/contractId=OCB0005121/);
      // not its own: it cannot rename or delete it
      expect(await visitor.getByRole('button', { name: 'Supprimer la vue' }).count()).toBe(0);
      await visitor.context().close();
    },
  );

  it('an agent saves a view of the queue for every operator, renames it and exports it', async () => {
    const viewName = `Plus récentes ${suffix}`;
    const page = await newPage(1366);
    await page.goto(`${baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('agent@guichet.example');
    await page.getByLabel('Mot de passe').fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'File des demandes', level: 1 }).waitFor();
    await page.getByLabel('Tri', { exact: true }).selectOption('newest');
    await page.waitForURL(/tri=newest/);
    await page.getByRole('button', { name: 'Enregistrer la vue' }).click();
    await page.getByLabel('Nom de la vue').fill(viewName);
    await page.getByLabel('Partage').selectOption({ label: 'Tous les opérateurs' });
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText(`Vue « ${viewName} » enregistrée.`).waitFor();

    await page.getByRole('button', { name: 'Renommer ou partager' }).click();
    await page.getByLabel('Nom de la vue').fill(`${viewName} (équipe)`);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText(`Vue « ${viewName} (équipe) » modifiée.`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'saved-views-queue-1366');

    const { file, text } = await downloaded(page, 'Exporter en CSV');
    expect(file).toMatch(/^file-des-demandes-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = text.slice(1).trim().split('\r\n');
    expect(header?.split(';').slice(0, 4)).toEqual([
      'Numéro',
      'Type de demande',
      'Statut',
      'Client',
    ]);
    expect(lines.length).toBeGreaterThan(0);
    // newest first: the submission dates go down
    const submitted = lines.map((line) => line.split(';')[13] ?? '');
    expect([...submitted].sort().reverse()).toEqual(submitted);

    await page.getByRole('button', { name: 'Supprimer la vue' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Supprimer la vue' }).click();
    await page.getByText(`Vue « ${viewName} (équipe) » supprimée.`).waitFor();
    await page.context().close();
  });
});
