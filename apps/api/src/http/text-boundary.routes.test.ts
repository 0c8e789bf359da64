import { RequestDetail } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxJsonDepth } from '@guichet/domain';
import { createHarness, demo, errorOf, bodyOf } from '../test/harness.ts';
import type { Harness } from '../test/harness.ts';
import { multipartFile, samplePdf } from '../test/request-lifecycle.ts';

/**
 * Issue 18's findings on text at the boundary, one test each: every one answered 500, or
 * stored a value other than the one sent, before the text rule (`text-boundary.ts`).
 */
let h: Harness;
let manager: string;
let admin: string;

beforeAll(async () => {
  h = await createHarness();
  [manager, admin] = await Promise.all([
    h.login('gestionnaire@acme.example'),
    h.login('admin@guichet.example'),
  ]);
});
afterAll(() => h.close());

const quotaValues = {
  region: 'eu-west-0',
  project: 'acme-prod',
  lines: [{ quotaType: 'instances', requested: 30 }],
  justification: 'More instances for the winter sales.',
};

function quotaDraft(overrides: Record<string, unknown> = {}) {
  return {
    action: 'draft',
    contractId: 'OCB0005121',
    assetId: demo.acmeTenant,
    catalogId: demo.standard,
    articleId: demo.quotas,
    values: quotaValues,
    ...overrides,
  };
}

async function send(
  cookie: string,
  method: 'POST' | 'PUT' | 'GET',
  url: string,
  payload?: string | object,
) {
  return h.app.inject({
    method,
    url,
    headers: {
      cookie,
      ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload } : {}),
  });
}

