import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '@guichet/db';
import * as journey from './browser.ts';

const { baseUrl, hasBrowser } = journey;

/**
 * Issue 17's automatic loop ("apply, then prove", decision 0032): the reference executor
 * (examples/executor, plain Node) runs as a real process on loopback; a customer confirms
 * « Modifier mes quotas » on an article marked automatic and, with no operator, the request
 * reaches « Réalisée » with the values before and after, and the item's quota in the form
 * (read from the inventory, which the executor updated through the sync API) is the new one.
 *
 * It works on ACME's second contract and its test tenant, and puts the article back to manual
 * and removes its executor at the end, so that the other journeys find the demo as it was.
 */

const contract = 'OCB0005122';
const item = 'FE-OCB0005122-3';
const requestedVcpus = 64;

let browser: Browser;
let executor: ChildProcess | null = null;
let adminCookie = '';
let executorId = '';
let setting = { articleId: '', version: 0 };
/** The request the loop carried out, for the agent's look at it afterwards. */
let requestId = '';
const executorLog: string[] = [];

async function api(method: string, path: string, body?: unknown, headers = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: adminCookie,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

function field<T>(value: unknown, key: string): T {
  return (value as Record<string, T>)[key] as T;
}

async function startExecutor(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['examples/executor/executor.mjs'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  executor = child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the executor did not start')), 15_000);
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      executorLog.push(text);
      if (text.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the executor exited (${code}): ${executorLog.join('')}`));
    });
  });
}

async function sessionOf(email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: journey.demoPassword }),
  });
  const cookie = /guichet_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  expect(cookie).not.toBe('');
  return cookie;
}

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await journey.launchBrowser();
  adminCookie = await sessionOf('admin@guichet.example');

  // The provider's set-up, by its admin through the API: a token for the executor, the
  // executor's subscription (its secret shown once), the article marked automatic.
  const token = field<string>(
    await api('POST', '/api/back-office/api-tokens', { name: 'Exécuteur de quotas (e2e)' }),
    'token',
  );
  const port = await freePort();
  const subscription = await api('POST', '/api/back-office/webhooks', {
    kind: 'executor',
    url: `http://127.0.0.1:${port}/executions`,
    description: 'Exécuteur de référence (e2e)',
    eventTypes: ['execution.requested'],
  });
  executorId = field<string>(subscription, 'id');
  const catalogs = field<
    {
      code: string;
      categories: { articles: { id: string; code: string; version: number }[] }[];
    }[]
  >(
    await api('GET', `/api/contracts/${contract}/catalogs`, undefined, {
      cookie: await sessionOf('gestionnaire@acme.example'),
    }),
    'items',
  );
  const quotas = catalogs
    .flatMap((catalog) => catalog.categories.flatMap((category) => category.articles))
    .find((article) => article.code === 'modifier-mes-quotas');
  if (!quotas) throw new Error('« Modifier mes quotas » not offered');
  setting = { articleId: quotas.id, version: quotas.version };
  await startExecutor({
    GUICHET_URL: baseUrl,
    GUICHET_TOKEN: token,
    EXECUTOR_SECRET: field<string>(subscription, 'secret'),
    PORT: String(port),
    HOST: '127.0.0.1',
  });
});

