import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import type { ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { createHarness, demo, errorOf } from '../test/harness.ts';
import type { Harness } from '../test/harness.ts';
import { requestLocale, zodRule } from './errors.ts';

/**
 * One error pipeline (decision 0024): every detail carries its path, rule and params, and its
 * `message` is the catalog's, in the caller's locale; 413 and 415 answer their own codes.
 */
let h: Harness;
let manager: string;

beforeAll(async () => {
  h = await createHarness();
  manager = await h.login('gestionnaire@acme.example');
});
afterAll(() => h.close());

async function chooseLocale(locale: 'fr' | 'en') {
  const response = await h.app.inject({
    method: 'PUT',
    url: '/api/session/locale',
    headers: { cookie: manager },
    payload: { locale },
  });
  expect(response.statusCode).toBe(200);
}

function postRequest(payload: unknown, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'POST',
    url: '/api/requests',
    headers: { cookie: manager, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

const draft = {
  action: 'draft',
  contractId: 'OCB0005121',
  assetId: demo.acmeTenant,
  catalogId: demo.standard,
  articleId: demo.quotas,
  values: {},
};

describe('the same error in French and in English', () => {
  it.each([
    [
      'fr',
      'Certaines informations sont invalides.',
      'Au plus 4000 caractères',
      'Une seule ligne : ni tabulation ni retour à la ligne',
    ],
    [
      'en',
      'Some information is invalid.',
      'At most 4000 characters',
      'A single line: no tab or line break',
    ],
  ] as const)(
    'a request schema failure for a user who reads %s',
    async (locale, message, tooLong, oneLine) => {
      await chooseLocale(locale);
      const response = await postRequest({
        ...draft,
        comment: 'x'.repeat(4001),
        customerReference: 'a\nb',
      });
      expect(response.statusCode).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.message).toBe(message);
      expect(error.details).toEqual(
        expect.arrayContaining([
          { path: 'comment', rule: 'maxLength', params: { count: 4000 }, message: tooLong },
          { path: 'customerReference', rule: 'line_break', params: {}, message: oneLine },
        ]),
      );
      await chooseLocale('fr');
    },
  );

  it.each([
    ['fr', 'Champ inconnu'],
    ['en', 'Unknown field'],
  ] as const)('a form failure for a user who reads %s', async (locale, unknown) => {
    await chooseLocale(locale);
    const response = await postRequest({ ...draft, values: { bogus: 1 } });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('form_values_invalid');
    expect(errorOf(response).details).toContainEqual({
      path: 'values.bogus',
      rule: 'unknown',
      params: {},
      message: unknown,
    });
    await chooseLocale('fr');
  });

  it('never sends zod’s own English words to a French user', async () => {
    const response = await postRequest({ ...draft, action: 'publish', contractId: 42 });
    expect(response.statusCode).toBe(400);
    const details = errorOf(response).details ?? [];
    expect(details.length).toBeGreaterThan(0);
    for (const detail of details) {
      expect(detail.message, detail.path).not.toMatch(/Invalid|expected|received/);
    }
  });
});

describe('413 and 415 carry their own codes', () => {
  it.each([
    [undefined, 'Le corps de la requête est trop volumineux.'],
    ['en-GB,en;q=0.9', 'The request body is too large.'],
  ])(
    'a JSON body over the limit (Accept-Language %s): 413 payload_too_large',
    async (language, message) => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: {
          cookie: manager,
          'content-type': 'application/json',
          ...(language ? { 'accept-language': language } : {}),
        },
        payload: JSON.stringify({ ...draft, comment: 'x'.repeat(2_000_000) }),
      });
      expect(response.statusCode).toBe(413);
      expect(errorOf(response)).toEqual({ code: 'payload_too_large', message });
    },
  );

  it('a body that is not JSON: 415 unsupported_media_type', async () => {
    const response = await postRequest('<draft/>', { 'content-type': 'application/xml' });
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe('unsupported_media_type');
    expect(errorOf(response).message).toBe(
      'Le corps de la requête doit être du JSON (Content-Type: application/json).',
    );
  });
});

