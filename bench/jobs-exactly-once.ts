/**
 * Two Guichet API processes on one PostgreSQL: 1 000 mails queued, each delivered exactly once
 * (issue 4; decision 0005).
 *
 *   npm run bench:jobs                                  # embedded PostgreSQL (a fresh folder)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:jobs
 *   BENCH_JOBS=5000 npm run bench:jobs                  # another count
 *
 * It starts a real SMTP server (the `smtp-server` package), creates a database, starts two
 * API processes (`apps/api/src/main.ts`, as `npm start` does) on it with `SMTP_URL`, queues
 * the mails in the outbox as the application does, and waits until all are sent. Then it
 * checks: every mail reached the SMTP server once (by Message-ID), the outbox says `sent` for
 * each, pg-boss completed one job per mail, and both processes did part of the work.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createDb, ensureDatabase, freePort, migrate, startEmbeddedPostgres } from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';
import { queueMail } from '../apps/api/src/features/mail/mail.service.ts';

const count = Number(process.env['BENCH_JOBS'] ?? 1000);
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function main(): Promise<void> {
  // 1. The SMTP server, counting each Message-ID.
  const received = new Map<string, number>();
  let deliveries = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^message-id:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `missing-${deliveries}`;
        received.set(id, (received.get(id) ?? 0) + 1);
        deliveries += 1;
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

  // 2. A database of its own, on the given server or an embedded one.
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let serverUrl = process.env['BENCH_DATABASE_URL'] || null;
  if (serverUrl === null) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-bench-jobs-'));
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
    serverUrl = embedded.url;
  }
  const database = `guichet_jobs_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, database);
  const databaseUrl = withDatabase(serverUrl, database);
  const db = createDb(databaseUrl);
  await migrate(db);
  const engine = (await sql<{ v: string }>`SELECT version() AS v`.execute(db)).rows[0]?.v ?? '';

  // 3. Two API processes, as `npm start` runs them, with SMTP_URL.
  const logs: string[] = ['', ''];
  const processes = await Promise.all(
    [0, 1].map(async (index) => {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          SEED_DEMO_DATA: 'false',
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          LOG_LEVEL: 'info',
          WEB_DIST: '/nonexistent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      child.stdout?.on('data', (chunk: Buffer) => (logs[index] += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (logs[index] += chunk.toString('utf8')));
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`API ${index + 1} exited:\n${logs[index]}`);
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`API ${index + 1} did not start`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return child;
    }),
  );
  console.info(
    `${engine.split(',')[0]} — two API processes (pids ${processes.map((p) => p.pid).join(', ')})`,
  );

  // 4. The mails, queued as the application queues them.
  const started = Date.now();
  for (let i = 0; i < count; i += 1) {
    await queueMail(
      { db, clock: () => new Date() },
      { to: `client-${i}@example.com`, subject: `Bench ${i}`, text: `Mail ${i}`, kind: 'bench' },
    );
  }
  const queued = Date.now();
  console.info(`${count} mails queued in ${((queued - started) / 1000).toFixed(1)} s`);

  // 5. Wait until each is sent.
  const deadline = Date.now() + 15 * 60_000;
  let sent = 0;
  while (sent < count) {
    if (Date.now() > deadline) throw new Error(`only ${sent} of ${count} sent within 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const row = await db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    sent = Number(row.n);
  }
  const done = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 3000)); // a late duplicate would land now

  // 6. Stop both processes; each says how many it delivered.
  await Promise.all(
    processes.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  const perProcess = logs.map((log) =>
    Number(/job runner stopped: \d+ mail\(s\) handed over, (\d+) delivered/.exec(log)?.[1] ?? NaN),
  );

  const statuses = await db
    .selectFrom('mail_outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
  const jobs = await sql<{ state: string; n: string }>`
    SELECT state, count(*) AS n FROM (
      SELECT state FROM pgboss.job WHERE name = 'mail.deliver'
      UNION ALL SELECT state FROM pgboss.archive WHERE name = 'mail.deliver'
    ) all_jobs GROUP BY state`.execute(db);
  await db.destroy();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.end();
  if (embedded) await embedded.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => smtp.close(() => resolve()));

  const duplicates = [...received.values()].filter((times) => times > 1).length;
  const results = {
    mails: count,
    deliveredToSmtp: deliveries,
    distinctMessageIds: received.size,
    duplicates,
    outbox: Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)])),
    pgBossJobs: Object.fromEntries(jobs.rows.map((row) => [row.state, Number(row.n)])),
    deliveredByProcess: perProcess,
    secondsToSendAll: Number(((done - queued) / 1000).toFixed(1)),
    mailsPerSecond: Number((count / ((done - queued) / 1000)).toFixed(1)),
  };
  console.info(JSON.stringify(results, null, 2));
  const ok =
    deliveries === count &&
    received.size === count &&
    duplicates === 0 &&
    results.outbox['sent'] === count &&
    results.pgBossJobs['completed'] === count &&
    perProcess.every((delivered) => delivered > 0) &&
    perProcess.reduce((sum, delivered) => sum + delivered, 0) === count;
  console.info(ok ? 'OK: each mail was delivered exactly once' : 'FAILED');
  process.exit(ok ? 0 : 1);
}

await main();
