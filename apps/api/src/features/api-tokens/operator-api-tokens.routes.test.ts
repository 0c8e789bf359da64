import {
  CreatedApiToken,
  CreatedOperatorApiToken,
  OperatorApiTokenList,
  SessionView,
} from '@guichet/contracts';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import {
  addActiveOperator,
  demoAdminEmail,
  demoSessionFor,
  operatorTokenFor,
} from '../../test/operator-builders.ts';

let h: Harness;
let agent: string;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  agent = await demoSessionFor(h, 'agent@guichet.example');
  admin = await demoSessionFor(h, demoAdminEmail);
});
afterAll(() => h.close());

const get = (url: string, headers: Record<string, string>) =>
  h.app.inject({ method: 'GET', url, headers });

describe("operators' API tokens", () => {
  it('are shown once, stored hashed, listed without the secret, with no customer nor grant', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/api-tokens',
      headers: { cookie: agent },
      payload: { name: 'Synchronisation du parc' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = bodyOf(response, CreatedOperatorApiToken);
    expect(created.token).toMatch(/^gch_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: 'Synchronisation du parc',
      prefix: created.token.slice(0, 10),
      role: null,
      expiresAt: new Date(testNow.getTime() + 90 * 86_400_000).toISOString(),
      revokedAt: null,
    });
    const stored = await h.database.db
      .selectFrom('api_tokens')
      .select(['token_hash', 'customer_id', 'operator_role'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      token_hash: createHash('sha256').update(created.token).digest('hex'),
      customer_id: null,
      operator_role: null,
    });
    const grants = await h.database.db
      .selectFrom('api_token_grants')
      .select('token_id')
      .where('token_id', '=', created.id)
      .execute();
    expect(grants).toEqual([]);
    const list = await get('/api/back-office/api-tokens', { cookie: agent });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token);
    expect(
      bodyOf(list, OperatorApiTokenList).items.map((item: { id: string }) => item.id),
    ).toContain(created.id);
    // the customers' list of tokens does not hold it
    expect((await get('/api/account/api-tokens', { cookie: agent })).body).not.toContain(
      created.id,
    );
  });

  it("act as the operator with their role: an agent's token processes requests, is refused admin routes", async () => {
    const token = await operatorTokenFor(h, 'agent@guichet.example', { cookie: agent });
    const session = await get('/api/session', token);
    expect(bodyOf(session, SessionView).user).toMatchObject({
      kind: 'operator',
      operatorRole: 'agent',
    });
    expect((await get('/api/back-office/requests?limit=1', token)).statusCode).toBe(200);
    for (const url of [
      '/api/back-office/audit',
      '/api/back-office/operators',
      '/api/back-office/catalogs',
    ]) {
      const response = await get(url, token);
      expect(response.statusCode, url).toBe(403);
    }
    // a customer route gives an operator nothing
    expect((await get('/api/contracts', token)).json()).toMatchObject({ items: [] });
  });

  it('may be limited to a role within the owner’s, never beyond', async () => {
    const limited = await operatorTokenFor(h, demoAdminEmail, { cookie: admin, role: 'agent' });
    expect((await get('/api/back-office/requests?limit=1', limited)).statusCode).toBe(200);
    expect((await get('/api/back-office/audit', limited)).statusCode).toBe(403);
    const full = await operatorTokenFor(h, demoAdminEmail, { cookie: admin });
    expect((await get('/api/back-office/audit', full)).statusCode).toBe(200);

    const beyond = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/api-tokens',
      headers: { cookie: agent },
      payload: { name: 'trop', role: 'admin' },
    });
    expect(beyond.statusCode).toBe(403);
    expect(errorOf(beyond).details).toEqual([
      expect.objectContaining({ path: 'role', rule: 'beyond_own_role' }),
    ]);
  });

  it("follow the owner's current role: demoted, the token loses the rights at once", async () => {
    const operator = await addActiveOperator(h, 'admin');
    const unlimited = await operatorTokenFor(h, operator.email, { cookie: operator.cookie });
    const catalogs = await operatorTokenFor(h, operator.email, {
      cookie: operator.cookie,
      role: 'catalog_manager',
    });
    expect((await get('/api/back-office/audit', unlimited)).statusCode).toBe(200);
    expect((await get('/api/back-office/catalogs', catalogs)).statusCode).toBe(200);
    const demoted = await h.app.inject({
      method: 'PATCH',
      url: `/api/back-office/operators/${operator.id}`,
      headers: { cookie: admin },
      payload: { role: 'agent' },
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect((await get('/api/back-office/audit', unlimited)).statusCode).toBe(403);
    expect((await get('/api/back-office/requests?limit=1', unlimited)).statusCode).toBe(200);
    // limited to a role the owner no longer covers: it authenticates nobody
    expect((await get('/api/back-office/catalogs', catalogs)).statusCode).toBe(401);
  });

  it('cannot manage tokens: only a session opened with the password can', async () => {
    const token = await operatorTokenFor(h, 'agent@guichet.example', { cookie: agent });
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/api-tokens',
      headers: token,
      payload: { name: 'par un jeton' },
    });
    expect(create.statusCode).toBe(403);
    expect((await get('/api/back-office/api-tokens', token)).statusCode).toBe(403);
    const customerToken = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: token,
      payload: {
        name: 'client',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(customerToken.statusCode).toBe(403);
  });

  it('answer 401 at once once revoked; another operator cannot revoke them (404)', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/api-tokens',
      headers: { cookie: agent },
      payload: { name: 'à révoquer', expiresInDays: null },
    });
    const created = bodyOf(response, CreatedOperatorApiToken);
    expect(created.expiresAt).toBeNull();
    const token = { authorization: `Bearer ${created.token}` };
    expect((await get('/api/back-office/requests?limit=1', token)).statusCode).toBe(200);
    const foreign = await h.app.inject({
      method: 'DELETE',
      url: `/api/back-office/api-tokens/${created.id}`,
      headers: { cookie: admin },
    });
    expect(foreign.statusCode).toBe(404);
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/back-office/api-tokens/${created.id}`,
      headers: { cookie: agent },
    });
    expect(revoked.statusCode).toBe(204);
    const refused = await get('/api/back-office/requests?limit=1', token);
    expect(refused.statusCode).toBe(401);
    expect(errorOf(refused).code).toBe('unauthenticated');
    const audits = await h.database.db
      .selectFrom('audit_events')
      .select('kind')
      .where('target_id', '=', created.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audits.map((audit) => audit.kind)).toEqual(['token_created', 'token_revoked']);
  });

  it('answer 401 once expired', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/api-tokens',
      headers: { cookie: agent },
      payload: { name: 'court', expiresInDays: 1 },
    });
    const token = { authorization: `Bearer ${bodyOf(response, CreatedOperatorApiToken).token}` };
    expect((await get('/api/back-office/requests?limit=1', token)).statusCode).toBe(200);
    h.setNow(new Date(testNow.getTime() + 86_400_000 + 1000));
    try {
      expect((await get('/api/back-office/requests?limit=1', token)).statusCode).toBe(401);
    } finally {
      h.setNow(testNow);
    }
  });

  it('answer 401 at once once the owner is deactivated', async () => {
    const operator = await addActiveOperator(h, 'agent');
    const token = await operatorTokenFor(h, operator.email, { cookie: operator.cookie });
    expect((await get('/api/back-office/requests?limit=1', token)).statusCode).toBe(200);
    const deactivated = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/operators/${operator.id}/deactivate`,
      headers: { cookie: admin },
      payload: {},
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect((await get('/api/back-office/requests?limit=1', token)).statusCode).toBe(401);
  });

  it('are refused to customers (403), whose own tokens stay as they were', async () => {
    const manager = await demoSessionFor(h, 'gestionnaire@acme.example');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/api-tokens',
      headers: { cookie: manager },
      payload: { name: 'client' },
    });
    expect(response.statusCode).toBe(403);
    const own = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie: manager },
      payload: {
        name: 'client',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(own.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${bodyOf(own, CreatedApiToken).token}` };
    expect((await get('/api/back-office/api-tokens', bearer)).statusCode).toBe(403);
    expect((await get('/api/requests?limit=1', bearer)).statusCode).toBe(200);
  });
});