describe('the words of an anonymous caller', () => {
  it.each([
    [undefined, 'Aucune route GET /nothing.'],
    ['en', 'No route GET /nothing.'],
    ['de-DE, en;q=0.5', 'No route GET /nothing.'],
    ['en;q=0.4, fr;q=0.8', 'Aucune route GET /nothing.'],
  ])('Accept-Language %s', async (language, message) => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/nothing?x=1',
      headers: language ? { 'accept-language': language } : {},
    });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response)).toEqual({ code: 'not_found', message });
  });
});

describe('requestLocale', () => {
  const request = (header: string | undefined, own?: 'fr' | 'en') =>
    ({
      auth: own ? { user: { locale: own } } : null,
      headers: header === undefined ? {} : { 'accept-language': header },
    }) as unknown as FastifyRequest;

  it.each<[string | undefined, 'fr' | 'en' | undefined, 'fr' | 'en']>([
    [undefined, undefined, 'fr'],
    ['en', undefined, 'en'],
    ['en-US', undefined, 'en'],
    ['de, it', undefined, 'fr'],
    ['en;q=0, fr;q=0.1', undefined, 'fr'],
    ['fr;q=0.5, en;q=0.6', undefined, 'en'],
    ['fr, en', undefined, 'fr'],
    ['en', 'fr', 'fr'],
    [undefined, 'en', 'en'],
  ])('Accept-Language %s, user %s → %s', (header, own, expected) => {
    expect(requestLocale(request(header, own))).toBe(expected);
  });
});

describe('zodRule', () => {
  const issue = (keyword: string, params: Record<string, unknown>, message = 'zod words') =>
    ({
      keyword,
      params,
      message,
      instancePath: '/x',
      schemaPath: '',
    }) as unknown as ZodFastifySchemaValidationError;

  it.each<[ZodFastifySchemaValidationError, ReturnType<typeof zodRule>]>([
    [issue('too_small', { origin: 'number', minimum: 1 }), { rule: 'min', params: { min: 1 } }],
    [issue('too_big', { origin: 'int', maximum: 9 }), { rule: 'max', params: { max: 9 } }],
    [
      issue('too_small', { origin: 'string', minimum: 2 }),
      { rule: 'minLength', params: { count: 2 } },
    ],
    [issue('too_big', { origin: 'array', maximum: 3 }), { rule: 'maxItems', params: { count: 3 } }],
    [issue('too_small', { origin: 'set', minimum: 1 }), { rule: 'minItems', params: { count: 1 } }],
    [
      issue(
        'too_small',
        { origin: 'string', minimum: 1 },
        'Empty once leading and trailing spaces are removed',
      ),
      { rule: 'empty_once_trimmed', params: {} },
    ],
    [
      issue(
        'invalid_type',
        { expected: 'string' },
        'Invalid input: expected string, received undefined',
      ),
      { rule: 'required', params: {} },
    ],
    [
      issue('invalid_type', { expected: 'int' }, 'Invalid input: expected int, received string'),
      { rule: 'type', params: { expected: 'integer' } },
    ],
    [issue('invalid_format', { format: 'email' }), { rule: 'format', params: { format: 'email' } }],
    [issue('invalid_format', { format: 'regex', pattern: '^a' }), { rule: 'pattern', params: {} }],
    [issue('invalid_value', { values: ['a'] }), { rule: 'enum', params: {} }],
    [issue('not_multiple_of', { divisor: 0.5 }), { rule: 'step', params: { step: 0.5 } }],
    [issue('unrecognized_keys', { keys: ['y'] }), { rule: 'unknown', params: {} }],
    [issue('custom', { params: { rule: 'login_length' } }), { rule: 'login_length', params: {} }],
    [issue('custom', { params: { rule: 'mine' } }), { rule: 'invalid', params: {} }],
    [issue('invalid_union', {}), { rule: 'invalid', params: {} }],
  ])('%j', (given, expected) => {
    expect(zodRule(given)).toEqual(expected);
  });
});
