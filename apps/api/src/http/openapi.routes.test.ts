import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contracts from '@guichet/contracts';
import { createHarness, demo, stableId } from '../test/harness.ts';
import type { Harness } from '../test/harness.ts';
import { demoAdminEmail, operatorTokenFor } from '../test/operator-builders.ts';
import { sessionCookie } from './auth.ts';
import { componentName, openapiOptions, openapiTables } from './openapi.ts';

/**
 * The OpenAPI document (ADR 0022): 3.1, every operation named, every contract schema a
 * component met once, and each operation's security what the app really accepts.
 */

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}

let h: Harness;
let document: Document;
/** `METHOD url` as the route table has it (`:id`) → the operation. */
let operations: Map<string, Operation>;

beforeAll(async () => {
  h = await createHarness();
  const response = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode, response.body).toBe(200);
  document = response.json<Document>();
  operations = new Map(
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => [
        `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        operation,
      ]),
    ),
  );
});
afterAll(() => h.close());

/** Every object of the document with where it is, depth first. */
function* nodes(value: unknown, at = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* nodes(item, `${at}/${index}`);
  } else if (value !== null && typeof value === 'object') {
    yield [at, value as Record<string, unknown>];
    for (const [key, child] of Object.entries(value)) yield* nodes(child, `${at}/${key}`);
  }
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 served from a relative server, null as a type (no 3.0 nullable)', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const nullables = [...nodes(document)].filter(([, node]) => 'nullable' in node);
    expect(nullables.map(([at]) => at)).toEqual([]);
    expect(JSON.stringify(document)).toContain('"type":"null"');
  });

  it('names every operation once, in camelCase, from the table of every documented route', () => {
    const ids = [...operations.values()].map((operation) => operation.operationId);
    expect(ids.filter((id) => id === undefined || !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...operations.keys()].sort()).toEqual(Object.keys(openapiTables.operationIds).sort());
    expect(operations.get('GET /api/requests')?.operationId).toBe('listRequests');
    expect(operations.get('GET /api/requests/:id')?.operationId).toBe('getRequest');
    expect(operations.get('POST /api/requests/:id/confirm')?.operationId).toBe('confirmRequest');
  });

  it('refuses to describe a route that has no operationId', async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, openapiOptions);
    app.get('/api/unnamed', { schema: { response: { 200: contracts.ErrorBody } } }, () => ({
      error: { code: 'not_found' as const, message: 'x' },
    }));
    await app.ready();
    expect(() => app.swagger()).toThrow(/GET \/api\/unnamed has no operationId/);
    await app.close();
  });

  it('names each contract schema by its export name, once, and refers to it instead of inlining it', () => {
    const schemas = document.components.schemas;
    const exported = new Set(
      Object.entries(contracts)
        .filter(([, value]) => value instanceof z.ZodType)
        .map(([name]) => componentName(name)),
    );
    // an `XInput` stays only beside `X`, when what is accepted differs from what is answered
    const unknown = Object.keys(schemas).filter(
      (name) =>
        !exported.has(name) &&
        !(
          name.endsWith('Input') &&
          exported.has(name.slice(0, -5)) &&
          name.slice(0, -5) in schemas
        ),
    );
    expect(unknown).toEqual([]);
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['RequestSummary', 'RequestDetail', 'RequestPage', 'ErrorBody']),
    );

    const refs = [...nodes(document)].flatMap(([, node]) =>
      typeof node.$ref === 'string' ? [node.$ref] : [],
    );
    const prefix = '#/components/schemas/';
    expect(refs.filter((ref) => !(ref.slice(prefix.length) in schemas))).toEqual([]);
    // every component is used
    const used = new Set(refs.map((ref) => ref.slice(prefix.length)));
    expect(Object.keys(schemas).filter((name) => !used.has(name))).toEqual([]);

    // no named object appears a second time written out in full
    const named = new Map(
      Object.entries(schemas)
        .filter(([, schema]) => schema.type === 'object')
        .map(([name, schema]) => [JSON.stringify(schema), name]),
    );
    const inlined = [...nodes(document)].flatMap(([at, node]) => {
      const name = named.get(JSON.stringify(node));
      return name !== undefined && at !== `${prefix}${name}` ? [`${name} at ${at}`] : [];
    });
    expect(inlined).toEqual([]);
    expect(named.size).toBeGreaterThan(50);
  });
});

describe('the security of each operation', () => {
  it('declares the session cookie and bearer API tokens', () => {
    expect(document.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({
        type: 'apiKey',
        in: 'cookie',
        name: sessionCookie,
      }) as unknown,
      apiToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }) as unknown,
    });
  });

  it('follows the route config: public routes none, token-refusing routes the cookie only, machine routes the token only', () => {
    const documented = h.app.routeTable.filter((route) =>
      operations.has(`${route.method} ${route.url}`),
    );
    expect(documented).toHaveLength(operations.size);
    for (const route of documented) {
      const key = `${route.method} ${route.url}`;
      const expected = route.isPublic
        ? []
        : openapiTables.sessionOnlyRoutes.has(key)
          ? [{ sessionCookie: [] }]
          : openapiTables.tokenOnlyRoutes.has(key)
            ? [{ apiToken: [] }]
            : [{ sessionCookie: [] }, { apiToken: [] }];
      expect({ key, security: operations.get(key)?.security }).toEqual({ key, security: expected });
    }
    expect(operations.get('POST /api/session')?.security).toEqual([]);
    expect(operations.get('PUT /api/account/password')?.security).toEqual([{ sessionCookie: [] }]);
    expect(operations.get('POST /api/back-office/requests/:id/execution')?.security).toEqual([
      { apiToken: [] },
    ]);
  });

  // A valid call of each route said to refuse tokens: it must get 403 from the API token check.
  const agentId = stableId('user:agent@guichet.example');
  const sessionOnlyCalls: Record<string, { url: string; payload?: object }> = {
    'PUT /api/session/perimeter': {
      url: '/api/session/perimeter',
      payload: { customerId: demo.acme },
    },
    'PUT /api/session/locale': { url: '/api/session/locale', payload: { locale: 'fr' } },
    'GET /api/notifications': { url: '/api/notifications' },
    'POST /api/notifications/read': { url: '/api/notifications/read', payload: {} },
    'PUT /api/contracts/:contractId/referent': {
      url: '/api/contracts/OCB0005121/referent',
      payload: { userId: stableId('user:visiteur@acme.example') },
    },
    'PUT /api/account/contact': {
      url: '/api/account/contact',
      payload: { firstName: 'Camille', lastName: 'Martin', phone: null },
    },
    'PUT /api/account/password': {
      url: '/api/account/password',
      payload: {
        currentPassword: 'not-the-password',
        newPassword: 'Tout.Neuf2026',
        confirmation: 'Tout.Neuf2026',
      },
    },
    'POST /api/account/api-tokens': {
      url: '/api/account/api-tokens',
      payload: {
        name: 'second',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    },
    'GET /api/back-office/api-tokens': { url: '/api/back-office/api-tokens' },
    'POST /api/back-office/api-tokens': {
      url: '/api/back-office/api-tokens',
      payload: { name: 'second', role: null },
    },
    'DELETE /api/back-office/api-tokens/:id': { url: `/api/back-office/api-tokens/${agentId}` },
    'GET /api/back-office/operators': { url: '/api/back-office/operators' },
    'POST /api/back-office/operators': {
      url: '/api/back-office/operators',
      payload: {
        email: 'openapi@guichet.example',
        firstName: 'Document',
        lastName: 'Opérateur',
        role: 'agent',
        locale: 'fr',
      },
    },
    'GET /api/back-office/operators/:id': { url: `/api/back-office/operators/${agentId}` },
    'PATCH /api/back-office/operators/:id': {
      url: `/api/back-office/operators/${agentId}`,
      payload: { role: 'agent' },
    },
    'POST /api/back-office/operators/:id/deactivate': {
      url: `/api/back-office/operators/${agentId}/deactivate`,
    },
    'POST /api/back-office/operators/:id/reactivate': {
      url: `/api/back-office/operators/${agentId}/reactivate`,
    },
    'GET /api/account/two-factor': { url: '/api/account/two-factor' },
    'POST /api/account/two-factor/setup': { url: '/api/account/two-factor/setup' },
    'POST /api/account/two-factor/confirm': {
      url: '/api/account/two-factor/confirm',
      payload: { code: '123456' },
    },
    'POST /api/account/two-factor/disable': {
      url: '/api/account/two-factor/disable',
      payload: { code: '123456' },
    },
    'GET /api/account/sessions': { url: '/api/account/sessions' },
    'DELETE /api/account/sessions/:id': { url: `/api/account/sessions/${'0'.repeat(64)}` },
    'POST /api/account/sessions/end-others': { url: '/api/account/sessions/end-others' },
    'POST /api/back-office/users/:id/end-sessions': {
      url: `/api/back-office/users/${agentId}/end-sessions`,
    },
    'GET /api/back-office/service-accounts': { url: '/api/back-office/service-accounts' },
    'POST /api/back-office/service-accounts': {
      url: '/api/back-office/service-accounts',
      payload: { name: 'openapi', role: 'agent' },
    },
    'GET /api/back-office/service-accounts/:id': {
      url: `/api/back-office/service-accounts/${agentId}`,
    },
    'POST /api/back-office/service-accounts/:id/deactivate': {
      url: `/api/back-office/service-accounts/${agentId}/deactivate`,
    },
    'POST /api/back-office/service-accounts/:id/tokens': {
      url: `/api/back-office/service-accounts/${agentId}/tokens`,
      payload: { name: 'openapi' },
    },
    'POST /api/back-office/service-accounts/:id/tokens/:tokenId/rotate': {
      url: `/api/back-office/service-accounts/${agentId}/tokens/${agentId}/rotate`,
      payload: {},
    },
    'POST /api/back-office/service-accounts/:id/tokens/:tokenId/revoke': {
      url: `/api/back-office/service-accounts/${agentId}/tokens/${agentId}/revoke`,
    },
    'GET /api/service-accounts': { url: '/api/service-accounts' },
    'POST /api/service-accounts': {
      url: '/api/service-accounts',
      payload: {
        name: 'openapi',
        grants: [{ contractId: 'OCB0005121', section: 'users', profile: 'viewer' }],
      },
    },
    'GET /api/service-accounts/:id': { url: `/api/service-accounts/${agentId}` },
    'POST /api/service-accounts/:id/deactivate': {
      url: `/api/service-accounts/${agentId}/deactivate`,
    },
    'POST /api/service-accounts/:id/tokens': {
      url: `/api/service-accounts/${agentId}/tokens`,
      payload: { name: 'openapi' },
    },
    'POST /api/service-accounts/:id/tokens/:tokenId/rotate': {
      url: `/api/service-accounts/${agentId}/tokens/${agentId}/rotate`,
      payload: {},
    },
    'POST /api/service-accounts/:id/tokens/:tokenId/revoke': {
      url: `/api/service-accounts/${agentId}/tokens/${agentId}/revoke`,
    },
    'POST /api/back-office/users/:id/reset-two-factor': {
      url: `/api/back-office/users/${agentId}/reset-two-factor`,
    },
    'POST /api/sso/logout': { url: '/api/sso/logout' },
    'GET /api/back-office/customers/:id/sign-in': {
      url: `/api/back-office/customers/${demo.acme}/sign-in`,
    },
    'PUT /api/back-office/customers/:id/sso': {
      url: `/api/back-office/customers/${demo.acme}/sso`,
      payload: {
        issuer: 'https://login.acme.example',
        clientId: 'guichet',
        clientSecret: 'secret',
        displayName: 'ACME',
        allowedDomains: ['acme.example'],
      },
    },
    'DELETE /api/back-office/customers/:id/sso': {
      url: `/api/back-office/customers/${demo.acme}/sso`,
    },
    'PUT /api/back-office/customers/:id/two-factor-policy': {
      url: `/api/back-office/customers/${demo.acme}/two-factor-policy`,
      payload: { requiresTwoFactor: true },
    },
  };

  it('offers the cookie only where the API refuses a token (403), checked route by route', async () => {
    const cookie = await h.login('gestionnaire@acme.example');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie },
      payload: {
        name: 'openapi',
        grants: [
          { contractId: 'OCB0005121', section: 'users', profile: 'manager' },
          { contractId: 'OCB0005121', section: 'contracts', profile: 'viewer' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const customerToken = {
      authorization: `Bearer ${created.json<{ token: string }>().token}`,
    };
    const adminToken = await operatorTokenFor(h, demoAdminEmail);

    expect(Object.keys(sessionOnlyCalls).sort()).toEqual(
      [...openapiTables.sessionOnlyRoutes].sort(),
    );
    for (const [key, call] of Object.entries(sessionOnlyCalls)) {
      const method = key.split(' ')[0] as 'GET';
      const response = await h.app.inject({
        method,
        url: call.url,
        headers: call.url.startsWith('/api/back-office/') ? adminToken : customerToken,
        ...(call.payload === undefined ? {} : { payload: call.payload }),
      });
      expect({ key, status: response.statusCode, body: response.json<unknown>() }).toEqual({
        key,
        status: 403,
        body: {
          error: expect.objectContaining({
            message: expect.stringMatching(/API token/) as unknown,
          }) as unknown,
        },
      });
    }
  });
});
