import { RequestDetail } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { sql } from 'kysely';
import { bodyOf, createHarness, demo, errorOf } from '../test/harness.ts';
import type { Harness } from '../test/harness.ts';

/** The quota lines of a request's values, as the fuzzed article's form has them. */
const quotaLines = z.array(z.object({ quotaType: z.unknown(), requested: z.unknown() }));

/**
 * Drives every route of the OpenAPI document with malformed and hostile params, queries,
 * bodies and headers, logged in and not: the API must never answer 5xx, and no invalid row
 * may be stored. The texts include what PostgreSQL cannot store or would store altered (NUL,
 * lone surrogates, other control characters), both Unicode normalisation forms of a text,
 * huge numbers, and bodies nested thousands of levels deep (issue 18); and what a request
 * accepted is read back and compared with what was sent.
 */
let h: Harness;
let cookie: string;
let logoutCookie: string;
// Ending "all my other sessions" would end the fuzzing's and the read-back's sessions of the
// same person: the account's session routes are fuzzed as another user.
let sessionsCookie: string;
// The read-back's own session, opened before the fuzzing spends the address's login limit.
let session: string;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  h = await createHarness();
  cookie = await h.login('gestionnaire@acme.example');
  logoutCookie = await h.login('gestionnaire@acme.example');
  sessionsCookie = await h.login('visiteur@acme.example');
  session = await h.login('gestionnaire@acme.example');
  const document = bodyOf(
    await h.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    z.looseObject({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  );
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(() => h.close());

// A text made of the characters the text rule is about, mixed with ordinary ones.
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\u0000',
        '\ud800',
        '\udc00',
        '\ud83d\ude00',
        '\u0007',
        '\u001f',
        '\t',
        '\n',
        '\r',
        '\u007f',
        '\u0085',
        'e\u0301',
        '\u00e9',
        '[',
        '{',
        '"',
        '\\',
        ' ',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));
const hostile = fc.oneof(
  fc.string(),
  trickyText,
  fc.constantFrom(
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '😀\ud83d',
    '\u0007\u001b[31m',
    '\t',
    'line\nbreak',
    '\r\n',
    '\u007f\u0085',
    'Cr\u00e8me',
    'Cre\u0300me',
    '1e400',
    '123456789012345678901234567890',
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
// Text that may be stored: any Unicode (whole pairs), both normalisation forms, spaces around.
const fairText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    'Cr\u00e8me br\u00fbl\u00e9e',
    'Cre\u0300me bru\u0302le\u0301e',
    '  REF-7  ',
    '😀',
    '\u00a0',
  ),
);
const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324, 2 ** 63);
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
      fc
        .tuple(
          fc.record({ project: trickyText, justification: trickyText }),
          fc.dictionary(trickyText, fc.oneof(hugeNumber, trickyText), { maxKeys: 2 }),
        )
        .map(([known, unknown]) => ({ ...unknown, ...known })),
    ),
    customerReference: fc.oneof(trickyText, hostile),
    comment: trickyText,
    version: fc.oneof(fc.integer(), hostile, hugeNumber),
    acknowledgeBilling: fc.oneof(fc.boolean(), hostile),
  }),
);

