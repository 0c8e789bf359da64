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
 * Questions back to the customer (issue 20 part 2, decision 0035): an agent asks for details
 * on a request in review; the customer reads the question on the request, changes a value in
 * the same form as at confirmation and sends the answer back; the agent sees the request back
 * in review and the difference (field, before, after) in the history.
 */

const reference = `E2E-Q-${randomBytes(3).toString('hex').toUpperCase()}`;
const before = 'Merci d’activer les journaux d’audit sur nos projets.';
const after = 'Merci d’activer les journaux d’audit sur le projet acme-prod uniquement.';
let browser: Browser;
const contexts: BrowserContext[] = [];
let requestId = '';
let requestNumber = '';

/** A « Faire une autre demande » confirmed by the customer and taken in review (the set-up). */
async function requestInReview(): Promise<{ id: string; number: string }> {
  const customer = await apiSession('gestionnaire@acme.example');
  const response = await fetch(`${baseUrl}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: customer },
    body: JSON.stringify({
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
      catalogId: stableId('catalog:standard'),
      articleId: stableId('article:standard:faire-une-autre-demande'),
      customerReference: reference,
      acknowledgeBilling: true,
      values: { details: before },
    }),
  });
  expect(response.status).toBe(201);
  const request = (await response.json()) as { id: string; number: string };
  const agent = await apiSession('agent@guichet.example');
  const review = await fetch(`${baseUrl}/api/back-office/requests/${request.id}/start-review`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: agent },
    body: '{}',
  });
  expect(review.status).toBe(200);
  return request;
}

const newPage = (): Promise<Page> => newDesktopPage(browser, contexts);

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launchBrowser();
  ({ id: requestId, number: requestNumber } = await requestInReview());
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe.skipIf(!hasBrowser)('questions back to the customer', () => {
  it('an agent asks, the customer changes a value and answers, the agent sees the difference', async () => {
    const agent = await newPage();
    await logInAgent(agent);
    await agent.goto(`${baseUrl}/back-office/demandes/${requestId}`);
    await agent.getByRole('heading', { name: `Demande ${requestNumber}`, level: 1 }).waitFor();
    await agent.getByRole('button', { name: 'Demander des précisions' }).click();
    await agent.getByLabel(/Votre question/).fill('Sur quel projet faut-il les activer ?');
    await agent.getByRole('button', { name: 'Envoyer la question' }).click();
    await agent.getByText('Question envoyée : la demande attend la réponse du client.').waitFor();
    await agent.getByRole('heading', { name: 'En attente du client', level: 3 }).waitFor();

    const customer = await newPage();
    await logIn(customer, 'gestionnaire@acme.example');
    await customer.goto(`${baseUrl}/demandes/${requestId}`);
    await customer
      .getByRole('heading', { name: 'En attente de votre réponse', level: 2 })
      .waitFor();
    await customer.getByText('Sur quel projet faut-il les activer ?').first().waitFor();
    expect(await seriousViolations(customer)).toEqual([]);
    await customer.getByLabel(/Votre réponse/).fill('Le projet acme-prod seulement.');
    await customer.getByLabel('Modifier aussi les valeurs de la demande').check();
    const details = customer.getByRole('textbox', { name: 'Détail de la demande' });
    await details.fill('trop court');
    await customer.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    // the same rule as at confirmation, on its field: nothing is sent back yet
    await customer.getByText(/Au moins 20 caractères/).waitFor();
    await details.fill(after);
    await screenshot(customer, 'questions-01-reponse-client');
    await customer.setViewportSize({ width: 390, height: 844 });
    await screenshot(customer, 'questions-01-reponse-client-390');
    await customer.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await customer
      .getByText('Réponse envoyée : la demande est de nouveau en cours de traitement.')
      .waitFor();
    await customer.getByRole('heading', { name: /En cours d.analyse/, level: 1 }).waitFor();

    await agent.reload();
    await agent.getByRole('heading', { name: `Demande ${requestNumber}`, level: 1 }).waitFor();
    await agent.getByText('Réponse du client').first().waitFor();
    const row = agent.getByRole('row', { name: /Détail de la demande/ }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(before);
    expect(await row.textContent()).toContain(after);
    await agent.getByRole('button', { name: 'Demander des précisions' }).waitFor();
    await screenshot(agent, 'questions-02-difference-agent');
    await agent.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'questions-02-difference-agent-390');
  });
});
