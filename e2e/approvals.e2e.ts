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
 * Issue 20 part 1 (decision 0034): on OCB0005121, a rule gives its referent
 * (gestionnaire@acme) the billable requests — a quote is one — that someone else confirms;
 * integrateur@partner confirms two; the referent answers each from the mail's link, logging
 * in on the way: the approved one reaches the provider's queue, the refused one never does.
 */

let browser: Browser;
beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  if (hasBrowser)
    await api(await session('gestionnaire@acme.example'), 'PUT', rulesUrl, { rules: [] });
  await browser?.close();
});

const rulesUrl = '/api/contracts/OCB0005121/approval-rules';

async function session(email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  const cookie = /guichet_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  expect(cookie).not.toBe('');
  return cookie;
}

async function api(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const answer: unknown = text === '' ? null : JSON.parse(text);
  return { status: response.status, body: answer };
}

/** An off-catalog request (« Sur devis ») of OCB0005121, confirmed by the integrator. */
async function confirmAsIntegrator(reference: string): Promise<{ id: string; number: string }> {
  const integrator = await session('integrateur@partner.example');
  const assets = (
    await api(integrator, 'GET', '/api/contracts/OCB0005121/assets?q=FE-OCB0005121-1')
  ).body as { items: { id: string; reference: string }[] };
  const asset = assets.items.find((item) => item.reference === 'FE-OCB0005121-1');
  const catalogs = (
    await api(integrator, 'GET', `/api/contracts/OCB0005121/catalogs?assetId=${asset?.id ?? ''}`)
  ).body as {
    items: {
      id: string;
      code: string;
      articles: { id: string; code: string }[];
      categories: { articles: { id: string; code: string }[] }[];
    }[];
  };
  const ucb = catalogs.items.find((catalog) => catalog.code === 'ucb-fe-autres-demandes');
  const article = [
    ...(ucb?.articles ?? []),
    ...(ucb?.categories.flatMap((category) => category.articles) ?? []),
  ].find((candidate) => candidate.code === 'demande-hors-catalogue');
  const confirmed = await api(integrator, 'POST', '/api/requests', {
    action: 'confirm',
    contractId: 'OCB0005121',
    assetId: asset?.id,
    catalogId: ucb?.id,
    articleId: article?.id,
    customerReference: reference,
    values: {
      subject: 'VPN IPsec vers Lyon',
      description: 'Mise en place d’un VPN IPsec vers notre site de Lyon, sur devis.',
    },
  });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
  const detail = confirmed.body as { id: string; number: string; status: string };
  expect(detail.status).toBe('awaiting_approval');
  return detail;
}

/** The link of the approval mail the referent received for `number`, read from the outbox. */
async function approvalLink(agent: string, number: string): Promise<string> {
  const page = (await api(agent, 'GET', `/api/back-office/outbox?q=${encodeURIComponent(number)}`))
    .body as { items: { id: string; to: string; kind: string }[] };
  const mail = page.items.find(
    (item) => item.to === 'gestionnaire@acme.example' && item.kind === 'approval_requested',
  );
  if (!mail) throw new Error(`no approval mail for ${number}`);
  const detail = (await api(agent, 'GET', `/api/back-office/outbox/${mail.id}`)).body as {
    text: string;
  };
  const token = /\/approbations\/([A-Za-z0-9_-]{43})/.exec(detail.text)?.[1];
  if (!token) throw new Error('no link in the approval mail');
  // The mail carries the public address; the journey's server listens on its own port.
  return `${baseUrl}/approbations/${token}`;
}

async function queueTotal(agent: string, reference: string): Promise<number> {
  const found = await api(agent, 'GET', `/api/back-office/requests?q=${reference}`);
  expect(found.status).toBe(200);
  return (found.body as { total: number }).total;
}

async function openLink(page: Page, link: string, isLoggedIn: boolean): Promise<void> {
  await page.goto(link);
  if (!isLoggedIn) {
    await page.getByLabel(/e-mail/i).fill('gestionnaire@acme.example');
    await page.getByLabel(/mot de passe/i).fill(demoPassword);
    await page.getByRole('button', { name: /se connecter/i }).click();
  }
  await page.getByRole('heading', { name: 'Approuver une demande', level: 1 }).waitFor();
}

