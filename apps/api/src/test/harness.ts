import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import { ErrorBody } from '@guichet/contracts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { TestDatabase } from '../../../../test/test-database.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { demoPassword } from '../seed/demo-data.ts';
import { stableId } from '../seed/stable-id.ts';

export { stableId };

/** The day tests live on: after the seed's requests (made on 2026-11-02) in the same month. */
export const testNow = new Date('2026-11-20T10:00:00Z');

export interface Harness {
  app: FastifyInstance;
  database: TestDatabase;
  /** The app's configuration (a second app on the same database starts from it). */
  config: Config;
  setNow(date: Date): void;
  /**
   * Another API process on the same database and clock (issue 18: what several processes
   * share), with its own configuration; closed with the harness.
   */
  createApp(config?: Partial<Config>): Promise<FastifyInstance>;
  /** Logs in a demo account and returns its cookie header. */
  login(email: string): Promise<string>;
  close(): Promise<void>;
}

export async function createHarness(options: { config?: Partial<Config> } = {}): Promise<Harness> {
  const database = await createTestDatabase();
  let now = testNow;
  // A deployed server's configuration (its own database, so every interface): only the
  // embedded demo defaults to loopback (issue 19).
  const config = {
    ...loadConfig({}),
    host: '0.0.0.0',
    webDist: '/nonexistent',
    seedDemoData: false,
    // The demo admin logs in with a password in many suites: the policy's own tests turn it on.
    adminsRequireTwoFactor: false,
  };
  const appConfig = { ...config, ...options.config };
  const app = await buildApp({
    deps: { db: database.db, clock: () => now },
    config: appConfig,
    databaseUrl: database.url,
  });
  const others: FastifyInstance[] = [];
  return {
    app,
    config: appConfig,
    database,
    setNow(date) {
      now = date;
    },
    async createApp(config = {}) {
      const other = await buildApp({
        deps: { db: database.db, clock: () => now },
        config: { ...appConfig, ...config },
        databaseUrl: database.url,
      });
      others.push(other);
      return other;
    },
    async login(email) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email, password: demoPassword },
      });
      if (response.statusCode !== 200)
        throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'guichet_session');
      if (!cookie) throw new Error('no session cookie');
      return `guichet_session=${cookie.value}`;
    },
    async close() {
      for (const other of others) await other.close();
      await app.close();
      await database.drop();
    },
  };
}

/**
 * A response's body parsed with the contract's schema (typed, and checked: a body the schema
 * refuses fails the test). The server serialises through the same schema, so nothing may be
 * stripped here either: a key the schema does not know fails too, so that a test asserting a
 * field is absent still can fail.
 */
export function bodyOf<Schema extends z.ZodType>(
  response: LightMyRequestResponse,
  schema: Schema,
): z.output<Schema> {
  return jsonOf(response.body, schema);
}

/** JSON text (a body, a webhook's payload) parsed with its contract's schema, as `bodyOf` does. */
export function jsonOf<Schema extends z.ZodType>(text: string, schema: Schema): z.output<Schema> {
  const raw: unknown = JSON.parse(text);
  const parsed = schema.parse(raw);
  if (!isDeepStrictEqual(parsed, raw))
    throw new Error(`the JSON has keys its schema does not know: ${text}`);
  return parsed;
}

export function errorOf(response: LightMyRequestResponse): ErrorBody['error'] {
  return bodyOf(response, ErrorBody).error;
}

/** Ids of the demo data (stable across runs). */
export const demo = {
  acme: stableId('customer:ACME'),
  globex: stableId('customer:Globex'),
  acmeTenant: stableId('asset:OCB0005121:FE-OCB0005121-1'),
  acmeRds: stableId('asset:OCB0005121:RDS-OCB0005121-1'),
  acmeGin: stableId('asset:OCB0005121:GIN-OCB0005121-1'),
  acme2Tenant: stableId('asset:OCB0005122:FE-OCB0005122-1'),
  globexTenant: stableId('asset:OCB0007001:FE-OCB0007001-1'),
  standard: stableId('catalog:standard'),
  rds: stableId('catalog:licences-rds'),
  gin: stableId('catalog:acces-gin'),
  ucb: stableId('catalog:ucb-fe-autres-demandes'),
  quotas: stableId('article:standard:modifier-mes-quotas'),
  other: stableId('article:standard:faire-une-autre-demande'),
  rdsAdd: stableId('article:licences-rds:ajouter-des-licences-rds'),
  rdsRemove: stableId('article:licences-rds:supprimer-des-licences-rds'),
  ginChange: stableId('article:acces-gin:modifier-mon-acces-gin'),
  offCatalog: stableId('article:ucb-fe-autres-demandes:demande-hors-catalogue'),
} as const;
