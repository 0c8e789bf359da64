import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startReceiverProcess } from '../apps/api/src/test/webhook-receiver-process.ts';
import type { ReceiverProcess } from '../apps/api/src/test/webhook-receiver-process.ts';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import {
  baseUrl,
  demoPassword,
  hasBrowser,
  launchBrowser,
  screenshot,
  seriousViolations,
} from './browser.ts';

/**
 * Issue 17 (parts 1 and 2's pages): an admin subscribes a real receiver process on loopback
 * to « Demande confirmée » in the back-office's « Webhooks » page, keeps the secret shown
 * once; a customer confirms a request; the receiver gets it signed (the specification's
 * algorithm), the page shows the delivery and its attempt, « Renvoyer » sends it again and the
 * receiver gets the same `webhook-id` a second time. Then the admin creates a service account
 * in « Comptes de service », whose token works on the back-office, with a new role once
 * « Modifier le rôle » changed it, until it is revoked; a customer's account's token takes the
 * grants « Modifier les droits » gives it at its next call.
 */

let browser: Browser;
let receiver: ReceiverProcess;
let admin: Page;
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const endpoint = `e2e-${tag}`;
let messageId = '';

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launchBrowser();
  receiver = await startReceiverProcess();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.stop();
});

async function logInAsAdmin(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1366, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('admin@guichet.example');
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'File des demandes', level: 1 }).waitFor();
  return page;
}

