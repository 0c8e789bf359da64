/**
 * `npm run bench:confirm-parts [-- --statements 1500]` — issue 22 part 1: what each part of the
 * confirmation statement costs PostgreSQL.
 *
 * On a copy of the bench database (`bench:data` first; `DATABASE_URL` as the other benches),
 * one connection writes `--statements` confirmations one after the other, each its own
 * transaction as Guichet writes them (`insertConfirmedRequest`: the number, the free change,
 * the request, its two events, the receipt, and what the triggers add), and its backend's CPU
 * time (user + system, /proc/<pid>/stat) is read before and after: PostgreSQL's CPU per
 * statement, whatever else the machine runs. Then the same with one part taken away — each
 * index of the tables it writes dropped (and built again after), each trigger disabled, every
 * trigger and foreign-key check off at once, the receipt left out — each variant measured
 * between two runs of the whole statement, the cost of the part being the difference with
 * their mean. The copy is dropped at the end.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb } from '@guichet/db';
import { stableId } from '../apps/api/src/seed/stable-id.ts';
import { prepareConfirmation, writeConfirmation } from './confirmation-statement.ts';
import type { PreparedConfirmation, StatementBody } from './confirmation-statement.ts';
import { benchTarget, openDatabase, readManifest } from './target.ts';

const { values: args } = parseArgs({
  options: { statements: { type: 'string', default: '1500' } },
});
const statements = Number(args.statements);
if (!Number.isInteger(statements) || statements < 100) throw new Error('--statements ≥ 100');

/** The tables a confirmation writes, directly or through its triggers. */
const written = [
  'requests',
  'request_events',
  'mail_outbox',
  'live_events',
  'webhook_outbox',
  'request_totals',
  'request_due_dates',
  'request_counters',
  'free_change_usage',
];

function backendCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
}

const target = benchTarget();
const database = await openDatabase(target);
const source = new URL(database.url);
const copyName = `guichet_parts_${Date.now()}`;
const admin = createDb(new URL('/postgres', source).toString(), { max: 1 });
const copyUrl = new URL(`/${copyName}`, source).toString();
const db = createDb(copyUrl, { max: 1 });
try {
  // copying a database and building an index take longer than the pool's statement timeout
  await sql`SET statement_timeout = 0`.execute(admin);
  await sql
    .raw(`CREATE DATABASE "${copyName}" TEMPLATE "${source.pathname.slice(1)}"`)
    .execute(admin);
  await sql`SET statement_timeout = 0`.execute(db);
  const manifest = await readManifest(copyUrl);
  const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]?.pid;
  if (pid === undefined) throw new Error('no backend pid');
  const details = 'Merci d’ouvrir le flux HTTPS sortant vers notre prestataire de paie.';
  const bodies: StatementBody[] = manifest.users
    .filter((user) => user.contracts.length > 0)
    .slice(0, 50)
    .map((user) => {
      const contract = user.contracts[0];
      if (!contract) throw new Error(`${user.email} has no contract`);
      return {
        contractId: contract.id,
        assetId: contract.tenantId,
        catalogId: stableId('catalog:standard'),
        articleId: stableId('article:standard:faire-une-autre-demande'),
        authorEmail: user.email,
        values: { details },
      };
    });
  const prepared = new Map<string, PreparedConfirmation>();
  for (const body of bodies) prepared.set(body.contractId, await prepareConfirmation(db, body));
  let next = 0;

  /** PostgreSQL CPU and wall time per statement over `count` statements. */
  const run = async (count: number, withReceipt = true) => {
    const cpuBefore = backendCpuMs(pid);
    const started = performance.now();
    for (let index = 0; index < count; index += 1) {
      const body = bodies[next % bodies.length] as StatementBody;
      next += 1;
      const plan = prepared.get(body.contractId) as PreparedConfirmation;
      await writeConfirmation(db, withReceipt ? plan : { ...plan, receipt: null }, body);
    }
    return {
      cpuMs: (backendCpuMs(pid) - cpuBefore) / count,
      wallMs: (performance.now() - started) / count,
    };
  };

  await run(300); // warm-up: the prepared statement, the caches
  const rows: { part: string; cpuMs: number; savedMs: number; savedPct: number }[] = [];
  const measure = async (
    part: string,
    take: () => Promise<void>,
    give: () => Promise<void>,
    withReceipt = true,
  ) => {
    const before = await run(statements);
    await take();
    await run(50, withReceipt); // re-planned without the part
    const without = await run(statements, withReceipt);
    await give();
    const after = await run(statements);
    const whole = (before.cpuMs + after.cpuMs) / 2;
    rows.push({
      part,
      cpuMs: without.cpuMs,
      savedMs: whole - without.cpuMs,
      savedPct: ((whole - without.cpuMs) / whole) * 100,
    });
    console.info(
      `${part}: whole ${before.cpuMs.toFixed(3)}/${after.cpuMs.toFixed(3)} ms, without ${without.cpuMs.toFixed(3)} ms → ${(whole - without.cpuMs).toFixed(3)} ms (${(((whole - without.cpuMs) / whole) * 100).toFixed(1)} %)`,
    );
  };

  const whole = await run(statements);
  console.info(
    `the whole statement: ${whole.cpuMs.toFixed(3)} ms PostgreSQL CPU, ${whole.wallMs.toFixed(3)} ms wall, ${statements} statements`,
  );

  const noop = () => Promise.resolve();
  await measure('the receipt (mail_outbox row)', noop, noop, false);
  await measure(
    'every trigger and foreign-key check',
    () => sql`SET session_replication_role = replica`.execute(db).then(noop),
    () => sql`SET session_replication_role = DEFAULT`.execute(db).then(noop),
  );
  const triggers = await sql<{ name: string; table: string }>`
    SELECT t.tgname AS name, c.relname AS "table" FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND c.relname = ANY(${written}::text[])
    ORDER BY c.relname, t.tgname`.execute(db);
  for (const trigger of triggers.rows) {
    const ident = `"${trigger.table}"`;
    await measure(
      `trigger ${trigger.name} on ${trigger.table}`,
      () =>
        sql.raw(`ALTER TABLE ${ident} DISABLE TRIGGER "${trigger.name}"`).execute(db).then(noop),
      () => sql.raw(`ALTER TABLE ${ident} ENABLE TRIGGER "${trigger.name}"`).execute(db).then(noop),
    );
  }
  const indexes = await sql<{ name: string; table: string; definition: string }>`
    SELECT i.indexrelid::regclass::text AS name, c.relname AS "table",
      pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relname = ANY(${written}::text[]) AND NOT i.indisprimary AND NOT i.indisunique
    ORDER BY c.relname, 1`.execute(db);
  for (const index of indexes.rows) {
    await measure(
      `index ${index.name} on ${index.table}`,
      () => sql.raw(`DROP INDEX "${index.name}"`).execute(db).then(noop),
      () => sql.raw(index.definition).execute(db).then(noop),
    );
  }
  console.info('\n| part taken away | CPU per statement without it | saved | share |');
  console.info('| --- | --- | --- | --- |');
  for (const row of rows.sort((a, b) => b.savedMs - a.savedMs)) {
    console.info(
      `| ${row.part} | ${row.cpuMs.toFixed(3)} ms | ${row.savedMs.toFixed(3)} ms | ${row.savedPct.toFixed(1)} % |`,
    );
  }
} finally {
  await db.destroy();
  await sql.raw(`DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`).execute(admin);
  await admin.destroy();
  await database.close();
}
process.exit(0);
