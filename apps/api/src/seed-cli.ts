import { loadConfig } from './config.ts';
import { onConfiguredDatabase } from './lib/configured-database.ts';
import { seedDemoData } from './seed/demo-data.ts';

// `npm run db:seed`: the demo data on the configured database (idempotent).
await onConfiguredDatabase(loadConfig(), async (db) => {
  await seedDemoData({ db, clock: () => new Date() });
  console.info('Demo data is in place.');
});
