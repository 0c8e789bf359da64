import { ApiTokenList, CreatedApiToken, RequestDetail, RequestPage } from '@guichet/contracts';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, demo, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { addActiveUser, createApiToken } from '../../test/rights-builders.ts';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await createHarness();
  manager = await h.login('gestionnaire@acme.example');
});
afterAll(() => h.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('personal API tokens', () => {
  it('are shown once, stored hashed, listed without the secret', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie: manager },
      payload: {
        name: 'Supervision',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(response.statusCode).toBe(201);
    const created = bodyOf(response, CreatedApiToken);
    expect(created.token).toMatch(/^gch_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: 'Supervision',
      prefix: created.token.slice(0, 10),
      perimeter: { customerId: demo.acme, name: 'ACME' },
      grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      expiresAt: new Date(testNow.getTime() + 90 * 86_400_000).toISOString(),
      revokedAt: null,
    });
    const stored = await h.database.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/account/api-tokens',
      headers: { cookie: manager },
    });
    expect(list.body).not.toContain(created.token);
    expect(bodyOf(list, ApiTokenList).items.map((item: { id: string }) => item.id)).toContain(
      created.id,
    );
  });

  it('work as a Bearer token without cookie, limited to the chosen contracts and profiles', async () => {
    const { token } = await createApiToken(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/requests',
      headers: bearer(token),
    });
    expect(list.statusCode).toBe(200);
    const contracts = new Set(
      bodyOf(list, RequestPage).items.map((item: { contractId: string }) => item.contractId),
    );
    expect([...contracts]).toEqual(['OCB0005121']);
    const otherContract = await h.app.inject({
      method: 'GET',
      url: '/api/contracts/OCB0005122/assets',
      headers: bearer(token),
    });
    expect(otherContract.statusCode).toBe(404);
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: bearer(token),
      payload: { action: 'draft', contractId: 'OCB0005121', values: {} },
    });
    expect(create.statusCode).toBe(403);
    expect(errorOf(create).message).toBe('Profil Visiteur sur Demandes : lecture seule');
    const session = await h.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: bearer(token),
    });
    expect(session.json()).toMatchObject({
      perimeters: [{ name: 'ACME' }],
      grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
    });
  });

  it('let a Gestionnaire token create requests', async () => {
    const { token } = await createApiToken(h, manager, [
      { contractId: 'OCB0005122', section: 'requests', profile: 'manager' },
    ]);
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: bearer(token),
      payload: { action: 'draft', contractId: 'OCB0005122', values: {} },
    });
    expect(create.statusCode).toBe(201);
    expect(bodyOf(create, RequestDetail).authorName).toBe('Camille Martin');
  });

  it('never exceed the owner, even after the owner is lowered', async () => {
    const beyond = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie: manager },
      payload: {
        name: 'too much',
        grants: [{ contractId: 'OCB0005121', section: 'contracts', profile: 'manager' }],
      },
    });
    expect(beyond.statusCode).toBe(403);
    expect(errorOf(beyond).details?.[0]).toMatchObject({
      path: 'grants.0.profile',
      rule: 'beyond_own_profile',
    });
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
    ]);
    const { token } = await createApiToken(h, user.cookie, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
    ]);
    const draft = { action: 'draft', contractId: 'OCB0005121', values: {} };
    const before = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: bearer(token),
      payload: draft,
    });
    expect(before.statusCode).toBe(201);
    await h.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/contracts/OCB0005121`,
      headers: { cookie: manager },
      payload: { grants: [{ section: 'requests', profile: 'viewer' }] },
    });
    const lowered = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: bearer(token),
      payload: draft,
    });
    expect(lowered.statusCode).toBe(403);
    await h.app.inject({
      method: 'DELETE',
      url: `/api/users/${user.id}/contracts/OCB0005121`,
      headers: { cookie: manager },
    });
    const removed = await h.app.inject({
      method: 'GET',
      url: '/api/requests',
      headers: bearer(token),
    });
    expect(bodyOf(removed, RequestPage).total).toBe(0);
  });

  it('refuse contracts outside the perimeter, and duplicates', async () => {
    const foreign = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie: manager },
      payload: {
        name: 'globex',
        grants: [{ contractId: 'OCB0007001', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(foreign.statusCode).toBe(404);
    const twice = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie: manager },
      payload: {
        name: 'twice',
        grants: [
          { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
          { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
  });

  it('are revoked at once, expire, and cannot mint other tokens', async () => {
    const { id, token } = await createApiToken(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const mint = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: bearer(token),
      payload: {
        name: 'child',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(mint.statusCode).toBe(403);
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/account/api-tokens/${id}`,
      headers: { cookie: manager },
    });
    expect(revoked.statusCode).toBe(204);
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/requests',
      headers: bearer(token),
    });
    expect(after.statusCode).toBe(401);
    const listed = bodyOf(
      await h.app.inject({
        method: 'GET',
        url: '/api/account/api-tokens',
        headers: { cookie: manager },
      }),
      ApiTokenList,
    );
    expect(listed.items.find((item: { id: string }) => item.id === id)!.revokedAt).toBe(
      testNow.toISOString(),
    );

    const short = await createApiToken(
      h,
      manager,
      [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      { expiresInDays: 1 },
    );
    h.setNow(new Date(testNow.getTime() + 86_400_000 + 1000));
    try {
      const expired = await h.app.inject({
        method: 'GET',
        url: '/api/requests',
        headers: bearer(short.token),
      });
      expect(expired.statusCode).toBe(401);
    } finally {
      h.setNow(testNow);
    }
  });

  it('of another user cannot be revoked, and bad Bearer values authenticate nobody', async () => {
    const { id, token } = await createApiToken(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const integrator = await h.login('integrateur@partner.example');
    const foreign = await h.app.inject({
      method: 'DELETE',
      url: `/api/account/api-tokens/${id}`,
      headers: { cookie: integrator },
    });
    expect(foreign.statusCode).toBe(404);
    for (const authorization of [
      'Bearer gch_unknown',
      'Basic abc',
      `Bearer ${token}x`,
      'Bearer ',
    ]) {
      const response = await h.app.inject({
        method: 'GET',
        url: '/api/requests',
        headers: { authorization, cookie: manager },
      });
      expect(response.statusCode, authorization).toBe(401);
    }
    // the token still works
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/requests', headers: bearer(token) }))
        .statusCode,
    ).toBe(200);
    const lastUsed = await h.database.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(lastUsed.last_used_at?.toISOString()).toBe(testNow.toISOString());
  });

  it('are for customers: an operator gets none', async () => {
    const agent = await h.login('agent@guichet.example');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie: agent },
      payload: {
        name: 'ops',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(response.statusCode).toBe(403);
  });
});
