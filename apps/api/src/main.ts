import path from 'node:path';
import {
  createDb,
  ensureDatabase,
  migrate,
  startEmbeddedPostgres,
  takeBackShutdownSignals,
} from '@guichet/db';
import type { EmbeddedServer } from '@guichet/db';
import { buildApp } from './app.ts';
import { smtpTransport } from './features/mail/smtp-transport.ts';
import { mailConcurrency, startJobRunner } from './jobs/job-runner.ts';
import { loadConfig } from './config.ts';
import { metricsAccess } from './http/operations.ts';
import { seedDemoData } from './seed/demo-data.ts';

const config = loadConfig();
takeBackShutdownSignals();
let embedded: EmbeddedServer | null = null;
let databaseUrl = config.databaseUrl;
if (databaseUrl === null) {
  embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
  await ensureDatabase(embedded.url, 'guichet');
  databaseUrl = embedded.urlFor('guichet');
}
const db = createDb(databaseUrl, { max: config.databasePoolSize });
await migrate(db);
const deps = { db, clock: () => new Date(), publicUrl: config.publicUrl };
if (config.seedDemoData) await seedDemoData(deps);

const app = await buildApp({ deps, config, databaseUrl, logger: { level: config.logLevel } });
const jobs = await startJobRunner({
  databaseUrl,
  clock: deps.clock,
  publicUrl: config.publicUrl,
  transport: config.smtpUrl
    ? smtpTransport(config.smtpUrl, { maxConnections: mailConcurrency })
    : null,
  mailFrom: config.mailFrom,
  webhooks: {
    allowPrivate: config.webhooksAllowPrivate,
    secretKey: config.webhooksSecretKey,
    timeoutMs: config.webhooksTimeoutMs,
  },
  log: {
    info: (message) => app.log.info(message),
    error: (error, message) => app.log.error({ err: error }, message),
  },
});
await app.listen({ port: config.port, host: config.host });
app.log.info(
  `Guichet is ready on http://localhost:${config.port} (${embedded ? `embedded PostgreSQL on port ${embedded.port}` : 'DATABASE_URL'})`,
);
const metrics = metricsAccess(config);
if (metrics.access === 'closed') app.log.warn(metrics.message);
else app.log.info(metrics.message);
app.log.info(
  `headers: ${config.secureCookies ? 'HTTPS (HSTS, upgrade-insecure-requests)' : 'plain HTTP (no HSTS; set SECURE_COOKIES behind HTTPS)'}; TRUST_PROXY=${String(config.trustProxy)}`,
);
app.log[config.webhooksSecretKey ? 'info' : 'warn'](
  `webhooks: secrets ${config.webhooksSecretKey ? 'encrypted at rest (WEBHOOKS_SECRET_KEY)' : 'stored unencrypted (set WEBHOOKS_SECRET_KEY)'}; private targets ${config.webhooksAllowPrivate ? 'allowed (WEBHOOKS_ALLOW_PRIVATE)' : 'refused'}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: finishing in-flight requests`);
  await app.close();
  await jobs.stop();
  const { delivered, dispatched } = jobs.counts();
  app.log.info(`job runner stopped: ${dispatched} mail(s) handed over, ${delivered} delivered`);
  const webhooks = jobs.webhooks?.counts();
  if (webhooks) {
    app.log.info(
      `webhooks stopped: ${webhooks.delivered} delivered in ${webhooks.attempts} attempt(s)`,
    );
  }
  await db.destroy();
  if (embedded) await embedded.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
