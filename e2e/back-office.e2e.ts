import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { freePort } from '@guichet/db';
import {
  demoPassword,
  hasBrowser,
  launchBrowser,
  screenshot,
  seriousViolations,
} from './browser.ts';

/**
 * The back-office journey (issue 4): a customer confirms an « UCB - F.E: Autres Demandes »
 * request, an agent takes it and sends a quote, the customer accepts it, the agent completes
 * it, the customer sees it « Terminée » (« Réalisée »). The mails arrive at a real SMTP
 * server started here, so this file runs its own Guichet (with `SMTP_URL`) next to the
 * shared one; an internal comment appears nowhere on the customer's side.
 */

interface ReceivedMail {
  to: string[];
  subject: string;
  body: string;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (__, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}

function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = /^subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  return { to, subject: decodeHeader(subject.trim()), body: rest.join('\n\n') };
}

let smtp: SMTPServer;
const mails: ReceivedMail[] = [];
let server: ChildProcess | null = null;
let dataDir = '';
let baseUrl = '';
let browser: Browser;
const reference = `E2E-BO-${randomBytes(3).toString('hex').toUpperCase()}`;
const secret = `NOTE-INTERNE-${randomBytes(3).toString('hex').toUpperCase()}`;
let requestNumber = '';

async function startGuichet(smtpPort: number): Promise<void> {
  dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-e2e-bo-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      PUBLIC_URL: baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Guichet <no-reply@guichet.example>',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`Guichet exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('Guichet did not answer within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  if (!hasBrowser) return;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((rcpt) => rcpt.address),
          ),
        );
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  await startGuichet(smtpPort);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1360, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function logIn(page: Page, email: string, landing: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
}

async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  await expect
    .poll(
      () =>
        mails.filter((mail) => mail.to.includes(address) && mail.subject.includes(requestNumber))
          .length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThanOrEqual(count);
  return mails.filter((mail) => mail.to.includes(address) && mail.subject.includes(requestNumber));
}

