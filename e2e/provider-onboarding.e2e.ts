import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
 * Issue 14's acceptance, as a provider would run Guichet for a new customer: the admin
 * creates « Initech » and its contract OCB0009001 (5 free changes, 50 € a token) with a first
 * referent invited by mail; three items are synced with the CLI (`npm run inventory:sync`,
 * streamed to this server with an admin's API token); the referent sets a password, logs in
 * and confirms a change on one of those items, its current quota prefilled from the synced
 * attributes; a full sync without that item retires it, and the request still shows it,
 * marked retired; the month's statement counts the change.
 */

let browser: Browser;
const contractId = 'OCB0009001';
const referent = {
  email: 'referent@initech.example',
  firstName: 'Jeanne',
  lastName: 'Durand',
  password: 'Initech.Premier2026',
};
const work = mkdtempSync(path.join(tmpdir(), 'guichet-onboarding-'));

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(width = 1366): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
  // The machine may be busy (2 cores shared with other suites): wait longer than a person would.
  context.setDefaultTimeout(25_000);
  return context.newPage();
}

async function logInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** The session cookie of a page, to call the API as that person. */
async function cookieOf(page: Page): Promise<string> {
  const session = (await page.context().cookies()).find(
    (cookie) => cookie.name === 'guichet_session',
  );
  if (!session) throw new Error('no session cookie');
  return `guichet_session=${session.value}`;
}

function item(reference: string, type: string, label: string, attributes: object) {
  return JSON.stringify({
    contract: contractId,
    reference,
    type,
    label,
    site: 'Lyon - Vénissieux',
    solution: type === 'fe_tenant' ? 'Flexible Engine' : 'Windows Server',
    attributes,
  });
}

const tenant = item('FE-OCB0009001-1', 'fe_tenant', 'Service Flexible Engine initech-prod', {
  project: 'initech-prod',
  region: 'eu-west-0',
  quotas: {
    instances: 10,
    vcpus: 32,
    ram_mib: 65_536,
    floating_ips: 10,
    security_groups: 10,
    security_group_rules: 20,
    key_pairs: 100,
    server_groups: 10,
  },
});
const licences = item('RDS-OCB0009001-1', 'rds_licence_pool', 'Pool de licences RDS', {
  licencesHeld: 12,
});
const network = item('GIN-OCB0009001-1', 'gin_access', 'Accès GIN Lyon', { bandwidthMbps: 200 });

