import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  demoPassword,
  hasBrowser,
  launchBrowser,
  screenshot,
  seriousViolations,
} from './browser.ts';

/**
 * Issue 14's journey: the provider's admin creates a customer and its contract with a first
 * referent (invited by mail), who sets a password; the admin suspends the contract and the
 * referent's change form refuses drafts and confirmations, saying why. Everything is on a
 * customer of its own, so that no other journey sees it.
 */

let browser: Browser;
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const customerName = `Initech ${tag}`;
const contractId = `OCB${String(9_000_000 + Math.floor(Math.random() * 999_999))}`;
const referent = {
  email: `referent.${tag}@initech.example`,
  firstName: 'Jeanne',
  lastName: `Durand ${tag}`,
  password: 'Premier.Mot2passe',
};

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(width = 1366): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
  // The machine may be busy (2 cores shared with other suites): wait longer than a person would.
  context.setDefaultTimeout(25_000);
  return context.newPage();
}

async function logInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** The invitation link, as the referent receives it, read from the outbox by an operator. */
async function invitationLinkFor(email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@guichet.example', password: demoPassword }),
  });
  const cookie = /guichet_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const get = async (path: string) =>
    (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).json() as Promise<
      Record<string, unknown>
    >;
  const page = (await get(`/api/back-office/outbox?q=${encodeURIComponent(email)}`)) as {
    items: { id: string; to: string; kind: string }[];
  };
  const mail = page.items.find((item) => item.to === email && item.kind === 'invitation');
  if (!mail) throw new Error(`no invitation to ${email} in the outbox`);
  const detail = (await get(`/api/back-office/outbox/${mail.id}`)) as { text: string };
  expect(detail.text).toContain(contractId);
  const link = /https?:\/\/\S+\/invitation\/([A-Za-z0-9_-]+)/.exec(detail.text);
  if (!link) throw new Error('no link in the invitation');
  return `${baseUrl}/invitation/${link[1]}`;
}

describe.skipIf(!hasBrowser)('customers and contracts, by the provider’s admin', () => {
  let admin: Page;

  it('creates a customer, then its contract with a first referent, each error on its field', async () => {
    admin = await newPage();
    await logInWith(admin, 'admin@guichet.example', demoPassword);
    await admin.getByRole('link', { name: 'Clients' }).click();
    await admin.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    await admin.getByRole('link', { name: 'ACME' }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-01-clients');

    await admin.getByRole('link', { name: 'Nouveau client' }).click();
    await admin.getByLabel('Nom du client').fill('ACME');
    await admin.getByRole('button', { name: 'Créer le client' }).click();
    await admin.locator('.field__error', { hasText: 'Un client porte déjà ce nom.' }).waitFor();
    await admin.getByLabel('Nom du client').fill(customerName);
    await admin.getByLabel("Numéro d'immatriculation ou de TVA").fill('FR40123456789');
    await admin.getByRole('button', { name: 'Créer le client' }).click();
    await admin.getByRole('heading', { name: customerName, level: 1 }).waitFor();
    await admin.getByText("Ce client n'a pas encore de contrat.").waitFor();

    await admin.getByRole('link', { name: 'Nouveau contrat' }).click();
    await admin.getByLabel('Numéro de contrat').fill('OCB12');
    await admin.getByLabel('Changements gratuits inclus par mois').fill('5');
    await admin.getByLabel('Prix du jeton (€)').fill('12,345');
    await admin.getByLabel('Fuseau horaire').fill('Europe/Atlantis');
    await admin.getByRole('button', { name: 'Créer le contrat' }).click();
    await admin.getByRole('heading', { name: 'Le formulaire contient des erreurs' }).waitFor();
    for (const message of [
      "Un numéro de contrat s'écrit OCB suivi de 7 chiffres.",
      'Deux décimales au plus.',
      'Fuseau horaire inconnu : un nom IANA, par exemple Europe/Paris.',
    ])
      await admin.locator('.field__error', { hasText: message }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-02-contrat-erreurs');

    await admin.getByLabel('Numéro de contrat').fill(contractId);
    await admin.getByLabel('Prix du jeton (€)').fill('50');
    await admin.getByLabel('Fuseau horaire').fill('Europe/Paris');
    await admin.getByLabel('Un nouvel utilisateur (invité par e-mail)').check();
    await admin.getByLabel('Adresse e-mail').fill(referent.email);
    await admin.getByLabel('Prénom').fill(referent.firstName);
    await admin.locator('#field-referent-lastName').fill(referent.lastName);
    await admin.getByRole('button', { name: 'Créer le contrat' }).click();
    await admin.getByRole('heading', { name: contractId, level: 1 }).waitFor();
    await admin.getByText('invité, mot de passe non encore choisi').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-03-contrat');
  });

  it('lets the referent set a password; once suspended, the change form refuses and says why', async () => {
    const user = await newPage();
    await user.goto(await invitationLinkFor(referent.email));
    await user.getByLabel(/^Mot de passe/).fill(referent.password);
    await user.getByLabel('Confirmer le nouveau mot de passe').fill(referent.password);
    await user.getByRole('button', { name: 'Choisir mon mot de passe' }).click();
    await user.getByRole('heading', { name: 'Mot de passe enregistré' }).waitFor();
    await logInWith(user, referent.email, referent.password);
    await user.getByRole('heading', { name: 'Demandes', level: 1 }).waitFor();

    await admin.getByLabel('Statut').selectOption({ label: 'Suspendu' });
    await admin.getByRole('button', { name: 'Enregistrer les conditions' }).click();
    await admin.getByText('Conditions enregistrées.').waitFor();
    await admin.locator('h1 .badge', { hasText: 'Suspendu' }).waitFor();

    const reason =
      'Ce contrat est suspendu : aucune nouvelle demande ne peut être confirmée ni enregistrée.';
    for (const width of [1366, 390]) {
      await user.setViewportSize({ width, height: 900 });
      await user.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=${contractId}`);
      await user.getByText(reason).waitFor();
      expect(
        await user.getByRole('button', { name: 'Enregistrer en brouillon' }).isDisabled(),
      ).toBe(true);
      expect(await user.getByRole('button', { name: 'Confirmer la demande' }).isDisabled()).toBe(
        true,
      );
      expect(await seriousViolations(user)).toEqual([]);
      await screenshot(user, `admin-04-formulaire-suspendu-${width}`);
    }
    await user.context().close();
  });

  it('shows the customers and the contract at 390 px', async () => {
    await admin.setViewportSize({ width: 390, height: 900 });
    await admin.goto(`${baseUrl}/back-office/clients?q=${encodeURIComponent(customerName)}`);
    await admin.getByRole('link', { name: customerName }).click();
    await admin.getByRole('link', { name: contractId }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-05-client-390');
    await admin.context().close();
  });
});