afterAll(async () => {
  if (executor && executor.exitCode === null) {
    const exited = new Promise((resolve) => executor?.once('exit', resolve));
    executor.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  if (adminCookie !== '' && setting.articleId !== '') {
    await api(
      'PUT',
      `/api/back-office/articles/${setting.articleId}/versions/${setting.version}/execution`,
      { mode: 'manual' },
    );
  }
  if (adminCookie !== '' && executorId !== '') {
    await api('DELETE', `/api/back-office/webhooks/${executorId}`);
  }
  await browser?.close();
});

/** « Modifier mes quotas » on the test tenant, up to the vCPU line's current value. */
async function openQuotaForm(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=${contract}`);
  await page.getByRole('combobox', { name: /Référence de l'élément de parc/ }).fill(item);
  await page.getByRole('option', { name: new RegExp(item) }).click();
  // The form's selects, by their labels, in the order the form shows them.
  const choices: [label: string | RegExp, option: string][] = [
    ['Catalogue de changements', 'Catalogue de Changement Standard'],
    ['Catégorie', 'Quotas'],
    ['Article de changement', 'Modifier mes quotas'],
    [/Type de quota/, 'vCPU (ECS)'],
  ];
  for (const [label, option] of choices) {
    await page
      .getByRole('combobox', { name: label, exact: typeof label === 'string' })
      .first()
      .selectOption({ label: option });
  }
  const current = page.getByRole('textbox', { name: /Valeur actuelle/ }).first();
  await expect.poll(() => current.inputValue()).not.toBe('');
  return current.inputValue();
}

describe.skipIf(!hasBrowser)('a standard change executed automatically', () => {
  it('is marked automatic by a catalog manager, naming the executor', async () => {
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('catalogue@guichet.example');
    await page.getByLabel('Mot de passe').fill(journey.demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Catalogues de changements', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/back-office/catalogues/articles/${setting.articleId}`);
    const card = page.getByRole('region', { name: `Réalisation de la version ${setting.version}` });
    const mode = card.getByRole('combobox', { name: 'Réalisation', exact: true });
    expect(await mode.inputValue()).toBe('manual');
    await mode.selectOption({ label: 'Automatique, par un exécuteur' });
    await card.getByRole('combobox', { name: 'Exécuteur' }).selectOption({ value: executorId });
    await card.getByRole('textbox', { name: /Délai de réponse/ }).fill('10');
    await card.getByRole('button', { name: 'Enregistrer la réalisation' }).click();
    await card.getByText('Réalisation enregistrée.').waitFor();
    expect(await journey.seriousViolations(page)).toEqual([]);
    await journey.screenshot(page, 'auto-00-article-automatique');
    const saved = await api(
      'GET',
      `/api/back-office/articles/${setting.articleId}/versions/${setting.version}/execution`,
    );
    expect(saved).toMatchObject({ mode: 'automatic', executorId, timeLimitMinutes: 10 });
    await page.close();
  });

  it('reaches « Réalisée » with no operator, the values before and after shown', async () => {
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(15_000);
    await journey.logIn(page, 'gestionnaire@acme.example');
    const before = await openQuotaForm(page);
    expect(before).toBe('20');
    await page.getByRole('textbox', { name: 'Projet', exact: true }).fill('acme-prod-test');
    const requested = page.getByRole('textbox', { name: /Valeur demandée/ }).first();
    await requested.fill(String(requestedVcpus));
    await requested.blur();
    await page
      .getByRole('textbox', { name: 'Justification', exact: true })
      .fill('Campagne de tests de charge avant la mise en production.');
    await page.getByRole('textbox', { name: 'Votre référence', exact: true }).fill('E2E-AUTO');
    await page.getByRole('button', { name: 'Confirmer la demande' }).click();
    const confirmation = page.getByText(/Votre demande CHG-\d{4}-\d{6} a été transmise/);
    await confirmation.waitFor();
    await page.waitForURL(/\/demandes\/[0-9a-f-]+$/);
    requestId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    // Nobody in the back-office: the executor answers started, then succeeded.
    const done = page.getByRole('region', { name: 'Réalisation automatique' });
    await expect
      .poll(
        async () => {
          if (await done.getByText(/Appliquée automatiquement le/).isVisible()) return true;
          await page.reload();
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          return false;
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(true);
    await page.getByText('Réalisée', { exact: true }).first().waitFor();
    const row = done.getByRole('row', { name: /vCPU \(ECS\)/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['20', String(requestedVcpus)]);
    expect(await done.getByRole('columnheader').allTextContents()).toEqual([
      'Valeur',
      'Avant',
      'Après',
    ]);
    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('Réalisée automatiquement').waitFor();
    await history.getByText('Exécution automatique démarrée').waitFor();
    expect(await journey.seriousViolations(page)).toEqual([]);
    await journey.screenshot(page, 'auto-01-realisee');
    expect(executorLog.join('')).toMatch(/succeeded \(quotas\.vcpus 20 → 64\)/);

    // The item's quota, as the form reads it from the inventory, is the new one.
    expect(await openQuotaForm(page)).toBe(String(requestedVcpus));
    await journey.screenshot(page, 'auto-02-nouveau-quota');
    await page.close();
  });

  it('shows the agents the execution card: executor, state, times, values, deliveries', async () => {
    expect(requestId).not.toBe('');
    // The delivery is marked delivered once the executor's 202 is back: wait for it.
    await expect
      .poll(
        async () => {
          const detail = await api('GET', `/api/back-office/requests/${requestId}`);
          const deliveries = field<{ deliveries: { state: string }[] }>(detail, 'execution');
          return deliveries.deliveries.map((delivery) => delivery.state);
        },
        { timeout: 15_000, interval: 500 },
      )
      .toEqual(['delivered']);
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(15_000);
    await journey.logInAgent(page);
    await page.goto(`${baseUrl}/back-office/demandes/${requestId}`);
    const card = page.getByRole('region', { name: 'Exécution automatique' });
    await card.waitFor();
    const fact = (label: string) =>
      card
        .locator('dt', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd');
    expect(await fact('Exécuteur').textContent()).toContain('Exécuteur de référence (e2e)');
    expect(await fact('État').textContent()).toBe('Réussie');
    for (const label of ['Envoyée le', 'Commencée le', 'Terminée le']) {
      expect(await fact(label).textContent()).toMatch(/\d{4}/);
    }
    const values = card.getByRole('table', { name: 'Valeurs avant et après le changement' });
    const row = values.getByRole('row', { name: /vCPU \(ECS\)/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['20', String(requestedVcpus)]);
    const deliveries = card.getByRole('table', {
      name: "Envois de la demande d'exécution à l'exécuteur",
    });
    const sent = deliveries.getByRole('row').nth(1);
    expect(await sent.textContent()).toContain('Remis');
    expect(await sent.textContent()).toContain('HTTP 202');
    expect(await journey.seriousViolations(page)).toEqual([]);
    await journey.screenshot(page, 'auto-03-carte-agent');
    await page.close();
  });
});
