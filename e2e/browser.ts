import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import axeCore from 'axe-core';

export const hasBrowser = inject('chromiumPath') !== '';
export const baseUrl = inject('baseUrl');
export const demoPassword = 'Demo.Guichet.2026';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/mot de passe/i).fill(demoPassword);
  await page.getByRole('button', { name: /se connecter/i }).click();
  await page.getByRole('heading', { name: 'Demandes', level: 1 }).waitFor();
}

/** A page in a context of its own (French, 1366 × 900, 15 s waits), kept in `contexts` to close. */
export async function newDesktopPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1366, height: 900 },
  });
  contexts.push(context);
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** Logs the demo agent in (the back-office opens on its queue). */
export async function logInAgent(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('agent@guichet.example');
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'File des demandes', level: 1 }).waitFor();
}

/** A demo account's session cookie, for a journey's set-up through the API. */
export async function apiSession(email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  const cookie = /guichet_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  if (cookie === '') throw new Error(`no session for ${email}: ${login.status}`);
  return cookie;
}

/** Screenshots land in e2e/screenshots/ for people to look at (not compared). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/**
 * Runs axe-core in the page (evaluated, not injected as a script tag: our CSP forbids inline
 * scripts); returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const result = await page.evaluate<{
    violations: AxeViolation[];
  }>(`${axeCore.source}\n;axe.run(document)`);
  return result.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/**
 * In the change form: the item found by `search` (its option matching `item`), then the
 * catalog, category and article by their labels, as the guide's steps 4 and 5 choose them.
 */
export async function chooseArticle(
  page: Page,
  choice: { search: string; item: RegExp; catalog: string; category: string; article: string },
): Promise<void> {
  await page.getByRole('combobox', { name: /Référence de l'élément de parc/ }).fill(choice.search);
  await page.getByRole('option', { name: choice.item }).click();
  await page
    .getByRole('combobox', { name: 'Catalogue de changements', exact: true })
    .selectOption({ label: choice.catalog });
  await page
    .getByRole('combobox', { name: 'Catégorie', exact: true })
    .selectOption({ label: choice.category });
  await page
    .getByRole('combobox', { name: 'Article de changement', exact: true })
    .selectOption({ label: choice.article });
}
