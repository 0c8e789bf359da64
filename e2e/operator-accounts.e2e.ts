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
 * Issue 14 (part 2): an admin invites an operator, who sets a password from the invitation
 * and creates an API token; the admin deactivates the account (confirmation dialog), and the
 * session and the token end at once; the last admin cannot demote themselves.
 */

let browser: Browser;
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const invitee = {
  email: `lea.${tag}@guichet.example`,
  firstName: 'Léa',
  lastName: `Moreau ${tag}`,
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
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function logInWith(page: Page, email: string, password: string, landing: string) {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
}

/** The invitation link as mailed, read from the outbox through the API by the admin. */
async function invitationLinkFor(email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@guichet.example', password: demoPassword }),
  });
  const cookie = /guichet_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const list = (await (
    await fetch(`${baseUrl}/api/back-office/outbox?q=${encodeURIComponent(email)}`, {
      headers: { cookie },
    })
  ).json()) as { items: { id: string; to: string; kind: string }[] };
  const mail = list.items.find((item) => item.to === email && item.kind === 'invitation');
  if (!mail) throw new Error(`no invitation to ${email}`);
  const detail = (await (
    await fetch(`${baseUrl}/api/back-office/outbox/${mail.id}`, { headers: { cookie } })
  ).json()) as { text: string };
  const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(detail.text)?.[1];
  if (!token) throw new Error('no link in the invitation');
  return `${baseUrl}/invitation/${token}`;
}

const backOfficeCall = (token: string) =>
  fetch(`${baseUrl}/api/back-office/requests?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe.skipIf(!hasBrowser)('operator accounts and their API tokens', () => {
  let admin: Page;
  let operator: Page;
  let apiToken = '';

  it('lets an admin invite an operator, refusing an e-mail already used', async () => {
    admin = await newPage();
    await logInWith(admin, 'admin@guichet.example', demoPassword, 'File des demandes');
    await admin.getByRole('link', { name: 'Opérateurs' }).click();
    await admin.getByRole('heading', { name: 'Opérateurs', level: 1 }).waitFor();
    await admin.getByRole('cell', { name: /agent@guichet\.example/ }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'operators-01-list');

    await admin.getByRole('button', { name: 'Inviter un opérateur' }).click();
    await admin.getByRole('textbox', { name: 'Adresse e-mail' }).fill('agent@guichet.example');
    await admin.getByRole('textbox', { name: 'Prénom' }).fill(invitee.firstName);
    await admin.getByRole('textbox', { name: 'Nom', exact: true }).fill(invitee.lastName);
    await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await admin.getByText("Cette adresse e-mail est déjà celle d'un compte.").waitFor();
    await admin.getByRole('textbox', { name: 'Adresse e-mail' }).fill(invitee.email);
    await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await admin.getByText(`Invitation envoyée à ${invitee.email}.`).waitFor();
    const row = admin.getByRole('row').filter({ hasText: invitee.email });
    await row.getByText('Invité').waitFor();
  });

  it('shows the last-admin refusal clearly', async () => {
    const self = admin.getByRole('row').filter({ hasText: '(vous)' });
    await self.getByRole('combobox').selectOption({ label: 'Agent' });
    await self.getByRole('button', { name: 'Changer le rôle' }).click();
    await admin.getByText(/Refusé : c'est le dernier administrateur actif/).waitFor();
    expect(await self.getByRole('combobox').inputValue()).toBe('admin');
    await screenshot(admin, 'operators-02-last-admin');
  });

  it('lets the operator set a password, then create an API token shown once', async () => {
    operator = await newPage(390);
    await operator.goto(await invitationLinkFor(invitee.email));
    await operator.getByRole('heading', { name: 'Choisir votre mot de passe' }).waitFor();
    await operator.getByLabel(/^Mot de passe/).fill(invitee.password);
    await operator.getByLabel('Confirmer le nouveau mot de passe').fill(invitee.password);
    await operator.getByRole('button', { name: 'Choisir mon mot de passe' }).click();
    await operator.getByRole('heading', { name: 'Mot de passe enregistré' }).waitFor();
    await logInWith(operator, invitee.email, invitee.password, 'File des demandes');
    // an agent has no « Opérateurs » entry, but its own tokens
    expect(await operator.getByRole('link', { name: 'Opérateurs' }).count()).toBe(0);
    // at 390 px the header's links are behind « Menu » (components/ui/header-menu.tsx)
    await operator.getByRole('button', { name: 'Menu', exact: true }).click();
    await operator.getByRole('link', { name: 'Mes jetons API' }).click();
    await operator.getByRole('heading', { name: 'Mes jetons API', level: 1 }).waitFor();
    await operator.getByRole('textbox', { name: 'Nom du jeton' }).fill('Synchronisation du parc');
    await operator.getByRole('button', { name: 'Créer le jeton' }).click();
    await operator.getByText(/il ne sera plus jamais affiché/).waitFor();
    apiToken = await operator.getByRole('textbox', { name: 'Votre jeton' }).inputValue();
    expect(apiToken).toMatch(/^gch_/);
    expect(await seriousViolations(operator)).toEqual([]);
    expect(await operator.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await screenshot(operator, 'operators-03-token-390');
    await operator.getByRole('button', { name: "Je l'ai enregistré" }).click();
    await operator.getByRole('cell', { name: /Synchronisation du parc/ }).waitFor();
    expect(await operator.getByRole('textbox', { name: 'Votre jeton' }).count()).toBe(0);
    expect((await backOfficeCall(apiToken)).status).toBe(200);
  });

  it('ends the session and the token at once when the admin deactivates the account', async () => {
    await admin.reload();
    const row = admin.getByRole('row').filter({ hasText: invitee.email });
    await row.getByText('Actif').waitFor();
    await row.getByRole('button', { name: 'Désactiver' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog
      .getByText("Toutes ses sessions et tous ses jetons d'API prennent fin immédiatement.", {
        exact: false,
      })
      .waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'operators-04-confirm');
    await dialog.getByRole('button', { name: 'Désactiver le compte' }).click();
    await row.getByText('Désactivé', { exact: true }).waitFor();

    expect((await backOfficeCall(apiToken)).status).toBe(401);
    await operator.goto(`${baseUrl}/back-office/jetons-api`);
    await operator.getByRole('button', { name: 'Se connecter' }).waitFor();
  });
});
