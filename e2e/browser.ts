import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
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
