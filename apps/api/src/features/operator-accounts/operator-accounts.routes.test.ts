import { OperatorAccountPage, OperatorAccountView } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, errorOf, stableId, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import {
  addActiveOperator,
  demoAdminEmail,
  demoSessionFor,
  operatorTokenFor,
} from '../../test/operator-builders.ts';
import {
  invitationTokenFor,
  logInWith,
  newPassword,
  uniqueIdentity,
} from '../../test/rights-builders.ts';

let h: Harness;
let admin: string;
const adminId = stableId(`user:${demoAdminEmail}`);
const agentId = stableId('user:agent@guichet.example');

beforeAll(async () => {
  h = await createHarness();
  admin = await demoSessionFor(h, demoAdminEmail);
});
afterAll(() => h.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (
  method: Method,
  url: string,
  headers: Record<string, string>,
  payload?: Record<string, unknown>,
) =>
  h.app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload } : method === 'POST' ? { payload: {} } : {}),
  });
const asAdmin = (method: Method, url: string, payload?: Record<string, unknown>) =>
  call(method, url, { cookie: admin }, payload);

const inviteBody = (role = 'agent') => {
  const { email, firstName, lastName } = uniqueIdentity('invited');
  return { email, firstName, lastName, role, locale: 'en' };
};

async function roleOf(id: string) {
  const row = await h.database.db
    .selectFrom('users')
    .select(['operator_role', 'deactivated_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

async function auditOf(kind: string, targetId: string) {
  return h.database.db
    .selectFrom('audit_events')
    .select(['actor_email', 'data'])
    .where('kind', '=', kind)
    .where('target_id', '=', targetId)
    .execute();
}

const backOfficeRead = (headers: Record<string, string>) =>
  call('GET', '/api/back-office/requests?limit=1', headers);

describe('the operator accounts list', () => {
  it('shows every operator with role and status, by name, to an admin', async () => {
    const response = await asAdmin('GET', '/api/back-office/operators');
    expect(response.statusCode, response.body).toBe(200);
    const page = bodyOf(response, OperatorAccountPage);
    const byEmail = new Map(
      page.items.map((item: { email: string; role: string; status: string }) => [
        item.email,
        [item.role, item.status],
      ]),
    );
    expect(byEmail.get('admin@guichet.example')).toEqual(['admin', 'active']);
    expect(byEmail.get('agent@guichet.example')).toEqual(['agent', 'active']);
    expect(byEmail.get('catalogue@guichet.example')).toEqual(['catalog_manager', 'active']);
    expect(JSON.stringify(page)).not.toContain('acme.example');
    const names = page.items.map((item: { displayName: string }) => item.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(page.total).toBe(page.items.length);
  });

  it('searches by name or e-mail, and by status', async () => {
    const found = bodyOf(
      await asAdmin('GET', '/api/back-office/operators?q=catalogue'),
      OperatorAccountPage,
    );
    expect(found.items.map((item: { email: string }) => item.email)).toEqual([
      'catalogue@guichet.example',
    ]);
    const gone = await addActiveOperator(h, 'agent');
    expect(
      (await asAdmin('POST', `/api/back-office/operators/${gone.id}/deactivate`)).statusCode,
    ).toBe(200);
    const deactivated = bodyOf(
      await asAdmin('GET', '/api/back-office/operators?status=deactivated'),
      OperatorAccountPage,
    );
    expect(deactivated.items.map((item: { id: string }) => item.id)).toContain(gone.id);
    expect(
      deactivated.items.every((item: { status: string }) => item.status === 'deactivated'),
    ).toBe(true);
    const active = bodyOf(
      await asAdmin('GET', '/api/back-office/operators?status=active&limit=200'),
      OperatorAccountPage,
    );
    expect(active.items.map((item: { id: string }) => item.id)).not.toContain(gone.id);
  });

  it('pages with a cursor', async () => {
    const first = bodyOf(
      await asAdmin('GET', '/api/back-office/operators?limit=1'),
      OperatorAccountPage,
    );
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = bodyOf(
      await asAdmin('GET', `/api/back-office/operators?limit=1&cursor=${first.nextCursor}`),
      OperatorAccountPage,
    );
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    expect(second.items[0]!.displayName >= first.items[0]!.displayName).toBe(true);
  });
});

describe('who may manage operator accounts', () => {
  const someone = () => agentId;
  const routes: [Method, string, Record<string, unknown> | undefined][] = [
    ['GET', '/api/back-office/operators', undefined],
    ['POST', '/api/back-office/operators', inviteBody()],
    ['GET', '/api/back-office/operators/:id', undefined],
    ['PATCH', '/api/back-office/operators/:id', { role: 'admin' }],
    ['POST', '/api/back-office/operators/:id/deactivate', undefined],
    ['POST', '/api/back-office/operators/:id/reactivate', undefined],
  ];
  const urlOf = (template: string, id: string) => template.replace(':id', id);

  it.each(routes)(
    '%s %s: an agent, a catalog manager and a customer get 403',
    async (method, url, payload) => {
      for (const email of [
        'agent@guichet.example',
        'catalogue@guichet.example',
        'gestionnaire@acme.example',
      ]) {
        const response = await call(
          method,
          urlOf(url, someone()),
          { cookie: await demoSessionFor(h, email) },
          payload,
        );
        expect(response.statusCode, `${email}: ${response.body}`).toBe(403);
        expect(errorOf(response).code).toBe('forbidden');
      }
      expect((await roleOf(agentId)).operator_role).toBe('agent');
      expect((await roleOf(agentId)).deactivated_at).toBeNull();
    },
  );

  it.each(routes)("%s %s: even an admin's API token gets 403", async (method, url, payload) => {
    const token = await operatorTokenFor(h, demoAdminEmail, { cookie: admin });
    const response = await call(method, urlOf(url, someone()), token, payload);
    expect(response.statusCode, response.body).toBe(403);
    expect(errorOf(response).message).toMatch(/API token/);
  });

  it.each(routes.slice(2))(
    '%s %s: an unknown or customer id is a 404',
    async (method, url, payload) => {
      for (const id of [
        '00000000-0000-4000-8000-000000000000',
        stableId('user:gestionnaire@acme.example'),
      ]) {
        const response = await asAdmin(method, urlOf(url, id), payload);
        expect(response.statusCode, response.body).toBe(404);
        expect(errorOf(response).code).toBe('not_found');
      }
    },
  );

  it('refuses an anonymous caller with 401', async () => {
    expect((await call('GET', '/api/back-office/operators', {})).statusCode).toBe(401);
  });
});

describe('inviting an operator', () => {
  it('creates the account with its role and mails the invitation in the same transaction', async () => {
    const body = inviteBody('catalog_manager');
    const response = await asAdmin('POST', '/api/back-office/operators', body);
    expect(response.statusCode, response.body).toBe(201);
    const created = bodyOf(response, OperatorAccountView);
    expect(created).toMatchObject({
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      displayName: `${body.firstName} ${body.lastName}`,
      role: 'catalog_manager',
      locale: 'en',
      status: 'invited',
      deactivatedAt: null,
    });
    const mail = await h.database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('to_address', '=', body.email)
      .where('kind', '=', 'invitation')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/back-office/);
    expect(mail.text_body).toContain('/invitation/');
    expect(mail.text_body).not.toContain('contrat');
    const [audit] = await auditOf('operator_invited', created.id);
    expect(audit).toMatchObject({
      actor_email: demoAdminEmail,
      data: { email: body.email, role: 'catalog_manager' },
    });

    // the invitation page sets the first password; the operator then works in the back-office
    const token = await invitationTokenFor(h, body.email);
    const accepted = await call(
      'POST',
      `/api/invitations/${token}/accept`,
      {},
      {
        password: newPassword,
        confirmation: newPassword,
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(204);
    const cookie = await logInWith(h, body.email, newPassword);
    const catalogs = await call('GET', '/api/back-office/catalogs', { cookie });
    expect(catalogs.statusCode, catalogs.body).toBe(200);
    expect(
      bodyOf(await asAdmin('GET', `/api/back-office/operators/${created.id}`), OperatorAccountView)
        .status,
    ).toBe('active');
  });

  it.each([
    ['an operator', 'agent@guichet.example'],
    ['a customer user', 'gestionnaire@acme.example'],
    ['a known e-mail in capitals', 'Agent@Guichet.Example'],
  ])(
    'refuses an e-mail already used by %s: 409 on `email`, nothing written',
    async (_who, email) => {
      const before = await h.database.db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      const response = await asAdmin('POST', '/api/back-office/operators', {
        ...inviteBody(),
        email,
      });
      expect(response.statusCode, response.body).toBe(409);
      expect(errorOf(response).details).toEqual([
        expect.objectContaining({ path: 'email', rule: 'email_taken' }),
      ]);
      const after = await h.database.db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      expect(after.count).toBe(before.count);
    },
  );

  it('validates the body at the boundary', async () => {
    const response = await asAdmin('POST', '/api/back-office/operators', {
      ...inviteBody(),
      email: 'not-an-email',
      role: 'superuser',
    });
    expect(response.statusCode).toBe(400);
    expect(
      errorOf(response)
        .details?.map((detail) => detail.path)
        .sort(),
    ).toEqual(['email', 'role']);
  });
});

describe('changing a role', () => {
  it('changes it at once for the operator, and audits before and after', async () => {
    const operator = await addActiveOperator(h, 'agent');
    expect(
      (await call('GET', '/api/back-office/catalogs', { cookie: operator.cookie })).statusCode,
    ).toBe(403);
    const response = await asAdmin('PATCH', `/api/back-office/operators/${operator.id}`, {
      role: 'catalog_manager',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, OperatorAccountView).role).toBe('catalog_manager');
    // the same session, the new role
    expect(
      (await call('GET', '/api/back-office/catalogs', { cookie: operator.cookie })).statusCode,
    ).toBe(200);
    expect((await backOfficeRead({ cookie: operator.cookie })).statusCode).toBe(403);
    const [audit] = await auditOf('operator_role_changed', operator.id);
    expect(audit).toMatchObject({
      actor_email: demoAdminEmail,
      data: { before: { role: 'agent' }, after: { role: 'catalog_manager' } },
    });
  });

  it('writes nothing for the role already held', async () => {
    const operator = await addActiveOperator(h, 'agent');
    const response = await asAdmin('PATCH', `/api/back-office/operators/${operator.id}`, {
      role: 'agent',
    });
    expect(response.statusCode).toBe(200);
    expect(await auditOf('operator_role_changed', operator.id)).toEqual([]);
  });

  it('never demotes the last active admin (409, rule last_active_admin)', async () => {
    const response = await asAdmin('PATCH', `/api/back-office/operators/${adminId}`, {
      role: 'agent',
    });
    expect(response.statusCode, response.body).toBe(409);
    expect(errorOf(response).details).toEqual([
      expect.objectContaining({ path: 'role', rule: 'last_active_admin' }),
    ]);
    expect((await roleOf(adminId)).operator_role).toBe('admin');
  });
});

describe('deactivating and reactivating', () => {
  it('ends every session and token of the operator at once, and login is refused', async () => {
    const operator = await addActiveOperator(h, 'agent');
    const token = await operatorTokenFor(h, operator.email, { cookie: operator.cookie });
    const secondSession = await logInWith(h, operator.email, newPassword);
    expect((await backOfficeRead({ cookie: operator.cookie })).statusCode).toBe(200);
    expect((await backOfficeRead(token)).statusCode).toBe(200);

    const response = await asAdmin('POST', `/api/back-office/operators/${operator.id}/deactivate`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'deactivated' });

    for (const headers of [{ cookie: operator.cookie }, { cookie: secondSession }, token]) {
      const refused = await backOfficeRead(headers);
      expect(refused.statusCode).toBe(401);
    }
    const sessions = await h.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', operator.id)
      .execute();
    expect(sessions).toEqual([]);
    const live = await h.database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', operator.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    const login = await call(
      'POST',
      '/api/session',
      {},
      { email: operator.email, password: newPassword },
    );
    expect(login.statusCode).toBe(401);
    expect(errorOf(login).code).toBe('invalid_credentials');
    const [audit] = await auditOf('operator_deactivated', operator.id);
    expect(audit).toMatchObject({
      actor_email: demoAdminEmail,
      data: {
        role: 'agent',
        before: { status: 'active' },
        after: { status: 'deactivated' },
        sessionsEnded: 2,
        tokensRevoked: 1,
      },
    });

    // reactivated: the password works again, the old token stays revoked
    const back = await asAdmin('POST', `/api/back-office/operators/${operator.id}/reactivate`);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'active', deactivatedAt: null });
    const cookie = await logInWith(h, operator.email, newPassword);
    expect((await backOfficeRead({ cookie })).statusCode).toBe(200);
    expect((await backOfficeRead(token)).statusCode).toBe(401);
    expect(await auditOf('operator_reactivated', operator.id)).toHaveLength(1);
  });

  it('refuses a session or token of a deactivated user even when they were not ended (another process)', async () => {
    const operator = await addActiveOperator(h, 'agent');
    const token = await operatorTokenFor(h, operator.email, { cookie: operator.cookie });
    // as if a process had written the deactivation without ending anything
    await h.database.db
      .updateTable('users')
      .set({ deactivated_at: new Date() })
      .where('id', '=', operator.id)
      .execute();
    expect((await backOfficeRead({ cookie: operator.cookie })).statusCode).toBe(401);
    expect((await backOfficeRead(token)).statusCode).toBe(401);
  });

  it('kills the invitation link of an invited operator, and mails a new one on reactivation', async () => {
    const body = inviteBody();
    const invited = bodyOf(
      await asAdmin('POST', '/api/back-office/operators', body),
      OperatorAccountView,
    );
    const firstLink = await invitationTokenFor(h, body.email);
    expect(
      (await asAdmin('POST', `/api/back-office/operators/${invited.id}/deactivate`)).statusCode,
    ).toBe(200);
    expect((await call('GET', `/api/invitations/${firstLink}`, {})).statusCode).toBe(404);
    expect(
      (await asAdmin('POST', `/api/back-office/operators/${invited.id}/reactivate`)).statusCode,
    ).toBe(200);
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('to_address', '=', body.email)
      .where('kind', '=', 'invitation')
      .execute();
    expect(mails).toHaveLength(2);
    const links = mails.map((mail) => /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text_body)?.[1]);
    const secondLink = links.find((link) => link !== firstLink);
    expect((await call('GET', `/api/invitations/${secondLink}`, {})).statusCode).toBe(200);
  });

  it('refuses to deactivate yourself (403, rule self_deactivation), even with another admin', async () => {
    const second = await addActiveOperator(h, 'admin');
    for (const [cookie, id] of [
      [admin, adminId],
      [second.cookie, second.id],
    ] as const) {
      const response = await call('POST', `/api/back-office/operators/${id}/deactivate`, {
        cookie,
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(errorOf(response).details).toEqual([
        expect.objectContaining({ rule: 'self_deactivation' }),
      ]);
    }
    expect((await roleOf(second.id)).deactivated_at).toBeNull();
    // the second admin is not the last one: the first may demote them, then nobody demotes the first
    expect(
      (await asAdmin('PATCH', `/api/back-office/operators/${second.id}`, { role: 'agent' }))
        .statusCode,
    ).toBe(200);
  });

  it('is idempotent: deactivating twice answers the same, audited once', async () => {
    const operator = await addActiveOperator(h, 'agent');
    for (let round = 0; round < 2; round += 1) {
      const response = await asAdmin(
        'POST',
        `/api/back-office/operators/${operator.id}/deactivate`,
      );
      expect(bodyOf(response, OperatorAccountView).status).toBe('deactivated');
    }
    expect(await auditOf('operator_deactivated', operator.id)).toHaveLength(1);
  });
});

describe('the last active admin under concurrency', () => {
  async function activeAdmins(): Promise<string[]> {
    const rows = await h.database.db
      .selectFrom('users')
      .select('id')
      .where('kind', '=', 'operator')
      .where('operator_role', '=', 'admin')
      .where('deactivated_at', 'is', null)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Leaves the demo admin as the only active admin, with a live session: whoever won the last
   * race, the next one starts the same.
   */
  async function onlyTheDemoAdmin(): Promise<void> {
    await h.database.db
      .updateTable('users')
      .set({ operator_role: 'admin', deactivated_at: null, deactivated_by: null })
      .where('id', '=', adminId)
      .execute();
    admin = await demoSessionFor(h, demoAdminEmail);
    for (const id of await activeAdmins()) {
      if (id !== adminId)
        await asAdmin('PATCH', `/api/back-office/operators/${id}`, { role: 'agent' });
    }
    expect(await activeAdmins()).toEqual([adminId]);
  }

  it.each([1, 2, 3])(
    'two admins demoting each other at the same instant leave one (round %i)',
    async () => {
      await onlyTheDemoAdmin();
      const other = await addActiveOperator(h, 'admin');
      const [first, second] = await Promise.all([
        asAdmin('PATCH', `/api/back-office/operators/${other.id}`, { role: 'agent' }),
        call(
          'PATCH',
          `/api/back-office/operators/${adminId}`,
          { cookie: other.cookie },
          { role: 'agent' },
        ),
      ]);
      const statuses = [first.statusCode, second.statusCode].sort();
      expect(statuses[0], `${first.body} ${second.body}`).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await activeAdmins()).toHaveLength(1);
    },
  );

  it.each([1, 2])(
    'two admins deactivating each other at the same instant leave one (round %i)',
    async () => {
      await onlyTheDemoAdmin();
      const other = await addActiveOperator(h, 'admin');
      const [first, second] = await Promise.all([
        asAdmin('POST', `/api/back-office/operators/${other.id}/deactivate`),
        call('POST', `/api/back-office/operators/${adminId}/deactivate`, { cookie: other.cookie }),
      ]);
      const statuses = [first.statusCode, second.statusCode].sort();
      expect(statuses[0], `${first.body} ${second.body}`).toBe(200);
      expect([401, 403, 409]).toContain(statuses[1]);
      expect(await activeAdmins()).toHaveLength(1);
    },
  );
});