// Thousands of levels, inside `values` or as the body itself: JSON.stringify of such a value
// would itself overflow, so the text is built flat.
const deepBody = fc
  .tuple(fc.integer({ min: 33, max: 6000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([depth, open, isInValues]) => {
    const close = open === '[' ? ']' : '}';
    const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return isInValues
      ? `{"action":"draft","contractId":"OCB0005121","assetId":"${demo.acmeTenant}","catalogId":"${demo.standard}","articleId":"${demo.quotas}","values":{"project":${deep}}}`
      : deep;
  });

/**
 * Percent-encodes any JS string, a lone surrogate included (as the three bytes a careless
 * client would send, which are not UTF-8): `encodeURIComponent` throws on one and
 * `URLSearchParams` would turn it into U+FFFD before it leaves.
 */
function percentEncode(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (unit) => {
    const code = unit.charCodeAt(0);
    if (unit.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(unit);
  });
}

function fillPath(path: string, values: string[]): string {
  let index = 0;
  return path.replace(/\{[^}]+\}/g, () => percentEncode(values[index++ % values.length] ?? 'x'));
}

describe('the API under hostile input', () => {
  it('never answers 5xx, on any route, with or without a session', async () => {
    const seen = new Map<string, number[]>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 10_000 }),
        fc.array(hostile, { minLength: 1, maxLength: 3 }),
        fc.oneof(
          // a search alone, so that its text reaches the query rather than a 400 on another key
          fc.record({ q: trickyText }),
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
        ),
        fc.oneof(
          { weight: 4, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
          { weight: 1, arbitrary: deepBody },
        ),
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
          // The live stream never ends by itself: fuzz its polling form, which answers and ends.
          const fullQuery = operation.path === '/api/events' ? { ...query, once: 'true' } : query;
          const search = Object.entries(fullQuery)
            .map(([key, value]) => `${key}=${percentEncode(value)}`)
            .join('&');
          const url = `${fillPath(operation.path, params)}?${search}`;
          const hasBody = !['GET', 'HEAD', 'DELETE'].includes(operation.method);
          const response = await h.app.inject({
            method: operation.method as 'GET',
            url,
            headers: {
              // A logout ends its session: it gets one of its own (live the first time), so
              // that the other operations keep a live session throughout.
              ...(loggedIn
                ? {
                    cookie:
                      operation.path === '/api/session'
                        ? logoutCookie
                        : operation.path.startsWith('/api/account/sessions')
                          ? sessionsCookie
                          : cookie,
                  }
                : {}),
              ...(hasBody ? { 'content-type': contentType } : {}),
            },
            ...(hasBody
              ? {
                  payload: rawBody ? String(body).slice(0, -1) : body,
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
  }, 180_000);

  it('stores what it accepted exactly as sent, or says why it refused', async () => {
    let stored = 0;
    let refused = 0;
    // Mostly texts that may be stored, one field in a few holding what may not.
    const sometimes = <T>(clean: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 6, arbitrary: clean }, { weight: 1, arbitrary: trickyText });
    const quotaLine = fc.record({
      quotaType: sometimes(fc.constantFrom('vcpus', 'instances', 'ram')),
      requested: sometimes(fc.oneof(fc.integer({ min: 1, max: 50 }), hugeNumber)),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('draft', 'confirm', 'update'),
        fc.oneof(fc.constant(null), sometimes(fairText), hostile),
        fc.oneof(fc.constant(null), sometimes(fairText)),
        fc.record(
          {
            region: sometimes(fc.constant('eu-west-0')),
            project: sometimes(fc.oneof(fc.constant('acme-prod'), fairText)),
            lines: fc.array(quotaLine, { minLength: 1, maxLength: 2 }),
            justification: sometimes(
              fc.oneof(
                fc.constant('More instances for the sales.'),
                fairText.map((text) => `Because: ${text}`),
              ),
            ),
          },
          { requiredKeys: ['lines'] },
        ),
        fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
        async (action, customerReference, comment, values, loggedIn) => {
          const fields = {
            contractId: 'OCB0005121',
            assetId: demo.acmeTenant,
            catalogId: demo.standard,
            articleId: demo.quotas,
            customerReference,
            comment,
            values,
          };
          const headers = loggedIn ? { cookie: session } : {};
          let response = await h.app.inject({
            method: 'POST',
            url: '/api/requests',
            headers,
            payload: {
              ...fields,
              action: action === 'confirm' ? 'confirm' : 'draft',
              acknowledgeBilling: true,
              // an update starts from a clean draft, then sends the hostile fields
              ...(action === 'update'
                ? { customerReference: null, comment: null, values: {} }
                : {}),
            },
          });
          if (action === 'update' && response.statusCode === 201) {
            const draft = bodyOf(response, RequestDetail) as { id: string; version: number };
            response = await h.app.inject({
              method: 'PUT',
              url: `/api/requests/${draft.id}`,
              headers,
              payload: { ...fields, version: draft.version },
            });
          }
          const sent = `${action} ${JSON.stringify(fields)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, sent).toBeLessThan(500);
          if (response.statusCode >= 300) {
            // a refusal always says why, on a field
            refused += 1;
            const error = errorOf(response);
            expect(error.code, sent).toBeTruthy();
            if (response.statusCode === 400) expect(error.details?.length, sent).toBeGreaterThan(0);
            return;
          }
          stored += 1;
          const id = bodyOf(response, RequestDetail).id;
          const read = bodyOf(
            await h.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers }),
            RequestDetail,
          );
          // "" is "no reference" and "no comment", documented in docs/forms.md
          expect(read.customerReference, sent).toBe(customerReference || null);
          expect(read.comment, sent).toBe(comment || null);
          if (action === 'confirm') {
            // a confirmation drops blank answers and sets the read-only `current` from the item
            expect(read.values.project, sent).toBe(values.project);
            expect(read.values.justification, sent).toBe(values.justification);
            expect(
              quotaLines
                .parse(read.values['lines'])
                .map((line) => [line.quotaType, line.requested]),
              sent,
            ).toEqual(values.lines.map((line) => [line.quotaType, line.requested]));
          } else {
            expect(read.values, sent).toEqual(values);
          }
        },
      ),
      { numRuns: 300, seed: 20261204 },
    );
    console.info(`read back ${stored} stored requests; ${refused} refused with a reason`);
    expect(stored).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  }, 120_000);

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
