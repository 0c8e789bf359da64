import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createHarness, demo } from '../test/harness.ts';
import type { Harness } from '../test/harness.ts';

/**
 * Drives every route of the OpenAPI document with malformed and hostile params, queries,
 * bodies and headers, logged in and not: the API must never answer 5xx, and no invalid row
 * may be stored.
 */
let h: Harness;
let cookie: string;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  h = await createHarness();
  cookie = await h.login('gestionnaire@acme.example');
  const document = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(() => h.close());

const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '𝕏'.repeat(300),
    'a'.repeat(5000),
    '-1',
    '1e309',
    'NaN',
    '00000000-0000-0000-0000-000000000000',
    demo.globexTenant,
    demo.acmeTenant,
    'OCB0007001',
    'OCB0005121',
    '__proto__',
    'constructor',
  ),
);
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom(
      'action',
      'contractId',
      'assetId',
      'articleId',
      'catalogId',
      'values',
      'version',
      'email',
      'password',
      'customerId',
      'locale',
      '__proto__',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  fc.record({
    action: fc.constantFrom('draft', 'confirm', 'other'),
    contractId: fc.oneof(fc.constant('OCB0005121'), fc.constant('OCB0007001'), hostile),
    assetId: fc.oneof(fc.constant(demo.acmeTenant), fc.constant(demo.globexTenant), hostile),
    catalogId: fc.oneof(fc.constant(demo.standard), hostile),
    articleId: fc.oneof(fc.constant(demo.quotas), fc.constant(demo.other), hostile),
    values: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ lines: fc.array(fc.jsonValue({ maxDepth: 2 })) }),
    ),
    version: fc.oneof(fc.integer(), hostile),
    acknowledgeBilling: fc.oneof(fc.boolean(), hostile),
  }),
);

function fillPath(path: string, values: string[]): string {
  let index = 0;
  return path.replace(/\{[^}]+\}/g, () =>
    encodeURIComponent(values[index++ % values.length] ?? 'x'),
  );
}

describe('the API under hostile input', () => {
  it('never answers 5xx, on any route, with or without a session', async () => {
    const seen = new Map<string, number[]>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 10_000 }),
        fc.array(hostile, { minLength: 1, maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'q',
            'limit',
            'cursor',
            'group',
            'assetId',
            'catalogId',
            'contractId',
            'x',
          ),
          hostile,
        ),
        anyJson,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/json; charset=latin1',
        ),
        fc.boolean(),
        fc.boolean(),
        async (pick, params, query, body, contentType, loggedIn, rawBody) => {
          const operation = operations[pick % operations.length];
          if (!operation) return;
          const url = `${fillPath(operation.path, params)}?${new URLSearchParams(query).toString()}`;
          const hasBody = !['GET', 'HEAD', 'DELETE'].includes(operation.method);
          const response = await h.app.inject({
            method: operation.method as 'GET',
            url,
            headers: {
              ...(loggedIn ? { cookie } : {}),
              ...(hasBody ? { 'content-type': contentType } : {}),
            },
            ...(hasBody
              ? {
                  payload: rawBody
                    ? String(JSON.stringify(body)).slice(0, -1)
                    : JSON.stringify(body),
                }
              : {}),
          });
          const key = `${operation.method} ${operation.path}`;
          seen.set(key, [...(seen.get(key) ?? []), response.statusCode]);
          expect(
            response.statusCode,
            `${operation.method} ${url} → ${response.body.slice(0, 300)}`,
          ).toBeLessThan(500);
          expect(response.body).not.toMatch(/at .+\.ts:\d+|SELECT |INSERT |syntax error/);
        },
      ),
      { numRuns: Math.max(400, operations.length * 25), seed: 20261128 },
    );
    const statuses = [...seen.values()].flat();
    console.info(
      `fuzzed ${operations.length} operations with ${statuses.length} calls: ${JSON.stringify(Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, statuses.filter((x) => x === s).length])))}`,
    );
    // every route was reached
    expect(operations.filter((op) => !seen.has(`${op.method} ${op.path}`))).toEqual([]);
  });

  it('left no invalid row behind', async () => {
    const broken = await sql<{ n: string }>`
      SELECT count(*) AS n FROM requests r
      WHERE r.status <> 'draft' AND (r.number IS NULL OR r.billing IS NULL OR r.article_version_id IS NULL
        OR NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'confirmed'))`.execute(
      h.database.db,
    );
    expect(broken.rows[0]?.n).toBe('0');
    const foreign = await sql<{ n: string }>`
      SELECT count(*) AS n FROM requests r JOIN assets a ON a.id = r.asset_id WHERE a.contract_id <> r.contract_id`.execute(
      h.database.db,
    );
    expect(foreign.rows[0]?.n).toBe('0');
  });

  it('refuses an oversized body before reading it all', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({
        action: 'draft',
        contractId: 'OCB0005121',
        comment: 'x'.repeat(2_000_000),
      }),
    });
    expect(response.statusCode).toBe(413);
  });
});
