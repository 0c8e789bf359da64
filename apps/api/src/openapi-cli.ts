import { readFile, writeFile } from 'node:fs/promises';
import { createDb } from '@guichet/db';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

// `npm run openapi` writes docs/openapi.json from the routes' schemas; `-- --check` fails
// when the committed file is stale (run by `npm run check`).
const target = 'docs/openapi.json';
const db = createDb('postgres://unused@127.0.0.1:1/unused'); // never queried: nothing is served
const app = await buildApp({
  deps: { db, clock: () => new Date() },
  config: { ...loadConfig({}), webDist: '/nonexistent' },
});
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await db.destroy();
if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== document) {
    console.error(`${target} is stale: run npm run openapi and commit it`);
    process.exit(1);
  }
  console.info(`${target} is up to date`);
} else {
  await writeFile(target, document);
  console.info(`wrote ${target}`);
}
