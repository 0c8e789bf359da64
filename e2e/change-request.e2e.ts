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
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

describe.skipIf(!hasBrowser)('the guide’s steps 1–8, as a Gestionnaire', () => {
  let createdNumber = '';

  it('logs in (step 1) on an accessible login page', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/demandes`);
    await page.waitForURL(/\/connexion/);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '01-connexion');
    await page.getByLabel('Adresse e-mail').fill('gestionnaire@acme.example');
    await page.getByLabel('Mot de passe').fill('wrong');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await page.context().close();
  });

  it('creates, saves as a draft, and confirms a quota change (steps 2–8)', async () => {
    const page = await newPage();
    await logIn(page, 'gestionnaire@acme.example');

    // Step 2: the Demandes page and « Créer une demande »
    await page.getByRole('cell', { name: 'CHG-2026-000001' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '02-demandes');
    await page.getByRole('link', { name: 'Créer une demande' }).click();

    // Step 3: contract, then « Demander un changement »; the perimeter is recalled
    await page.getByText('IMPORTANT :').waitFor();
    await page.getByRole('combobox', { name: 'Contrat', exact: true }).selectOption('OCB0005121');
    await page.getByRole('radio', { name: /Demander un changement/ }).check();
    await screenshot(page, '03-nouvelle-demande');
    await page.getByRole('button', { name: 'Continuer' }).click();

    // Step 4: « 1 - Sélectionner un élément de votre parc »
    await page
      .getByRole('heading', { name: 'Création d\u2019un changement' })
      .or(page.getByRole('heading', { name: "Création d'un changement" }))
      .waitFor();
    await page
      .getByRole('heading', { name: '1 - Sélectionner un élément de votre parc' })
      .waitFor();
    const itemSearch = page.getByRole('combobox', { name: /Référence de l'élément de parc/ });
    await itemSearch.fill('acme-prod');
    await page.getByRole('option', { name: /FE-OCB0005121-1/ }).click();
    await page.getByRole('button', { name: "Changer d'élément" }).waitFor();
    await page
      .getByText('ATTENTION : Changement(s) déjà en cours sur le même élément de parc.')
      .waitFor();
    await page.getByRole('link', { name: 'Voir les autres demandes' }).waitFor();

    // Steps 5–7: « 2 - Description de la demande de changement »
    await page
      .getByRole('heading', { name: '2 - Description de la demande de changement' })
      .waitFor();
    const catalog = page.getByRole('combobox', { name: 'Catalogue de changements', exact: true });
    const offered = await catalog.locator('option').allTextContents();
    expect(offered).toEqual(
      expect.arrayContaining([
        'Catalogue de Changement Standard',
        'Gérer mes licences RDS',
        'Gérer mon accès GIN',
        'UCB - F.E: Autres Demandes',
      ]),
    );
    await catalog.selectOption({ label: 'Catalogue de Changement Standard' });
    await page
      .getByRole('combobox', { name: 'Catégorie', exact: true })
      .selectOption({ label: 'Quotas' });
    await page
      .getByRole('combobox', { name: 'Article de changement', exact: true })
      .selectOption({ label: 'Modifier mes quotas' });
    await page.getByRole('textbox', { name: 'Projet', exact: true }).fill('acme-prod');
    await page
      .getByRole('combobox', { name: /Type de quota/ })
      .first()
      .selectOption({ label: 'vCPU (ECS)' });
    await expect
      .poll(() =>
        page
          .getByRole('textbox', { name: /Valeur actuelle/ })
          .first()
          .inputValue(),
      )
      .toBe('20');
    const requested = page.getByRole('textbox', { name: /Valeur demandée/ }).first();
    await requested.fill('10');
    await requested.blur();
    // the cross-field rule shows as the user types, with no server round trip
    await page
      .getByText('La valeur demandée doit être supérieure à la valeur actuelle')
      .first()
      .waitFor();
    await requested.fill('40');
    await expect
      .poll(() =>
        page.getByText('La valeur demandée doit être supérieure à la valeur actuelle').count(),
      )
      .toBe(0);
    await page
      .getByRole('textbox', { name: 'Justification', exact: true })
      .fill('Montée en charge pour les soldes d’hiver.');
    await page.getByRole('textbox', { name: 'Votre référence', exact: true }).fill('E2E-QUOTAS');
    // Step 6: the cost before confirming
    await page
      .getByText(/Changement gratuit — il vous restera \d+ changements? gratuits? ce mois-ci/)
      .waitFor();
    await page.getByText('Paris - Val de Reuil').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '04-formulaire');

    // Step 7: « Enregistrer en brouillon », then « Confirmer la demande »
    await page.getByRole('button', { name: 'Enregistrer en brouillon' }).click();
    await page.getByText('Brouillon enregistré').waitFor();
    await page.waitForURL(/\/demandes\/[0-9a-f-]+\/modifier/);
    await page.getByRole('button', { name: 'Confirmer la demande' }).click();
    const confirmation = page.getByText(/Votre demande CHG-2026-\d{6} a été transmise/);
    await confirmation.waitFor();
    createdNumber = /CHG-2026-\d{6}/.exec((await confirmation.textContent()) ?? '')?.[0] ?? '';
    expect(createdNumber).not.toBe('');
    await screenshot(page, '05-detail');

    // Step 8: at once in the list, first, « Transmise »
    await page.goto(`${baseUrl}/demandes`);
    const firstRow = page.getByRole('row').nth(1);
    await expect.poll(() => firstRow.textContent()).toContain(createdNumber);
    expect(await firstRow.textContent()).toContain('Transmise');
    expect(await firstRow.textContent()).toContain('E2E-QUOTAS');
    await page.context().close();
  });

  it('confirms a draft reopened from the list in one step', async () => {
    const page = await newPage();
    await logIn(page, 'gestionnaire@acme.example');
    await page.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=OCB0005122`);
    await chooseArticle(page, {
      search: 'FE-OCB0005122-1',
      item: /FE-OCB0005122-1/,
      catalog: 'Catalogue de Changement Standard',
      category: 'Autres Demandes',
      article: 'Faire une autre demande',
    });
    await page
      .getByRole('textbox', { name: /Détail de la demande/ })
      .fill('Ouvrir le port 443 vers le réseau interne.');
    await page.getByRole('textbox', { name: 'Votre référence', exact: true }).fill('E2E-REOUVERT');
    await page.getByRole('button', { name: 'Enregistrer en brouillon' }).click();
    await page.getByText('Brouillon enregistré').waitFor();

    // Reopened from the list's « Brouillon » tab: its form, not a page with « Modifier » first
    await page.goto(`${baseUrl}/demandes?group=draft`);
    const draft = page.getByRole('row').filter({ hasText: 'E2E-REOUVERT' });
    await draft.getByRole('link', { name: 'Brouillon (sans n°)' }).click();
    await page.waitForURL(/\/demandes\/[0-9a-f-]+\/modifier$/);
    await page.getByRole('textbox', { name: 'Votre référence', exact: true }).waitFor();
    expect(
      await page.getByRole('textbox', { name: 'Votre référence', exact: true }).inputValue(),
    ).toBe('E2E-REOUVERT');
    let confirmations = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/requests\/[^/]+\/confirm$/.test(request.url()))
        confirmations += 1;
    });
    await page.getByRole('button', { name: 'Confirmer la demande' }).click();
    await page.getByText(/Votre demande CHG-2026-\d{6} a été transmise/).waitFor();
    expect(confirmations).toBe(1);
    await page.context().close();
  });

  it('shows each invalid field beside it when confirming', async () => {
    const page = await newPage();
    await logIn(page, 'gestionnaire@acme.example');
    await page.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=OCB0005122`);
    await page.getByRole('button', { name: 'Confirmer la demande' }).click();
    await page.getByText('La demande ne peut pas être confirmée :').waitFor();
    await page.getByText("Choisissez l'élément de parc concerné.").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '06-erreurs');
    await page.context().close();
  });

  it('asks before a top-bar link leaves a filled change form, and keeps it on « Rester »', async () => {
    const page = await newPage();
    await logIn(page, 'gestionnaire@acme.example');
    const formUrl = `${baseUrl}/demandes/nouvelle/changement?contrat=OCB0005122`;
    const requestsLink = page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Demandes' });
    const question = page.getByRole('dialog', { name: 'Abandonner les modifications ?' });

    // Nothing typed: the link leaves at once.
    await page.goto(formUrl);
    await page.getByRole('textbox', { name: 'Votre référence', exact: true }).waitFor();
    await requestsLink.click();
    await page.waitForURL(/\/demandes$/);
    expect(await question.isVisible()).toBe(false);

    await page.goto(formUrl);
    const reference = page.getByRole('textbox', { name: 'Votre référence', exact: true });
    await reference.fill('E2E-GARDE');
    await page.getByRole('textbox', { name: 'Commentaire', exact: true }).fill('À garder');
    await requestsLink.click();
    await question.waitFor();
    await screenshot(page, '06b-quitter-sans-enregistrer');
    await question.getByRole('button', { name: 'Rester sur la page' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(formUrl);
    expect(await reference.inputValue()).toBe('E2E-GARDE');

    // A reload or closing the tab: the browser's own question.
    let unloadQuestion = '';
    page.once('dialog', (dialog) => {
      unloadQuestion = dialog.type();
      void dialog.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => unloadQuestion).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    expect(await reference.inputValue()).toBe('E2E-GARDE');

    await requestsLink.click();
    await question.getByRole('button', { name: 'Abandonner' }).click();
    await page.waitForURL(/\/demandes$/);
    await page.getByRole('heading', { name: 'Demandes', exact: true }).waitFor();
    await page.context().close();
  });

  it('lets a Visiteur see the requests but not create one, and says why', async () => {
    const page = await newPage();
    await logIn(page, 'visiteur@acme.example');
    await page.getByRole('cell', { name: 'CHG-2026-000001' }).waitFor();
    await page.getByText('Profil Visiteur sur Demandes : lecture seule').waitFor();
    const create = page.getByRole('button', { name: 'Créer une demande' });
    expect(await create.isDisabled()).toBe(true);
    await screenshot(page, '07-visiteur');
    await page.context().close();
  });

  it('shows another customer none of ACME’s requests, even by address', async () => {
    const acme = await newPage();
    await logIn(acme, 'gestionnaire@acme.example');
    await acme.getByRole('link', { name: 'CHG-2026-000001' }).click();
    await acme.waitForURL(/\/demandes\/[0-9a-f-]{36}$/);
    const acmeUrl = acme.url();
    await acme.context().close();

    const page = await newPage();
    await logIn(page, 'gestionnaire@globex.example');
    // a perimeter with no request at all: the first use, not « nothing matches » (issue 19)
    await page.getByText("Aucune demande sur ce périmètre pour l'instant.").waitFor();
    expect(await page.content()).not.toContain('OCB0005121');
    await page.getByLabel('Rechercher').fill('OCB0005121');
    await page.getByText('Aucune demande ne correspond à ces critères.').waitFor();
    expect(await page.content()).not.toContain('CHG-2026-000001');
    await page.goto(acmeUrl);
    await page.getByRole('heading', { name: 'Demande introuvable' }).waitFor();
    expect(await page.content()).not.toContain('CHG-2026-000001');
    await page.context().close();
  });
});
