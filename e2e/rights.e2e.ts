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
 * Issue 3's journey: a Gestionnaire adds a user with Visiteur on Demandes; the user sets a
 * password from the invitation, sees the requests and cannot create one; raised to
 * Gestionnaire, they can; an integrator switches perimeter and sees only that customer.
 */

let browser: Browser;
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newUser = {
  login: `jeanne.e2e.${tag}`,
  email: `jeanne.${tag}@acme.example`,
  firstName: 'Jeanne',
  lastName: `Lefèvre ${tag}`,
  password: 'Premier.Mot2passe',
};

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

/** The invitation link, as the user receives it, read from the outbox by an operator (API). */
async function invitationLinkFor(email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@guichet.example', password: demoPassword }),
  });
  const cookie = /guichet_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  expect(cookie).not.toBe('');
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
  const link = /https?:\/\/\S+\/invitation\/([A-Za-z0-9_-]+)/.exec(detail.text);
  if (!link) throw new Error('no link in the invitation');
  // The mail carries the public address; the journey's server listens on its own port.
  return `${baseUrl}/invitation/${link[1]}`;
}

async function logInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Demandes', level: 1 }).waitFor();
}

describe.skipIf(!hasBrowser)('users, rights and perimeters', () => {
  let manager: Page;
  let user: Page;

  it('lets a Gestionnaire add a user with Visiteur on Demandes, in two steps', async () => {
    manager = await newPage();
    await logIn(manager, 'gestionnaire@acme.example');
    await manager.getByRole('link', { name: 'Utilisateurs' }).click();
    await manager.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    await manager.getByRole('cell', { name: 'camille.martin' }).waitFor();
    await manager.getByText('Référent du contrat').first().waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
    await screenshot(manager, 'rights-01-utilisateurs');

    await manager.getByRole('link', { name: 'Ajouter un utilisateur' }).click();
    await manager.getByRole('heading', { name: 'Ajouter un utilisateur' }).waitFor();
    // the mandatory fields say so, and are checked before the next step
    await manager.getByRole('button', { name: 'Suivant' }).click();
    await manager.getByText('Corrigez ces points pour continuer').waitFor();
    await manager.getByRole('textbox', { name: 'Identifiant' }).fill('court');
    await manager.getByRole('button', { name: 'Suivant' }).click();
    await manager.getByText("L'identifiant doit compter de 8 à 64 caractères.").first().waitFor();
    await manager.getByRole('textbox', { name: 'Identifiant' }).fill(newUser.login);
    await manager.getByRole('textbox', { name: 'Nom', exact: true }).fill(newUser.lastName);
    await manager.getByRole('textbox', { name: 'Prénom' }).fill(newUser.firstName);
    await manager.getByRole('textbox', { name: 'Adresse e-mail' }).fill(newUser.email);
    expect(await seriousViolations(manager)).toEqual([]);
    await screenshot(manager, 'rights-02-identite');
    await manager.getByRole('button', { name: 'Suivant' }).click();

    await manager
      .getByRole('heading', { name: '2 - Profils par contrat et par section' })
      .waitFor();
    await manager
      .getByRole('combobox', { name: 'Profil sur Demandes — OCB0005121' })
      .selectOption({ label: 'Visiteur' });
    // nobody gives more than they hold: Gestionnaire on Contrats is not offered
    const contractsManager = manager
      .getByRole('combobox', { name: 'Profil sur Contrats — OCB0005121' })
      .locator('option', { hasText: 'Gestionnaire' });
    expect(await contractsManager.isDisabled()).toBe(true);
    expect(await seriousViolations(manager)).toEqual([]);
    await screenshot(manager, 'rights-03-profils');
    await manager.getByRole('button', { name: "Ajouter l'utilisateur" }).click();
    await manager
      .getByText(`Une invitation à choisir son mot de passe a été envoyée à ${newUser.email}.`)
      .waitFor();
    await manager.getByRole('cell', { name: newUser.login }).waitFor();
  });

  it('lets the new user choose a password from the invitation, see the requests, not create', async () => {
    const link = await invitationLinkFor(newUser.email);
    user = await newPage();
    await user.goto(link);
    await user.getByRole('heading', { name: 'Choisir votre mot de passe' }).waitFor();
    await user.getByText(newUser.login).waitFor();
    await user.getByLabel(/^Mot de passe/).fill('tropsimple');
    await user.getByLabel('Confirmer le nouveau mot de passe').fill('tropsimple');
    await user.getByRole('button', { name: 'Choisir mon mot de passe' }).click();
    await user.getByText('Le mot de passe ne respecte pas toutes les règles.').first().waitFor();
    expect(await seriousViolations(user)).toEqual([]);
    await screenshot(user, 'rights-04-invitation');
    await user.getByLabel(/^Mot de passe/).fill(newUser.password);
    await user.getByLabel('Confirmer le nouveau mot de passe').fill(newUser.password);
    await user.getByRole('button', { name: 'Choisir mon mot de passe' }).click();
    await user.getByRole('heading', { name: 'Mot de passe enregistré' }).waitFor();

    await logInWith(user, newUser.email, newUser.password);
    await user.getByRole('cell', { name: 'CHG-2026-000001' }).waitFor();
    await user.getByText('Profil Visiteur sur Demandes : lecture seule').waitFor();
    expect(await user.getByRole('button', { name: 'Créer une demande' }).isDisabled()).toBe(true);
    // no Utilisateurs section without a profile there
    expect(await user.getByRole('link', { name: 'Utilisateurs' }).count()).toBe(0);
    await user.goto(`${baseUrl}/utilisateurs`);
    await user
      .getByText(
        "Pour accéder à la section Utilisateurs, il faut au moins le profil Visiteur sur la section Utilisateurs d'un contrat.",
      )
      .waitFor();
    await screenshot(user, 'rights-05-visiteur');
  });

  it('lets the Gestionnaire raise the user to Gestionnaire, who then can create', async () => {
    await manager.goto(`${baseUrl}/utilisateurs?contrat=OCB0005121`);
    await manager
      .getByRole('link', { name: `Modifier les accès de ${newUser.firstName} ${newUser.lastName}` })
      .click();
    await manager.getByRole('heading', { name: 'Accès au contrat OCB0005121' }).waitFor();
    const card = manager.getByRole('region', { name: 'Accès au contrat OCB0005121' });
    await card
      .getByRole('combobox', { name: 'Profil sur Demandes — OCB0005121' })
      .selectOption({ label: 'Gestionnaire' });
    await card.getByRole('button', { name: 'Enregistrer les accès' }).click();
    await card.getByText('Accès enregistrés.').waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
    await screenshot(manager, 'rights-06-acces');

    await user.goto(`${baseUrl}/demandes`);
    await user.getByRole('link', { name: 'Créer une demande' }).click();
    await user.getByText('IMPORTANT :').waitFor();
    const contracts = await user
      .getByRole('combobox', { name: 'Contrat', exact: true })
      .locator('option')
      .allTextContents();
    expect(contracts.some((text) => text.includes('OCB0005121'))).toBe(true);
    await user.context().close();
    await manager.context().close();
  });

  it('lets an integrator switch perimeter and see only that customer’s data', async () => {
    const page = await newPage();
    await logIn(page, 'integrateur@partner.example');
    const perimeter = page.getByRole('combobox', { name: 'Périmètre' });
    expect(await perimeter.locator('option').allTextContents()).toEqual(['ACME', 'Globex']);
    await page.getByRole('cell', { name: 'CHG-2026-000001' }).waitFor();
    await page.getByText('Demandes du périmètre ACME').waitFor();

    await perimeter.selectOption({ label: 'Globex' });
    await page.getByText('Demandes du périmètre Globex').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'CHG-2026-000001' }).count()).toBe(0);
    // the contracts are read again for the new perimeter: the filter follows once they come
    await expect
      .poll(async () =>
        (
          await page
            .getByRole('combobox', { name: 'Contrat', exact: true })
            .locator('option')
            .allTextContents()
        ).filter((text) => text.startsWith('OCB')),
      )
      .toEqual(['OCB0007001']);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain('OCB0005121');
    expect(main).not.toContain('OCB0005122');
    await page.getByRole('link', { name: 'Créer une demande' }).click();
    await page.getByText('IMPORTANT :').waitFor();
    const offered = await page
      .getByRole('combobox', { name: 'Contrat', exact: true })
      .locator('option')
      .allTextContents();
    expect(offered.filter((text) => text.includes('OCB'))).toHaveLength(1);
    expect(offered.join(' ')).toContain('OCB0007001');
    await screenshot(page, 'rights-07-integrateur-globex');
    await page.context().close();
  });

  it('lets any user change their contact details and password in « Mon compte »', async () => {
    const page = await newPage();
    await logInWith(page, newUser.email, newUser.password);
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Téléphone' }).fill('+33 1 23 45 67 89');
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await page.getByText('Coordonnées enregistrées.').waitFor();
    await page.getByLabel('Mot de passe actuel').fill(newUser.password);
    await page.getByLabel(/^Nouveau mot de passe/).fill('Deuxieme.Mot2passe');
    await page.getByLabel('Confirmer le nouveau mot de passe').fill('Deuxieme.Mot2passe');
    await page.getByRole('button', { name: 'Modifier le mot de passe' }).click();
    await page.getByText('Mot de passe modifié.', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'rights-08-mon-compte');
    await page.getByRole('link', { name: "Jetons d'API" }).click();
    await page.getByRole('heading', { name: "Jetons d'API", level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Nom du jeton' }).fill('Supervision');
    await page
      .getByRole('combobox', { name: 'Profil sur Demandes — OCB0005121' })
      .selectOption({ label: 'Gestionnaire' });
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.getByText('Jeton « Supervision » créé').waitFor();
    const secret = await page.getByRole('textbox', { name: 'Le jeton' }).inputValue();
    expect(secret).toMatch(/^gch_[A-Za-z0-9_-]{43}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'rights-09-jetons');
    // the token works as a Bearer token, without cookie, on the user's contract only
    const list = await fetch(`${baseUrl}/api/requests`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { contractId: string }[] };
    expect(new Set(body.items.map((item) => item.contractId))).toEqual(new Set(['OCB0005121']));
    await page.getByRole('button', { name: "C'est noté" }).click();
    expect(await page.getByRole('textbox', { name: 'Le jeton' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Révoquer le jeton Supervision' }).waitFor();
    await page.context().close();
  });
});
