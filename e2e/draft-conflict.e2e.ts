import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  chooseArticle,
  hasBrowser,
  launchBrowser,
  logIn,
  screenshot,
  seriousViolations,
} from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1366, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await logIn(page, 'gestionnaire@acme.example');
  return page;
}

const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const requested = (page: Page) => page.getByRole('textbox', { name: /Valeur demandée/ }).first();

describe.skipIf(!hasBrowser)('a draft open in two pages', () => {
  it('shows what the other page saved, then keeps or reloads', async () => {
    const first = await newPage();
    await first.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=OCB0005121`);
    await chooseArticle(first, {
      search: 'acme-prod',
      item: /FE-OCB0005121-1/,
      catalog: 'Catalogue de Changement Standard',
      category: 'Quotas',
      article: 'Modifier mes quotas',
    });
    await textbox(first, 'Projet').fill('acme-prod');
    await first
      .getByRole('combobox', { name: /Type de quota/ })
      .first()
      .selectOption({ label: 'vCPU (ECS)' });
    await requested(first).fill('40');
    await textbox(first, 'Votre référence').fill('E2E-CONFLIT');
    await first.getByRole('button', { name: 'Enregistrer en brouillon' }).click();
    await first.waitForURL(/\/demandes\/[0-9a-f-]+\/modifier/);
    await first.getByText('Brouillon enregistré').waitFor();

    const second = await newPage();
    await second.goto(first.url());
    await textbox(second, 'Votre référence').waitFor();
    expect(await textbox(second, 'Votre référence').inputValue()).toBe('E2E-CONFLIT');
    await textbox(second, 'Commentaire').fill('Vu par le second onglet');

    await textbox(first, 'Votre référence').fill('E2E-PREMIER');
    await requested(first).fill('48');
    await first.getByRole('button', { name: 'Enregistrer en brouillon' }).click();
    await first.getByText('Brouillon enregistré').waitFor();

    // The live update: the inputs stay as typed, the notice says what differs before saving.
    await second
      .getByText('Ce brouillon vient d\u2019être modifié ailleurs')
      .or(second.getByText("Ce brouillon vient d'être modifié ailleurs"))
      .waitFor();
    expect(await textbox(second, 'Votre référence').inputValue()).toBe('E2E-CONFLIT');
    expect(await textbox(second, 'Commentaire').inputValue()).toBe('Vu par le second onglet');

    // Saving on the old version: 409, the same differences.
    await second.getByRole('button', { name: 'Enregistrer en brouillon' }).click();
    await second.getByText('Ce brouillon a été modifié ailleurs').waitFor();
    const list = second.getByRole('list', { name: 'Champs qui diffèrent' });
    await expect
      .poll(() => list.locator('li').allTextContents())
      .toEqual([
        expect.stringMatching(/Valeur demandée.*:\s*48.*:\s*40/),
        expect.stringMatching(/Votre référence.*:\s*E2E-PREMIER.*:\s*E2E-CONFLIT/),
        expect.stringMatching(/Commentaire.*:\s*—.*:\s*Vu par le second onglet/),
      ]);
    expect(await seriousViolations(second)).toEqual([]);
    await screenshot(second, 'draft-conflict-1366');
    await second.setViewportSize({ width: 390, height: 844 });
    await screenshot(second, 'draft-conflict-390');
    await second.setViewportSize({ width: 1366, height: 900 });

    // « Garder mes modifications »: the next save replaces the other version knowingly.
    await second.getByRole('button', { name: 'Garder mes modifications' }).click();
    await expect.poll(() => list.count()).toBe(0);
    await second.getByRole('button', { name: 'Enregistrer en brouillon' }).click();
    await second.getByText('Brouillon enregistré').waitFor();

    // The first page, unsaved changes or not, is told; « Recharger le brouillon » takes theirs.
    await first.getByRole('button', { name: 'Recharger le brouillon' }).click();
    await expect
      .poll(() => textbox(first, 'Commentaire').inputValue())
      .toBe('Vu par le second onglet');
    expect(await textbox(first, 'Votre référence').inputValue()).toBe('E2E-CONFLIT');
    expect(await requested(first).inputValue()).toBe('40');
    expect(await first.getByRole('list', { name: 'Champs qui diffèrent' }).count()).toBe(0);

    await first.context().close();
    await second.context().close();
  });
});
