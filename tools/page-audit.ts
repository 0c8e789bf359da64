/**
 * `npm run audit:pages` — Lighthouse 12 (desktop preset) and pa11y (WCAG2AA, HTML CodeSniffer)
 * on the main pages, as each page's user sees it (issue 19's acceptance). Starts Guichet as
 * `npm start` does on a fresh data folder (or audits `--url http://…` of a running one with the
 * demo data), signs the demo accounts in, prints one line per page and exits 1 when a score is
 * under 95 or pa11y finds an error. Debian's Chromium; nothing is downloaded.
 *
 *   npm run build:web && npm run audit:pages [-- --url http://127.0.0.1:3000] [-- --runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import pa11y from 'pa11y';
import { startGuichet } from '../bench/processes.ts';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const password = 'Demo.Guichet.2026';
const threshold = 95;

interface PageToAudit {
  name: string;
  path: string;
  /** The demo account the page is seen as; null: signed out. */
  as: string | null;
}

const pages: PageToAudit[] = [
  { name: 'login', path: '/connexion', as: null },
  { name: 'request list', path: '/demandes', as: 'gestionnaire@acme.example' },
  { name: 'change form', path: '/demandes/nouvelle', as: 'gestionnaire@acme.example' },
  { name: 'back-office queue', path: '/back-office', as: 'agent@guichet.example' },
];

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Guichet as `npm start` runs it (bench/processes.ts), on a fresh data folder with the demo data. */
async function startFreshGuichet(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-audit-'));
  const server = await startGuichet(
    { engine: 'embedded', databaseUrl: null, dataDir },
    { webDist: 'apps/web/dist', logLevel: 'warn' },
  );
  return {
    baseUrl: server.baseUrl,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function sessionCookie(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`cannot sign ${email} in: ${response.status}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  failedAudits: string[];
}

async function lighthouseScores(url: string, cookie: string | null): Promise<Scores> {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      },
      desktopConfig,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { categories, audits } = result.lhr;
    const score = (id: string): number => Math.round((categories[id]?.score ?? 0) * 100);
    const failedAudits = Object.values(audits)
      .filter(
        (audit) =>
          audit.score !== null &&
          audit.score < 0.9 &&
          audit.scoreDisplayMode !== 'informative' &&
          audit.scoreDisplayMode !== 'manual',
      )
      .map(
        (audit) => `${audit.id} (${audit.displayValue ?? Math.round((audit.score ?? 0) * 100)})`,
      );
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      failedAudits,
    };
  } finally {
    chrome.kill();
  }
}

async function pa11yErrors(baseUrl: string, page: PageToAudit): Promise<string[]> {
  // signed in through the login form, as a person does, then on to the page audited
  const signIn = page.as
    ? [
        `set field #login-email to ${page.as}`,
        `set field #login-password to ${password}`,
        'click element button[type=submit]',
        'wait for path to not be /connexion',
        `navigate to ${baseUrl}${page.path}`,
        'wait for element h1 to be visible',
      ]
    : [];
  const result = await pa11y(page.as ? `${baseUrl}/connexion` : `${baseUrl}${page.path}`, {
    standard: 'WCAG2AA',
    runners: ['htmlcs'],
    includeWarnings: false,
    timeout: 60_000,
    wait: 1_000,
    actions: signIn,
    chromeLaunchConfig: { executablePath: chromiumPath, args: chromeFlags },
  });
  return result.issues
    .filter((issue) => issue.type === 'error')
    .map((issue) => `${issue.code} at ${issue.selector}: ${issue.message}`);
}

const given = argument('url');
const runs = Number(argument('runs') ?? '1');
const guichet = given
  ? { baseUrl: given.replace(/\/+$/, ''), stop: async () => {} }
  : await startFreshGuichet();
let failed = false;
try {
  console.info(
    `load before: ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} (2-core machine: Performance varies with it)`,
  );
  for (const page of pages) {
    const cookie = page.as ? await sessionCookie(guichet.baseUrl, page.as) : null;
    const url = `${guichet.baseUrl}${page.path}`;
    const all: Scores[] = [];
    for (let run = 0; run < runs; run += 1) all.push(await lighthouseScores(url, cookie));
    // the median run, as Lighthouse's own guidance says for noisy machines
    const median = (pick: (scores: Scores) => number): number => {
      const sorted = all.map(pick).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? 0;
    };
    const scores = {
      performance: median((s) => s.performance),
      accessibility: median((s) => s.accessibility),
      bestPractices: median((s) => s.bestPractices),
    };
    const errors = await pa11yErrors(guichet.baseUrl, page);
    const pass =
      scores.performance >= threshold &&
      scores.accessibility >= threshold &&
      scores.bestPractices >= threshold &&
      errors.length === 0;
    if (!pass) failed = true;
    console.info(
      `${pass ? 'met   ' : 'MISSED'} ${page.name.padEnd(18)} performance ${scores.performance}  accessibility ${scores.accessibility}  best practices ${scores.bestPractices}  pa11y errors ${errors.length}  (${runs} run${runs > 1 ? 's' : ''}, as ${page.as ?? 'nobody'})`,
    );
    for (const error of errors) console.info(`         pa11y: ${error}`);
    if (!pass)
      for (const audit of all[0]?.failedAudits ?? []) console.info(`         lighthouse: ${audit}`);
  }
  console.info(
    `load after: ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await guichet.stop();
}
process.exit(failed ? 1 : 0);
