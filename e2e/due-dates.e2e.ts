import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
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
 * Issue 20 part 3: a due date shown to both sides. A customer confirms a request (the API, as
 * the change form does); its page says « Réalisation prévue avant le … »; the agent reads the
 * same carry-out date, and the take-charge one, on the request and in the queue sorted by due
 * date. The instants are the API's: computed by the contract's calendar, shown in the browser's.
 */

let browser: Browser;
const reference = `E2E-DUE-${randomBytes(3).toString('hex').toUpperCase()}`;

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1366, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

describe.skipIf(!hasBrowser)('due dates', () => {
  it('shows the carry-out due date to the customer and both due dates to the agent', async () => {
    const customer = await newPage();
    await logIn(customer, 'gestionnaire@acme.example');
    const created = await customer.request.post(`${baseUrl}/api/requests`, {
      data: {
        action: 'confirm',
        contractId: 'OCB0005121',
        assetId: stableId('asset:OCB0005121:FE-OCB0005121-1'),
        catalogId: stableId('catalog:standard'),
        articleId: stableId('article:standard:faire-une-autre-demande'),
        customerReference: reference,
        acknowledgeBilling: true,
        values: { details: 'Merci d’ouvrir le port 443 vers notre passerelle.' },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const request = (await created.json()) as { id: string; number: string };

    // the clock of a one-statement confirmation is computed on read: the page has it at once
    await customer.goto(`${baseUrl}/demandes/${request.id}`);
    const label = customer.getByText('Réalisation prévue avant le', { exact: true });
    await label.waitFor();
    const due = customer.getByTestId('due-date');
    const dueAt = await due.getAttribute('datetime');
    expect(dueAt).not.toBeNull();
    expect(new Date(dueAt ?? '').getTime()).toBeGreaterThan(Date.now());
    const shown = (await due.textContent())?.trim() ?? '';
    expect(shown).toMatch(/\d{4}/);
    expect(await seriousViolations(customer)).toEqual([]);
    await screenshot(customer, 'due-date-customer');

    const agent = await newPage();
    await agent.goto(`${baseUrl}/connexion`);
    await agent.getByLabel('Adresse e-mail').fill('agent@guichet.example');
    await agent.getByLabel('Mot de passe').fill(demoPassword);
    await agent.getByRole('button', { name: 'Se connecter' }).click();
    await agent.getByRole('heading', { name: 'File des demandes', level: 1 }).waitFor();
    await agent.goto(`${baseUrl}/back-office/demandes/${request.id}`);
    const card = agent.getByRole('region', { name: 'Échéances' });
    await card.getByText('Prise en charge', { exact: true }).waitFor();
    await expect.poll(() => card.textContent()).toContain(`avant le ${shown}`);
    expect(await card.textContent()).toContain('Dans les délais');
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'due-date-agent');

    // the queue sorted by due date: the request with its next due date (take charge)
    await agent.goto(`${baseUrl}/back-office?tri=due&q=${reference}`);
    const row = agent.getByRole('row', { name: new RegExp(request.number) });
    await row.waitFor();
    expect(await row.getByText('Dans les délais').count()).toBe(1);
  });
});
