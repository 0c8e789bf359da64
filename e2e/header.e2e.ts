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
 * Issue 19: the top bars on a 390 × 844 phone and a 1366 × 768 laptop. On the phone the
 * navigation and the tools fold behind « Menu » (a disclosure: Escape closes it and gives the
 * focus back to the button, choosing a link closes it); on the laptop the back-office's eight
 * entries stand on one row. A team account named after its role says it once.
 */

let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height } });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function logIn(page: Page, email: string, heading: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  // evaluated as text: the journeys are typed for Node, without the DOM's types
  const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  const innerWidth = await page.evaluate<number>('window.innerWidth');
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

const sides = [
  {
    name: 'customer',
    email: 'gestionnaire@acme.example',
    heading: 'Demandes',
    nav: 'Navigation principale',
    links: ['Demandes', 'Utilisateurs', 'Mon compte'],
    chosen: { link: 'Mon compte', path: '/mon-compte' },
    tools: [
      { role: 'combobox', name: 'Périmètre' },
      { role: 'group', name: "Langue de l'interface" },
      { role: 'button', name: 'Se déconnecter' },
    ],
  },
  {
    name: 'back-office',
    email: 'admin@guichet.example',
    heading: 'File des demandes',
    nav: 'Navigation du back-office',
    links: [
      'File des demandes',
      'Catalogues',
      'Clients',
      "Boîte d'envoi",
      'Opérateurs',
      'Relevés mensuels',
      'Parc',
      'Mes jetons API',
    ],
    chosen: { link: 'Clients', path: '/back-office/clients' },
    tools: [
      { role: 'group', name: "Langue de l'interface" },
      { role: 'button', name: 'Se déconnecter' },
    ],
  },
] as const;

describe.skipIf(!hasBrowser)('the top bars on a phone and a laptop', () => {
  it.each(sides)('folds the $name bar behind « Menu » at 390 × 844', async (side) => {
    const page = await newPage(390, 844);
    await logIn(page, side.email, side.heading);
    const header = page.locator('header.topbar');
    const menu = header.getByRole('button', { name: 'Menu', exact: true });
    const nav = page.getByRole('navigation', { name: side.nav });
    const chosen = nav.getByRole('link', { name: side.chosen.link, exact: true });

    // closed: a compact bar, nothing across the screen's edge
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const box = await header.boundingBox();
    expect(box?.height ?? Infinity).toBeLessThanOrEqual(80);
    expect(await chosen.isVisible()).toBe(false);
    await expectNoSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `header-${side.name}-390-closed`);

    // open: every entry and every tool
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const panelId = await menu.getAttribute('aria-controls');
    expect(panelId).toBeTruthy();
    expect(await page.locator(`[id="${panelId ?? ''}"]`).isVisible()).toBe(true);
    for (const link of side.links) {
      expect(await nav.getByRole('link', { name: link, exact: true }).isVisible()).toBe(true);
    }
    for (const tool of side.tools) {
      expect(await header.getByRole(tool.role, { name: tool.name }).isVisible()).toBe(true);
    }
    expect(await header.getByRole('button', { name: /^Notifications/ }).isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `header-${side.name}-390-open`);

    // Escape from inside the menu: closed, the focus back on the button
    await chosen.focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await chosen.isVisible()).toBe(false);
    expect(
      await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-controls')"),
    ).toBe(panelId);

    // a link chosen: the page changes and the menu folds
    await menu.click();
    await chosen.click();
    await page.waitForURL((url) => url.pathname === side.chosen.path);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await chosen.isVisible()).toBe(false);
    await page.context().close();
  });

  it.each(sides)('shows the $name bar at 1366 × 768, the navigation on one row', async (side) => {
    const page = await newPage(1366, 768);
    await logIn(page, side.email, side.heading);
    const nav = page.getByRole('navigation', { name: side.nav });
    expect(await page.getByRole('button', { name: 'Menu', exact: true }).isVisible()).toBe(false);
    const tops: number[] = [];
    for (const name of side.links) {
      const link = nav.getByRole('link', { name, exact: true });
      expect(await link.isVisible()).toBe(true);
      tops.push((await link.boundingBox())?.y ?? -1);
    }
    expect(new Set(tops).size).toBe(1);
    await expectNoSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `header-${side.name}-1366`);
    await page.context().close();
  });

  it('says « Gestion des catalogues » once for the account named after its role', async () => {
    const page = await newPage(1366, 768);
    await logIn(page, 'catalogue@guichet.example', 'Catalogues');
    const header = page.locator('header.topbar');
    const text = (await header.textContent()) ?? '';
    expect(text.split('Gestion des catalogues').length - 1).toBe(1);
    await page.context().close();
  });
});