describe('NUL and other control characters', () => {
  it.each([
    ['customerReference', { customerReference: 'REF\u0000-1' }, 'customerReference'],
    ['comment', { comment: 'Hello\u0000world' }, 'comment'],
    ['a form value', { values: { ...quotaValues, project: 'acme\u0000' } }, 'values.project'],
    ['a key of values', { values: { ...quotaValues, 'x\u0000': 1 } }, 'values.x\u0000'],
    ['an escape (BEL) in a comment', { comment: 'ring \u0007' }, 'comment'],
  ])('refuses one in %s with 400 and its path, never 500', async (_name, overrides, path) => {
    const response = await send(manager, 'POST', '/api/requests', quotaDraft(overrides));
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({ path, rule: 'control_character' }),
    );
  });

  it.each([
    ['/api/contracts/OCB0005121/assets', 'manager'],
    ['/api/requests', 'manager'],
    ['/api/users', 'manager'],
    ['/api/back-office/requests', 'admin'],
    ['/api/back-office/outbox', 'admin'],
  ] as const)(
    'refuses one in the q of %s with 400 (a search is refused, never a 500)',
    async (url, who) => {
      const response = await send(
        who === 'admin' ? admin : manager,
        'GET',
        `${url}?q=${encodeURIComponent('a\u0000b')}`,
      );
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details).toContainEqual(
        expect.objectContaining({ path: 'query.q', rule: 'control_character' }),
      );
    },
  );

  it('refuses one in a comment on a confirmed request', async () => {
    const created = await send(manager, 'POST', '/api/requests', {
      ...quotaDraft({ action: 'confirm' }),
      acknowledgeBilling: true,
    });
    expect(created.statusCode).toBe(201);
    const id = bodyOf(created, RequestDetail).id;
    const response = await send(manager, 'POST', `/api/requests/${id}/comments`, {
      body: 'Hello\u0000',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({ path: 'body', rule: 'control_character' }),
    );
  });

  it('refuses one in a file name of an upload', async () => {
    const created = await send(manager, 'POST', '/api/requests', {
      ...quotaDraft({ action: 'confirm' }),
      acknowledgeBilling: true,
    });
    const id = bodyOf(created, RequestDetail).id;
    const upload = multipartFile('bad\u0007name.pdf', 'application/pdf', samplePdf);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/attachments`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: manager },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({ path: 'file.name', rule: 'control_character' }),
    );
  });

  it('refuses a line break in a single-line field and keeps it in a multi-line one', async () => {
    const refused = await send(
      manager,
      'POST',
      '/api/requests',
      quotaDraft({ customerReference: 'REF\n1' }),
    );
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details).toContainEqual(
      expect.objectContaining({ path: 'customerReference', rule: 'line_break' }),
    );
    const kept = await send(
      manager,
      'POST',
      '/api/requests',
      quotaDraft({ comment: 'line 1\n\tline 2' }),
    );
    expect(kept.statusCode).toBe(201);
    expect(bodyOf(kept, RequestDetail).comment).toBe('line 1\n\tline 2');
  });
});

describe('lone surrogates', () => {
  it.each([
    ['customerReference', '{"customerReference":"REF-\\ud800"}', 'customerReference'],
    ['comment', '{"comment":"half \\udc00 pair"}', 'comment'],
    ['a form value', '{"values":{"project":"acme\\ud83d"}}', 'values.project'],
  ])('refuses one in %s with 400 instead of storing U+FFFD or 500', async (_name, json, path) => {
    const base = JSON.stringify(quotaDraft());
    const extra = JSON.parse(json.replace(/\\u/g, '\\\\u')) as Record<string, unknown>;
    // The escape stays an escape in the raw body: JSON.parse on the server makes the surrogate.
    const payload = `${base.slice(0, -1)},${JSON.stringify(extra).slice(1, -1).replace(/\\\\u/g, '\\u')}}`;
    const response = await send(manager, 'POST', '/api/requests', payload);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({ path, rule: 'lone_surrogate' }),
    );
  });

  it('refuses bytes that are not UTF-8 rather than reading them as U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from(JSON.stringify(quotaDraft({ customerReference: 'REF-' })).slice(0, -2)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: manager, 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({ rule: 'invalid_utf8' }),
    );
  });

  it('stores a whole pair (an emoji) and both normalisation forms as sent', async () => {
    for (const reference of ['😀 ref', 'Cr\u00e8me', 'Cre\u0300me']) {
      const response = await send(
        manager,
        'POST',
        '/api/requests',
        quotaDraft({ customerReference: reference, comment: reference }),
      );
      expect(response.statusCode).toBe(201);
      const read = await send(
        manager,
        'GET',
        `/api/requests/${bodyOf(response, RequestDetail).id}`,
      );
      expect(bodyOf(read, RequestDetail).customerReference).toBe(reference);
      expect(bodyOf(read, RequestDetail).comment).toBe(reference);
    }
  });
});

describe('deep JSON', () => {
  it('refuses values nested some thousands of levels with 400 before walking them', async () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const payload = JSON.stringify(quotaDraft()).replace('"values":{', `"values":{"deep":${deep},`);
    for (const action of ['draft', 'confirm']) {
      const response = await send(
        manager,
        'POST',
        '/api/requests',
        payload.replace('"draft"', `"${action}"`),
      );
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details).toContainEqual(
        expect.objectContaining({ rule: 'max_depth' }),
      );
    }
  });

  it(`accepts ${maxJsonDepth} levels and refuses one more, brackets in strings not counted`, async () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const atLimit = await send(
      manager,
      'POST',
      '/api/requests/preview',
      `{"contractId":"OCB0005121","x":${nested(maxJsonDepth - 1)}}`,
    );
    expect(atLimit.statusCode).not.toBe(400);
    const beyond = await send(
      manager,
      'POST',
      '/api/requests/preview',
      `{"contractId":"OCB0005121","x":${nested(maxJsonDepth)}}`,
    );
    expect(beyond.statusCode).toBe(400);
    const inString = await send(
      manager,
      'POST',
      '/api/requests',
      JSON.stringify(quotaDraft({ comment: '['.repeat(100) })),
    );
    expect(inString.statusCode).toBe(201);
  });
});

describe('what a draft may hold', () => {
  it('refuses an unknown key with its path (it was stored)', async () => {
    const response = await send(
      manager,
      'POST',
      '/api/requests',
      quotaDraft({ values: { ...quotaValues, bogus: 1 } }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('form_values_invalid');
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({ path: 'values.bogus', rule: 'unknown' }),
    );
  });

  it('refuses nesting where the form holds a text, in a draft and in its update', async () => {
    const nested = { a: { b: { c: [[[['x']]]] } } };
    const created = await send(
      manager,
      'POST',
      '/api/requests',
      quotaDraft({ values: { ...quotaValues, project: nested } }),
    );
    expect(created.statusCode).toBe(400);
    expect(errorOf(created).details).toContainEqual(
      expect.objectContaining({ path: 'values.project', rule: 'type' }),
    );
    const draft = await send(manager, 'POST', '/api/requests', quotaDraft());
    const updated = await send(manager, 'PUT', `/api/requests/${bodyOf(draft, RequestDetail).id}`, {
      ...quotaDraft(),
      action: undefined,
      version: bodyOf(draft, RequestDetail).version,
      values: { ...quotaValues, lines: [{ quotaType: 'vcpus', extra: nested }] },
    });
    expect(updated.statusCode).toBe(400);
    expect(errorOf(updated).details).toContainEqual(
      expect.objectContaining({ path: 'values.lines.0.extra', rule: 'unknown' }),
    );
  });

  it('refuses any answer in a draft without an article', async () => {
    const response = await send(manager, 'POST', '/api/requests', {
      action: 'draft',
      contractId: 'OCB0005121',
      values: { anything: { deep: true } },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({ path: 'values.anything' }),
    );
  });

  it('still keeps a partial draft, answers of the wrong bounds included, for later', async () => {
    const response = await send(
      manager,
      'POST',
      '/api/requests',
      quotaDraft({ values: { lines: [{ quotaType: 'vcpus', requested: -5 }] } }),
    );
    expect(response.statusCode).toBe(201);
    expect(bodyOf(response, RequestDetail).values).toEqual({
      lines: [{ quotaType: 'vcpus', requested: -5 }],
    });
  });
});

describe('stored as sent', () => {
  it('keeps the spaces around a customer reference (they were trimmed without a word)', async () => {
    const response = await send(
      manager,
      'POST',
      '/api/requests',
      quotaDraft({ customerReference: '  REF-7  ' }),
    );
    expect(response.statusCode).toBe(201);
    const read = await send(manager, 'GET', `/api/requests/${bodyOf(response, RequestDetail).id}`);
    expect(bodyOf(read, RequestDetail).customerReference).toBe('  REF-7  ');
  });

  it('says so when a field documented as trimmed is empty once trimmed', async () => {
    const created = await send(manager, 'POST', '/api/requests', {
      ...quotaDraft({ action: 'confirm' }),
      acknowledgeBilling: true,
    });
    const id = bodyOf(created, RequestDetail).id;
    const response = await send(manager, 'POST', `/api/requests/${id}/comments`, { body: '  \n ' });
    expect(response.statusCode).toBe(400);
    // In the caller's language (decision 0024: this French manager read it in English before).
    expect(errorOf(response).details).toContainEqual(
      expect.objectContaining({
        path: 'body',
        rule: 'empty_once_trimmed',
        message: 'Vide une fois les espaces de début et de fin retirés',
      }),
    );
  });

  it('refuses a wanted date of 0000-01-01 (a sane range: 1900 to 2999)', async () => {
    for (const [wantedDate, status] of [
      ['0000-01-01', 400],
      ['1899-12-31', 400],
      ['3000-01-01', 400],
      ['2027-01-15', 201],
    ] as const) {
      const response = await send(manager, 'POST', '/api/requests', {
        action: 'confirm',
        contractId: 'OCB0005121',
        assetId: demo.acmeGin,
        catalogId: demo.gin,
        articleId: demo.ginChange,
        acknowledgeBilling: true,
        values: {
          changeType: 'bandwidth',
          networkDetails: 'From 100 to 200 Mbit/s please.',
          wantedDate,
        },
      });
      expect(response.statusCode, wantedDate).toBe(status);
      if (status === 400) {
        expect(errorOf(response).details).toContainEqual(
          expect.objectContaining({ path: 'values.wantedDate' }),
        );
      }
    }
  });
});
