import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startIdentityProvider } from '../apps/api/src/test/oidc-provider.ts';
import type { TestIdentityProvider } from '../apps/api/src/test/oidc-provider.ts';
import { baseUrl, hasBrowser, launchBrowser, logIn, seriousViolations } from './browser.ts';

/**
 * Single sign-on in a real browser (issue 21): the admin sets ACME's OpenID Connect connection
 * in the back-office, then an ACME user types their e-mail, is offered « Se connecter avec … »,
 * signs in at a real OpenID provider (oidc-provider on loopback, its own login form) and lands
 * in Guichet; logging out sends the browser to the provider's logout. An unknown user sees the
 * refusal page. The connection is removed at the end (the journeys share one server).
 */
let browser: Browser;
let idp: TestIdentityProvider;

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launchBrowser();
  idp = await startIdentityProvider({
    redirectUri: `${baseUrl}/api/sso/callback`,
    postLogoutRedirectUri: `${baseUrl}/connexion`,
  });
  for (const email of ['gestionnaire@acme.example', 'personne@acme.example'])
    idp.accounts.set(email, { email, email_verified: true });
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function atProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

describe.skipIf(!hasBrowser)('single sign-on by OpenID Connect (issue 21)', () => {
  it('the admin connects ACME; its user signs in through the identity provider and out', async () => {
    const admin = await newPage();
    await logIn(admin, 'admin@guichet.example');
    await admin.goto(`${baseUrl}/back-office/clients`);
    await admin.getByRole('link', { name: 'ACME' }).first().click();
    await admin.getByRole('heading', { name: 'Connexion', exact: true }).waitFor();
    await admin.getByLabel('URL de l’émetteur (issuer)').fill(idp.issuer);
    await admin.getByLabel('Identifiant client').fill(idp.clientId);
    await admin.getByLabel('Secret client').fill(idp.clientSecret);
    await admin.getByLabel('Nom affiché').fill('ACME Entra ID');
    await admin.getByLabel('Domaines e-mail acceptés').fill('acme.example');
    await admin.getByRole('button', { name: 'Enregistrer la connexion unique' }).click();
    await admin.getByText('Connexion unique enregistrée.').waitFor();
    await admin.getByText(`${baseUrl}/api/sso/callback`).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);

    try {
      const user = await newPage();
      await user.goto(`${baseUrl}/connexion`);
      await user.getByLabel('Adresse e-mail ou identifiant').fill('gestionnaire@acme.example');
      const offer = user.getByRole('link', { name: 'Se connecter avec ACME Entra ID' });
      await offer.waitFor();
      expect(await seriousViolations(user)).toEqual([]);
      await offer.click();
      await atProvider(user, 'gestionnaire@acme.example');
      await user.getByRole('heading', { name: 'Demandes', level: 1 }).waitFor();
      expect(new URL(user.url()).origin).toBe(baseUrl);

      // logging out ends the provider's session too: the browser goes to its logout
      await user.getByRole('button', { name: 'Se déconnecter' }).first().click();
      await user.waitForURL((url) => url.origin === idp.issuer);
      const session = await user.request.get(`${baseUrl}/api/session/current`);
      expect(await session.json()).toEqual({ session: null });

      // the customer's own link offers its connection without typing anything
      const linked = await newPage();
      await linked.goto(
        `${baseUrl}/connexion?sso=${new URL(admin.url()).pathname.split('/').at(-1)}`,
      );
      await linked.getByRole('link', { name: 'Se connecter avec ACME Entra ID' }).click();
      // nobody of this e-mail at ACME: the refusal page says so, nothing is created
      await atProvider(linked, 'personne@acme.example');
      await linked.getByRole('heading', { name: 'Connexion refusée' }).waitFor();
      await linked.getByText('Aucun compte Guichet ne correspond').waitFor();
      expect(await seriousViolations(linked)).toEqual([]);
    } finally {
      await admin.getByRole('button', { name: 'Supprimer la connexion unique' }).click();
      await admin.getByText('Connexion unique supprimée.').waitFor();
    }
  });
});