describe.skipIf(!hasBrowser)('the back-office journey, with mails on a real SMTP server', () => {
  let customer: Page;
  let agent: Page;

  it('a customer confirms an « UCB - F.E: Autres Demandes » request, on quote', async () => {
    customer = await newPage();
    await logIn(customer, 'gestionnaire@acme.example', 'Demandes');
    await customer.getByRole('link', { name: 'Créer une demande' }).click();
    await customer.getByText('IMPORTANT :').waitFor();
    const contract = customer.getByRole('combobox', { name: 'Contrat', exact: true });
    // the page may still settle its default contract: choose until the choice holds
    await expect
      .poll(async () => {
        await contract.selectOption('OCB0005121');
        await customer.waitForTimeout(200);
        return contract.inputValue();
      })
      .toBe('OCB0005121');
    await customer.getByRole('radio', { name: /Demander un changement/ }).check();
    await customer.getByRole('button', { name: 'Continuer' }).click();
    const itemSearch = customer.getByRole('combobox', { name: /Référence de l'élément de parc/ });
    await itemSearch.fill('acme-prod');
    await customer.getByRole('option', { name: /FE-OCB0005121-1/ }).click();
    await customer
      .getByRole('combobox', { name: 'Catalogue de changements', exact: true })
      .selectOption({ label: 'UCB - F.E: Autres Demandes' });
    await customer
      .getByRole('combobox', { name: 'Article de changement', exact: true })
      .selectOption({ label: 'Demande hors catalogue' });
    await customer.getByRole('textbox', { name: 'Objet', exact: true }).fill('VPN IPsec vers Lyon');
    await customer
      .getByRole('textbox', { name: 'Description détaillée', exact: true })
      .fill('Mise en place d’un tunnel IPsec entre le tenant et notre site de Lyon.');
    await customer.getByRole('textbox', { name: 'Votre référence', exact: true }).fill(reference);
    await customer
      .getByText(/Sur devis : une étude préalable est nécessaire/)
      .first()
      .waitFor();
    await customer.getByRole('button', { name: 'Confirmer la demande' }).click();
    const confirmation = customer.getByText(/Votre demande CHG-\d{4}-\d{6} a été transmise/);
    await confirmation.waitFor();
    requestNumber = /CHG-\d{4}-\d{6}/.exec((await confirmation.textContent()) ?? '')?.[0] ?? '';
    expect(requestNumber).not.toBe('');
    await customer.getByText('Devis en préparation').first().waitFor();
  });

  it('an agent finds it in the queue, takes it, comments internally and sends a quote', async () => {
    agent = await newPage();
    await logIn(agent, 'agent@guichet.example', 'File des demandes');
    await agent.getByRole('link', { name: "Boîte d'envoi" }).waitFor();
    await agent.getByRole('searchbox', { name: 'Rechercher' }).fill(reference);
    const row = agent.getByRole('row', { name: new RegExp(requestNumber) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Non attribuée');
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'bo-01-file-des-demandes');
    await row.getByRole('link', { name: requestNumber }).click();
    await agent.getByRole('heading', { name: `Demande ${requestNumber}`, level: 1 }).waitFor();
    await agent.getByRole('button', { name: 'Prendre la demande' }).click();
    await agent.getByText('Attribution enregistrée.').waitFor();

    await agent
      .getByLabel('Ajouter un commentaire')
      .fill(`${secret} : client à relancer sur le budget.`);
    await agent.getByLabel('Commentaire interne (jamais visible du client)').check();
    await agent.getByRole('button', { name: 'Publier' }).click();
    await agent.getByText(`${secret} : client à relancer sur le budget.`).waitFor();

    await agent.getByRole('button', { name: 'Envoyer un devis' }).click();
    await agent.getByLabel(/Montant en jetons/).fill('12');
    await agent.getByText(/Soit 600,00\s€ au prix du jeton du contrat/).waitFor();
    await agent
      .getByLabel(/Détail du devis/)
      .fill('Étude et mise en œuvre du tunnel IPsec, tests de bascule compris.');
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'bo-02-devis');
    await agent.getByRole('button', { name: 'Envoyer le devis' }).click();
    await agent.getByText('Devis envoyé au client.').waitFor();
    await agent
      .getByRole('heading', { name: `Demande ${requestNumber}`, level: 1 })
      .getByText('Devis à valider')
      .waitFor();
    await screenshot(agent, 'bo-03-demande');
  });

  it('the customer sees « Devis à valider » and accepts it; nothing internal shows', async () => {
    await customer.reload();
    await customer.getByRole('heading', { name: 'Devis à valider', level: 2 }).waitFor();
    await customer
      .getByText(/12 jetons \(600,00\s€\)/)
      .first()
      .waitFor();
    expect(await customer.content()).not.toContain(secret);
    expect(await seriousViolations(customer)).toEqual([]);
    await screenshot(customer, 'bo-04-devis-a-valider');
    await customer.getByRole('button', { name: 'Accepter le devis' }).click();
    const dialog = customer.getByRole('dialog', { name: /Accepter le devis v1/ });
    await dialog.getByRole('button', { name: 'Accepter le devis' }).click();
    await customer.getByText('Devis accepté : la demande est en cours de réalisation.').waitFor();
    await customer.getByText('En cours de réalisation').first().waitFor();
    expect(await customer.content()).not.toContain(secret);
  });

  it('the agent completes it', async () => {
    await agent.reload();
    await agent.getByRole('button', { name: 'Marquer comme réalisée' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Marquer la demande comme réalisée ?' });
    await dialog.getByRole('button', { name: 'Marquer comme réalisée' }).click();
    await agent.getByText('Demande réalisée.').waitFor();
    await agent
      .getByRole('heading', { name: `Demande ${requestNumber}`, level: 1 })
      .getByText('Réalisée')
      .waitFor();
  });

  it('the customer sees it « Terminée » (« Réalisée »), with each step and the bell', async () => {
    await customer.goto(`${baseUrl}/demandes?group=terminee`);
    await customer.getByRole('link', { name: 'Terminée', exact: true }).waitFor();
    const row = customer.getByRole('row', { name: new RegExp(requestNumber) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Réalisée');
    await screenshot(customer, 'bo-05-terminee');
    await row.getByRole('link', { name: requestNumber }).click();
    for (const step of ['Demande confirmée', 'Devis envoyé', 'Devis accepté', 'Demande réalisée']) {
      await customer.getByText(step, { exact: true }).first().waitFor();
    }
    expect(await customer.content()).not.toContain(secret);
    await customer.getByRole('button', { name: /^Notifications \d+ non lues?$/ }).click();
    await customer.getByText(`${requestNumber} : Réalisée`).waitFor();
    expect(await seriousViolations(customer)).toEqual([]);
    await screenshot(customer, 'bo-06-historique');
  });

  it('the mails arrived at the SMTP server, and none carries the internal comment', async () => {
    const received = await mailsTo('gestionnaire@acme.example', 3);
    const subjects = received.map((mail) => mail.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        `[Guichet] Demande ${requestNumber} transmise`,
        `[Guichet] Devis à valider pour la demande ${requestNumber}`,
        `[Guichet] Demande ${requestNumber} réalisée`,
      ]),
    );
    for (const mail of mails) expect(mail.body).not.toContain(secret);
    await agent.goto(`${baseUrl}/back-office/boite-d-envoi?q=${requestNumber}`);
    await agent.getByRole('heading', { name: "Boîte d'envoi", level: 1 }).waitFor();
    await expect
      .poll(async () => agent.getByRole('cell', { name: 'Envoyé', exact: true }).count(), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(3);
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'bo-07-boite-d-envoi');
  });

  it('keeps customers out of the back-office', async () => {
    await customer.goto(`${baseUrl}/back-office`);
    await customer.waitForURL(/\/demandes$/);
    const refused = await customer.request.get(`${baseUrl}/api/back-office/requests`);
    expect(refused.status()).toBe(403);
    await customer.context().close();
    await agent.context().close();
  });
});
