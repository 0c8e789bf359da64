import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import {
  apiSession,
  baseUrl,
  hasBrowser,
  launchBrowser,
  logIn,
  logInAgent,
  newDesktopPage,
  screenshot,
  seriousViolations,
} from './browser.ts';

/**
 * Live updates (issue 15), with two browsers: the customer has the request list open; an
 * agent sends a quote; without any reload the customer's list says « Devis à valider »
 * within 2 s, the bell's count moves, and the request page opened from the list shows the
 * quote card. A comment the agent adds then appears on the customer's open page, with a
 * quiet notice of who changed it.
 */

const reference = `E2E-LIVE-${randomBytes(3).toString('hex').toUpperCase()}`;
let browser: Browser;
const contexts: BrowserContext[] = [];
let requestId = '';
let requestNumber = '';

const newPage = (): Promise<Page> => newDesktopPage(browser, contexts);

/** A request on quote, confirmed by the customer through the API (the set-up, not the journey). */
async function confirmOnQuote(): Promise<{ id: string; number: string }> {
  const cookie = await apiSession('gestionnaire@acme.example');
  const response = await fetch(`${baseUrl}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
      catalogId: stableId('catalog:ucb-fe-autres-demandes'),
      articleId: stableId('article:ucb-fe-autres-demandes:demande-hors-catalogue'),
      customerReference: reference,
      acknowledgeBilling: true,
      values: {
        subject: 'Ouverture de flux vers Lyon',
        description: 'Ouverture de flux entre le tenant et notre site de Lyon, sur devis.',
      },
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; number: string };
}

/** The unread count the bell's button says (0 when it says none). */
async function bellCount(page: Page): Promise<number> {
  const name = await page.getByRole('button', { name: /^Notifications/ }).textContent();
  return Number(/(\d+)/.exec(name ?? '')?.[1] ?? 0);
}

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launchBrowser();
  ({ id: requestId, number: requestNumber } = await confirmOnQuote());
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe.skipIf(!hasBrowser)('live updates across two browsers', () => {
  let customer: Page;
  let agent: Page;

  it('the customer’s open list turns « Devis à valider » within 2 s of the agent sending a quote, and the bell moves', async () => {
    customer = await newPage();
    await logIn(customer, 'gestionnaire@acme.example');
    const row = customer.getByRole('row', { name: new RegExp(requestNumber) });
    await row.getByText('Devis en préparation').waitFor();
    const unreadBefore = await bellCount(customer);
    // Gone if the page were loaded again: what follows must happen without a reload.
    await customer.evaluate('window.loadedOnce = true');

    agent = await newPage();
    await logInAgent(agent);
    await agent.goto(`${baseUrl}/back-office/demandes/${requestId}`);
    await agent.getByRole('heading', { name: `Demande ${requestNumber}`, level: 1 }).waitFor();
    await agent.getByRole('button', { name: 'Envoyer un devis' }).click();
    await agent.getByLabel(/Montant en jetons/).fill('8');
    await agent.getByLabel(/Détail du devis/).fill('Ouverture des flux et tests : 8 jetons.');
    await agent.getByRole('button', { name: 'Envoyer le devis' }).click();
    await agent.getByText('Devis envoyé au client.').waitFor();
    const sentAt = Date.now();

    await row.getByText('Devis à valider').waitFor({ timeout: 2000 });
    const seenAfterMs = Date.now() - sentAt;
    expect(seenAfterMs).toBeLessThan(2000);
    await expect.poll(() => bellCount(customer), { timeout: 2000 }).toBeGreaterThan(unreadBefore);
    expect(await customer.evaluate('window.loadedOnce')).toBe(true);
    await screenshot(customer, 'live-01-liste-a-jour');
  });

  it('the request page opened from the list shows the quote card, still without a reload', async () => {
    await customer
      .getByRole('row', { name: new RegExp(requestNumber) })
      .getByRole('link', { name: requestNumber })
      .click();
    await customer.getByRole('heading', { name: 'Devis à valider', level: 2 }).waitFor();
    await customer.getByRole('button', { name: 'Accepter le devis' }).waitFor();
    expect(await customer.evaluate('window.loadedOnce')).toBe(true);

    // The agent writes to the customer while the page is open: it appears, with who did it.
    const message = `Pouvez-vous confirmer la plage d’adresses ? ${reference}`;
    await agent.getByLabel('Ajouter un commentaire').fill(message);
    await agent.getByRole('button', { name: 'Publier' }).click();
    await agent.getByText(message).waitFor();
    await customer.getByText(message).waitFor({ timeout: 2000 });
    await customer
      .getByText('Cette demande vient d’être mise à jour par Agent Guichet.', { exact: false })
      .waitFor();
    expect(await seriousViolations(customer)).toEqual([]);
    await screenshot(customer, 'live-02-demande-a-jour');
  });

  it('works at 390 px too', async () => {
    await customer.setViewportSize({ width: 390, height: 844 });
    await customer.getByRole('heading', { name: 'Devis à valider', level: 2 }).waitFor();
    expect(await seriousViolations(customer)).toEqual([]);
    await screenshot(customer, 'live-03-demande-390');
  });
});