/** Runs the CLI as a provider's script would; resolves with its exit code and output. */
function syncWithCli(
  lines: string[],
  token: string,
  mode: 'upsert' | 'full',
): Promise<{ code: number | null; output: string }> {
  const file = path.join(work, `items-${mode}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'apps/api/src/inventory-sync-cli.ts',
      '--file',
      file,
      '--mode',
      mode,
      '--url',
      baseUrl,
      '--token',
      token,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe.skipIf(!hasBrowser)('a provider onboards Initech (issue 14)', () => {
  let admin: Page;
  let user: Page;
  let token = '';
  let requestNumber = '';

  it('the admin creates the customer and its contract, inviting the referent', async () => {
    admin = await newPage();
    await logInWith(admin, 'admin@guichet.example', demoPassword);
    await admin.getByRole('link', { name: 'Clients' }).click();
    await admin.getByRole('link', { name: 'Nouveau client' }).click();
    await admin.getByLabel('Nom du client').fill('Initech');
    await admin.getByRole('button', { name: 'Créer le client' }).click();
    await admin.getByRole('heading', { name: 'Initech', level: 1 }).waitFor();

    await admin.getByRole('link', { name: 'Nouveau contrat' }).click();
    await admin.getByLabel('Numéro de contrat').fill(contractId);
    await admin.getByLabel('Changements gratuits inclus par mois').fill('5');
    await admin.getByLabel('Prix du jeton (€)').fill('50');
    await admin.getByLabel('Fuseau horaire').fill('Europe/Paris');
    await admin.getByLabel('Un nouvel utilisateur (invité par e-mail)').check();
    await admin.getByLabel('Adresse e-mail').fill(referent.email);
    await admin.getByLabel('Prénom').fill(referent.firstName);
    await admin.locator('#field-referent-lastName').fill(referent.lastName);
    await admin.getByRole('button', { name: 'Créer le contrat' }).click();
    await admin.getByRole('heading', { name: contractId, level: 1 }).waitFor();
    await admin.getByText('invité, mot de passe non encore choisi').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'onboarding-01-contrat');
  });

  it('syncs three items with the CLI, streamed to the API with an admin’s token', async () => {
    const created = await fetch(`${baseUrl}/api/back-office/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await cookieOf(admin) },
      body: JSON.stringify({ name: 'Synchronisation du parc', expiresInDays: 1, role: null }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { token: string }).token;

    const run = await syncWithCli([tenant, licences, network], token, 'upsert');
    expect(run.output).toMatch(/created\D+3/i);
    expect(run.code).toBe(0);
  });

  it('the referent accepts the invitation and confirms a change on a synced item', async () => {
    const cookie = await cookieOf(admin);
    const outbox = (await (
      await fetch(`${baseUrl}/api/back-office/outbox?q=${encodeURIComponent(referent.email)}`, {
        headers: { cookie },
      })
    ).json()) as { items: { id: string; to: string; kind: string }[] };
    const mail = outbox.items.find((entry) => entry.kind === 'invitation');
    if (!mail) throw new Error(`no invitation to ${referent.email} in the outbox`);
    const detail = (await (
      await fetch(`${baseUrl}/api/back-office/outbox/${mail.id}`, { headers: { cookie } })
    ).json()) as { text: string };
    const link = /https?:\/\/\S+\/invitation\/([A-Za-z0-9_-]+)/.exec(detail.text);
    if (!link) throw new Error('no link in the invitation');

    user = await newPage();
    await user.goto(`${baseUrl}/invitation/${link[1]}`);
    await user.getByLabel(/^Mot de passe/).fill(referent.password);
    await user.getByLabel('Confirmer le nouveau mot de passe').fill(referent.password);
    await user.getByRole('button', { name: 'Choisir mon mot de passe' }).click();
    await user.getByRole('heading', { name: 'Mot de passe enregistré' }).waitFor();
    await logInWith(user, referent.email, referent.password);
    await user.getByRole('heading', { name: 'Demandes', level: 1 }).waitFor();

    await user.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=${contractId}`);
    const itemSearch = user.getByRole('combobox', { name: /Référence de l'élément de parc/ });
    await itemSearch.fill('initech');
    await user.getByRole('option', { name: /FE-OCB0009001-1/ }).click();
    await user.getByRole('button', { name: "Changer d'élément" }).waitFor();
    await user
      .getByRole('combobox', { name: 'Catalogue de changements', exact: true })
      .selectOption({ label: 'Catalogue de Changement Standard' });
    await user
      .getByRole('combobox', { name: 'Catégorie', exact: true })
      .selectOption({ label: 'Quotas' });
    await user
      .getByRole('combobox', { name: 'Article de changement', exact: true })
      .selectOption({ label: 'Modifier mes quotas' });
    await user.getByRole('textbox', { name: 'Projet', exact: true }).fill('initech-prod');
    await user
      .getByRole('combobox', { name: /Type de quota/ })
      .first()
      .selectOption({ label: 'vCPU (ECS)' });
    // the current value is the synced one (32), not the demo default (20)
    await expect
      .poll(() =>
        user
          .getByRole('textbox', { name: /Valeur actuelle/ })
          .first()
          .inputValue(),
      )
      .toBe('32');
    await user
      .getByRole('textbox', { name: /Valeur demandée/ })
      .first()
      .fill('64');
    await user
      .getByRole('textbox', { name: 'Justification', exact: true })
      .fill('Ouverture de la boutique en ligne.');
    await user.getByText(/Changement gratuit/).waitFor();
    await user.getByRole('button', { name: 'Confirmer la demande' }).click();
    const confirmation = user.getByText(/Votre demande CHG-\d{4}-\d{6} a été transmise/);
    await confirmation.waitFor();
    requestNumber = /CHG-\d{4}-\d{6}/.exec((await confirmation.textContent()) ?? '')?.[0] ?? '';
    expect(requestNumber).not.toBe('');
    await screenshot(user, 'onboarding-02-demande');
  });

  it('a full sync without that item retires it; the request still shows it, marked retired', async () => {
    const run = await syncWithCli([licences, network], token, 'full');
    expect(run.output).toMatch(/retired\D+1/i);
    expect(run.code).toBe(0);

    await user.reload();
    await user.getByText('Élément retiré du parc').waitFor();
    await user.getByText('FE-OCB0009001-1').first().waitFor();
    expect(await seriousViolations(user)).toEqual([]);
    await screenshot(user, 'onboarding-03-element-retire');

    // and the item has left the picker
    await user.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=${contractId}`);
    await user.getByRole('combobox', { name: /Référence de l'élément de parc/ }).fill('OCB0009001');
    await user.getByRole('option', { name: /RDS-OCB0009001-1/ }).waitFor();
    expect(await user.getByRole('option', { name: /FE-OCB0009001-1/ }).count()).toBe(0);
    await user.context().close();
  });

  it('the month’s statement counts the change', async () => {
    await admin.getByRole('link', { name: 'Relevés mensuels' }).click();
    await admin.getByRole('heading', { name: 'Relevés mensuels', level: 1 }).waitFor();
    // the current month in the contract's time zone: provisional, computed at once
    const provisional = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    await admin.goto(`${baseUrl}/back-office/releves/${contractId}/${provisional}`);
    await admin.getByText('Initech').first().waitFor();
    await admin.getByText('Provisoire').first().waitFor();
    const used = admin.locator('dt', { hasText: 'Changements gratuits utilisés' });
    await expect
      .poll(async () =>
        (await used.locator('xpath=following-sibling::dd[1]').textContent())?.trim(),
      )
      .toBe('1');
    // the change that used it is listed under the free changes, at 0 €, and nowhere else
    const free = admin.getByRole('region', {
      name: 'Changements du mois qui ont utilisé un changement gratuit',
    });
    await free.getByRole('link', { name: requestNumber, exact: true }).waitFor();
    expect(await free.getByRole('row').count()).toBe(2); // header, the journey's change
    expect(await free.getByRole('row').nth(1).textContent()).toContain('0,00');
    expect(await admin.getByRole('link', { name: requestNumber, exact: true }).count()).toBe(1);
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'onboarding-04-releve');
    await admin.context().close();
  });
});