/** The customer confirms a request through the API (the set-up, not the journey). */
async function confirmRequest(): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'gestionnaire@acme.example', password: demoPassword }),
  });
  const cookie = /guichet_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const response = await fetch(`${baseUrl}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
      catalogId: stableId('catalog:standard'),
      articleId: stableId('article:standard:faire-une-autre-demande'),
      acknowledgeBilling: true,
      values: { details: `Demande du parcours webhooks ${tag}.` },
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function deliveriesTo(type: string) {
  return (await receiver.received()).filter(
    (item) => item.endpoint === endpoint && item.type === type,
  );
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!hasBrowser)('webhooks and service accounts in the pages', () => {
  it('subscribes the receiver in the back-office, the secret shown once', async () => {
    admin = await logInAsAdmin();
    await admin.getByText('Paramétrage', { exact: true }).click();
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    await admin.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await admin
      .getByRole('textbox', { name: /URL de réception/ })
      .fill(`${receiver.url}/hooks/${endpoint}`);
    await admin.getByRole('textbox', { name: 'Description' }).fill(`Parcours ${tag}`);
    await admin.getByRole('checkbox', { name: 'Demande confirmée' }).check();
    await admin.getByRole('button', { name: "Créer l'abonnement" }).click();
    await admin.getByText(/il ne sera plus jamais affiché/).waitFor();
    const secret = await admin.getByRole('textbox', { name: 'Le secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await receiver.setSecrets(endpoint, [secret]);
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'webhooks-01-secret');
    await admin.getByRole('button', { name: "Je l'ai enregistré" }).click();
    expect(await admin.getByRole('textbox', { name: 'Le secret' }).count()).toBe(0);
    await admin.getByRole('cell', { name: new RegExp(`Parcours ${tag}`) }).waitFor();
  });

  it('delivers a confirmed request signed, shows it in the page, and replays it by hand', async () => {
    const requestId = await confirmRequest();
    const [first] = await waitFor('the first delivery', async () => {
      const found = (await deliveriesTo('request.confirmed')).filter(
        (item) => item.requestId === requestId,
      );
      return found.length > 0 ? found : null;
    });
    expect(first).toMatchObject({ isVerified: true, isVerifiedBySpec: true, answered: 200 });
    messageId = first?.id ?? '';

    const row = admin.getByRole('row').filter({ hasText: `Parcours ${tag}` });
    await row.getByRole('link', { name: /Ouvrir/ }).click();
    await admin.getByRole('heading', { name: 'Abonnement webhook', level: 1 }).waitFor();
    const delivery = admin.getByRole('listitem').filter({ hasText: messageId });
    await waitFor('the delivery in the page', async () => {
      if ((await delivery.getByText('Livrée').count()) > 0) return true;
      await admin.getByRole('button', { name: 'Actualiser' }).click();
      return null;
    });
    await delivery
      .getByText(/^200 en \d+ ms/)
      .first()
      .waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'webhooks-02-deliveries');

    await delivery.getByRole('button', { name: `Renvoyer le message ${messageId}` }).click();
    await admin.getByText("Message remis en file d'envoi.").waitFor();
    const again = await waitFor('the replay', async () => {
      const found = (await deliveriesTo('request.confirmed')).filter(
        (item) => item.id === messageId,
      );
      return found.length >= 2 ? found : null;
    });
    expect(again.map((item) => item.isVerifiedBySpec)).toEqual([true, true]);
    expect(again[1]?.body).toBe(again[0]?.body);
  });

  it('disables the subscription and deletes it behind a confirmation', async () => {
    await admin.getByRole('button', { name: 'Désactiver' }).click();
    await admin.getByRole('button', { name: 'Activer' }).waitFor();
    await admin.getByRole('button', { name: 'Supprimer' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog
      .getByText(/L'abonnement et l'historique de ses livraisons sont supprimés/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Supprimer' }).click();
    await admin.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await admin
      .getByRole('cell', { name: new RegExp(`Parcours ${tag}`) })
      .waitFor({ state: 'detached' });
  });

  it('creates a service account whose token acts with its role, then its new role, until it is revoked', async () => {
    await admin.getByText('Paramétrage', { exact: true }).click();
    await admin.getByRole('link', { name: 'Comptes de service' }).click();
    await admin.getByRole('heading', { name: 'Comptes de service', level: 1 }).waitFor();
    await admin.getByRole('textbox', { name: /Nom du compte/ }).fill(`Exécuteur ${tag}`);
    await admin.getByRole('combobox', { name: /Rôle/ }).selectOption('agent');
    await admin.getByRole('button', { name: 'Créer le compte' }).click();
    await admin.getByText(/il ne sera plus jamais affiché/).waitFor();
    const token = await admin.getByRole('textbox', { name: 'Le jeton' }).inputValue();
    expect(token).toMatch(/^gch_/);
    const call = () =>
      fetch(`${baseUrl}/api/back-office/requests?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await call()).status).toBe(200);
    await admin.getByRole('button', { name: "Je l'ai enregistré" }).click();
    const card = admin.getByRole('region', { name: `Exécuteur ${tag}` });
    // « Modifier le rôle »: the same token acts with the new role at its next call
    const customers = () =>
      fetch(`${baseUrl}/api/back-office/customers`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await customers()).status).toBe(403);
    await card.getByRole('button', { name: `Modifier le rôle de « Exécuteur ${tag} »` }).click();
    const editor = card.getByRole('form', { name: `Modifier le rôle de « Exécuteur ${tag} »` });
    await editor.getByRole('combobox', { name: /Rôle/ }).selectOption('admin');
    await editor.getByRole('button', { name: 'Enregistrer' }).click();
    await card.getByText(`Rôle de « Exécuteur ${tag} » enregistré.`).waitFor();
    await card.getByText('Administration', { exact: true }).waitFor();
    expect((await customers()).status).toBe(200);
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'service-accounts-01-list');
    await card.getByRole('button', { name: `Révoquer le jeton « Exécuteur ${tag} »` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Révoquer' }).click();
    await card.getByText('Révoqué').waitFor();
    expect((await call()).status).toBe(401);
  });
  it("lets a customer's Gestionnaire of Utilisateurs do the same in « Intégrations », at 390 px", async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    const customer = await context.newPage();
    await customer.goto(`${baseUrl}/connexion`);
    await customer.getByLabel('Adresse e-mail').fill('gestionnaire@acme.example');
    await customer.getByLabel('Mot de passe').fill(demoPassword);
    await customer.getByRole('button', { name: 'Se connecter' }).click();
    await customer.getByRole('heading', { name: 'Demandes', level: 1 }).waitFor();
    await customer.getByRole('button', { name: 'Menu', exact: true }).click();
    await customer.getByRole('link', { name: 'Intégrations' }).click();
    await customer.getByRole('link', { name: 'Comptes de service' }).click();
    await customer.getByRole('heading', { name: 'Comptes de service', level: 1 }).waitFor();
    await customer.getByRole('textbox', { name: /Nom du compte/ }).fill(`ERP ${tag}`);
    await customer
      .getByRole('combobox', { name: /Demandes.*OCB0005121/ })
      .selectOption({ label: 'Visiteur' });
    await customer.getByRole('button', { name: 'Créer le compte' }).click();
    await customer.getByText(/il ne sera plus jamais affiché/).waitFor();
    const token = await customer.getByRole('textbox', { name: 'Le jeton' }).inputValue();
    const list = await fetch(`${baseUrl}/api/requests?limit=5`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    const elsewhere = await fetch(`${baseUrl}/api/contracts/OCB0005122/assets`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(elsewhere.status).toBe(404);
    await screenshot(customer, 'service-accounts-02-customer-390');
    expect(await seriousViolations(customer)).toEqual([]);
    expect(await customer.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );

    // « Modifier les droits »: the token stays valid and takes the new grants at its next call
    const card = customer.getByRole('region', { name: `ERP ${tag}` });
    await card.getByRole('button', { name: `Modifier les droits de « ERP ${tag} »` }).click();
    const editor = card.getByRole('form', { name: `Modifier les droits de « ERP ${tag} »` });
    await editor
      .getByRole('combobox', { name: /Demandes.*OCB0005121/ })
      .selectOption({ label: 'Aucun' });
    await editor
      .getByRole('combobox', { name: /Demandes.*OCB0005122/ })
      .selectOption({ label: 'Visiteur' });
    expect(await seriousViolations(customer)).toEqual([]);
    expect(await customer.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await screenshot(customer, 'service-accounts-03-edit-rights-390');
    await editor.getByRole('button', { name: 'Enregistrer' }).click();
    await card.getByText(`Droits de « ERP ${tag} » enregistrés.`).waitFor();
    await card.getByText(/OCB0005122 · Demandes/).waitFor();
    const assets = (contractId: string) =>
      fetch(`${baseUrl}/api/contracts/${contractId}/assets`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await assets('OCB0005121')).status).toBe(404);
    expect((await assets('OCB0005122')).status).toBe(200);

    await customer.goto(`${baseUrl}/integrations/webhooks`);
    await customer.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await customer.getByRole('combobox', { name: /Contrat/ }).selectOption('OCB0005121');
    await customer
      .getByRole('textbox', { name: /URL de réception/ })
      .fill(`${receiver.url}/hooks/${endpoint}-acme`);
    await customer.getByRole('checkbox', { name: 'Commentaire ajouté' }).check();
    await customer.getByRole('button', { name: "Créer l'abonnement" }).click();
    await customer.getByRole('textbox', { name: 'Le secret' }).waitFor();
    await customer.getByRole('button', { name: "Je l'ai enregistré" }).click();
    await customer
      .getByRole('cell', { name: `${receiver.url}/hooks/${endpoint}-acme`, exact: true })
      .waitFor();
    expect(await seriousViolations(customer)).toEqual([]);
    expect(await customer.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await screenshot(customer, 'webhooks-03-customer-390');
    await context.close();
  });
});
