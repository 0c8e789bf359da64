import { randomBytes } from 'node:crypto';
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
 * Execution windows (issue 20, part 4, decision 0037): an admin declares a freeze; the customer asks a window that falls
 * in a freeze period the provider declared, sees the warning before confirming, confirms; the
 * agent's « Planifier » says that window is frozen (so not proposed), is refused inside the
 * freeze, plans outside it; the customer sees the planned window.
 */

let browser: Browser;
const suffix = randomBytes(3).toString('hex').toUpperCase();
const freezeLabel = `Gel E2E ${suffix}`;
const day = 86_400_000;

/** A local `YYYY-MM-DDTHH:mm` in Europe/Paris (the contract's zone), `days` from now at `time`. */
function parisLocal(days: number, time: string): string {
  const date = new Date(Date.now() + days * day).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Paris',
  });
  return `${date}T${time}`;
}

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

describe.skipIf(!hasBrowser)('an execution window asked in a freeze', () => {
  let requestUrl = '';
  let requestNumber = '';

  it('an admin declares a freeze on « Gel et maintenance »', async () => {
    // From 40 days ahead (the browser's UTC), for three days, on every Flexible Engine contract.
    const page = await newPage();
    await page.goto(`${baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('admin@guichet.example');
    await page.getByLabel('Mot de passe').fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // The settings fold under « Paramétrage » so the back-office bar keeps one row.
    await page.getByText('Paramétrage', { exact: true }).click();
    await page.getByRole('link', { name: 'Gel et maintenance' }).click();
    await page
      .getByRole('heading', { name: 'Périodes de gel et de maintenance', level: 1 })
      .waitFor();
    await page.getByLabel('Type').selectOption({ label: 'Gel' });
    await page.getByLabel('Libellé').fill(freezeLabel);
    await page.getByLabel('Offre').fill('Flexible Engine');
    await page.locator('#period-starts-at').fill(parisLocal(40, '00:00'));
    await page.locator('#period-ends-at').fill(parisLocal(43, '00:00'));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Période enregistrée.').waitFor();
    await page.getByRole('row', { name: new RegExp(freezeLabel) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'windows-00-gel-et-maintenance');
    await page.context().close();
  });

  it('the customer is warned of the freeze before confirming, and confirms', async () => {
    const page = await newPage();
    await logIn(page, 'gestionnaire@acme.example');
    await page.getByRole('link', { name: 'Créer une demande' }).click();
    await page.getByText('IMPORTANT :').waitFor();
    await page.getByRole('combobox', { name: 'Contrat', exact: true }).selectOption('OCB0005121');
    await page.getByRole('radio', { name: /Demander un changement/ }).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    const itemSearch = page.getByRole('combobox', { name: /Référence de l'élément de parc/ });
    await itemSearch.fill('acme-prod');
    await page.getByRole('option', { name: /FE-OCB0005121-1/ }).click();
    await page
      .getByRole('combobox', { name: 'Catalogue de changements', exact: true })
      .selectOption({ label: 'Catalogue de Changement Standard' });
    await page
      .getByRole('combobox', { name: 'Catégorie', exact: true })
      .selectOption({ label: 'Autres Demandes' });
    await page
      .getByRole('combobox', { name: 'Article de changement', exact: true })
      .selectOption({ label: 'Faire une autre demande' });
    await page
      .getByRole('textbox', { name: /Détail de la demande/ })
      .fill('Redémarrage des instances de production pendant la fenêtre demandée.');
    await page
      .getByRole('textbox', { name: 'Votre référence', exact: true })
      .fill(`E2E-W-${suffix}`);

    await page.getByLabel('Début de la fenêtre').fill(parisLocal(41, '22:00'));
    await page.getByLabel('Fin de la fenêtre').fill(parisLocal(42, '01:00'));
    await page.getByText(/Cette fenêtre tombe dans une période de gel/).waitFor();
    await page.getByText(new RegExp(freezeLabel)).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'windows-01-gel');

    const acknowledge = page.getByLabel(/Je comprends/);
    if ((await acknowledge.count()) > 0) await acknowledge.check();
    await page.getByRole('button', { name: 'Confirmer la demande' }).click();
    await page.waitForURL(/\/demandes\/[0-9a-f-]{36}$/);
    requestUrl = page.url();
    const heading = page.getByRole('heading', { name: /CHG-\d{4}-\d{6}/, level: 1 });
    await heading.waitFor();
    requestNumber = /CHG-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
    expect(requestNumber).not.toBe('');
    await page.getByText("Fenêtre d'exécution souhaitée").waitFor();
    await page.context().close();
  });

  it('the agent is proposed the window, refused inside the freeze, plans outside it', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('agent@guichet.example');
    await page.getByLabel('Mot de passe').fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'File des demandes', level: 1 }).waitFor();
    await page.goto(requestUrl.replace('/demandes/', '/back-office/demandes/'));
    await page.getByRole('heading', { name: `Demande ${requestNumber}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: "Démarrer l'analyse" }).click();
    await page.getByRole('dialog').getByRole('button', { name: "Démarrer l'analyse" }).click();
    await page.getByRole('button', { name: 'Planifier la réalisation' }).waitFor();

    await page.getByRole('button', { name: 'Planifier la réalisation' }).click();
    const dialog = page.getByRole('dialog');
    // The customer's window is frozen: not proposed, but said.
    await dialog.getByText(/Le client a demandé la fenêtre .* période de gel/).waitFor();
    await dialog.getByLabel('Début de la fenêtre').fill(parisLocal(41, '22:00'));
    await dialog.getByLabel('Fin de la fenêtre').fill(parisLocal(42, '01:00'));
    await dialog.getByRole('button', { name: 'Planifier la réalisation' }).click();
    await dialog.getByText(new RegExp(`Dans la période de gel « ${freezeLabel} »`)).waitFor();
    await screenshot(page, 'windows-02-refus-gel');

    await dialog.getByLabel('Début de la fenêtre').fill(parisLocal(44, '21:00'));
    await dialog.getByLabel('Fin de la fenêtre').fill(parisLocal(44, '23:00'));
    await dialog.getByRole('button', { name: 'Planifier la réalisation' }).click();
    await page.getByText("Fenêtre d'exécution planifiée").waitFor();
    await page.context().close();
  });

  it('the customer sees the planned window', async () => {
    const page = await newPage();
    await logIn(page, 'gestionnaire@acme.example');
    await page.goto(requestUrl);
    const planned = page.locator('dt', { hasText: "Fenêtre d'exécution planifiée" });
    await planned.waitFor();
    const value = await planned.locator('xpath=following-sibling::dd').textContent();
    expect(value).toMatch(/21:00.*23:00.*Europe\/Paris/);
    await screenshot(page, 'windows-03-planifiee');
    await page.context().close();
  });
});