describe.skipIf(!hasBrowser)('approvals on the customer’s side', () => {
  it('the referent approves from the mail link (it reaches the queue) and refuses another (it never does)', async () => {
    // The referent sets the rule on the contract's page of « Utilisateurs ».
    const settings = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1366, height: 900 },
    });
    settings.setDefaultTimeout(10_000);
    const referentPage = await settings.newPage();
    await logIn(referentPage, 'gestionnaire@acme.example');
    await referentPage.goto(`${baseUrl}/utilisateurs?contrat=OCB0005121`);
    await referentPage.getByRole('heading', { name: 'Approbations' }).waitFor();
    await referentPage.getByRole('button', { name: 'Ajouter une règle' }).click();
    await referentPage
      .getByLabel('Demandes à approuver')
      .selectOption({ label: 'Les demandes facturables (et sur devis)' });
    await referentPage.getByRole('button', { name: 'Enregistrer' }).click();
    await referentPage.getByText("Règles d'approbation enregistrées.").waitFor();
    expect(await seriousViolations(referentPage)).toEqual([]);
    await screenshot(referentPage, 'approvals-00-rule');
    await referentPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(referentPage, 'approvals-00-rule-390');

    // On « À approuver », the referent names a substitute for a week, then takes it back.
    await referentPage.goto(`${baseUrl}/approbations`);
    await referentPage.getByRole('heading', { name: 'Suppléances', exact: true }).waitFor();
    await referentPage.getByLabel(/^Suppléant/).selectOption({ index: 1 });
    await referentPage.getByLabel(/^Du/).fill('2099-12-24');
    await referentPage.getByLabel(/^Au/).fill('2099-12-31');
    await referentPage.getByRole('button', { name: 'Nommer le suppléant' }).click();
    await referentPage.getByText('Suppléant nommé.').waitFor();
    expect(await seriousViolations(referentPage)).toEqual([]);
    await screenshot(referentPage, 'approvals-02-substitute-390');
    await referentPage.setViewportSize({ width: 1366, height: 900 });
    await screenshot(referentPage, 'approvals-02-substitute');
    await referentPage.getByRole('button', { name: /Supprimer la suppléance de/ }).click();
    await referentPage.getByText('Suppléance supprimée.').waitFor();
    await settings.close();
    const tag = randomBytes(3).toString('hex');
    const approved = await confirmAsIntegrator(`APP-${tag}`);
    const refused = await confirmAsIntegrator(`REF-${tag}`);
    const agent = await session('agent@guichet.example');
    expect(await queueTotal(agent, `APP-${tag}`)).toBe(0);

    const context = await browser.newContext({ locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openLink(page, await approvalLink(agent, approved.number), false);
    await page.getByRole('heading', { name: 'Approbation' }).waitFor();
    await page.getByText('Coût si la demande est approuvée maintenant').waitFor();
    await page.getByLabel('Commentaire').fill('Validé pour le site de Lyon.');
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.getByText('Vous avez approuvé la demande.').waitFor();
    await screenshot(page, 'approvals-01-approved-from-link');
    expect(await queueTotal(agent, `APP-${tag}`)).toBe(1);

    await openLink(page, await approvalLink(agent, refused.number), true);
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByText('Un refus est motivé : écrivez un commentaire.').waitFor();
    await page.getByLabel('Commentaire').fill('Pas de budget ce trimestre.');
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByText('Vous avez refusé la demande.').waitFor();
    expect(await queueTotal(agent, `REF-${tag}`)).toBe(0);
    const hidden = await api(agent, 'GET', `/api/back-office/requests/${refused.id}`);
    expect(hidden.status).toBe(404);

    // The requester reads why, in the request's history, « Refusée ».
    await page.goto(`${baseUrl}/demandes/${refused.id}`);
    await page.getByText('« Pas de budget ce trimestre. »').first().waitFor();
    await context.close();
  });
});
