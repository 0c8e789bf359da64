import { ContractList, ContractRightsView, RequestDetail } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContract } from '../../test/builders.ts';
import { createHarness, demo, errorOf, stableId, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { addActiveUser } from '../../test/rights-builders.ts';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await createHarness();
  manager = await h.login('gestionnaire@acme.example');
});
afterAll(() => h.close());

const managerId = stableId('user:gestionnaire@acme.example');

/** A fresh ACME contract whose referent and users manager is gestionnaire@acme. */
async function contractOfManager(freeChangesPerMonth = 5) {
  const { contractId, tenantId } = await buildContract(h.database.db, {
    freeChangesPerMonth,
    managers: ['gestionnaire@acme.example'],
  });
  await h.database.db
    .insertInto('grants')
    .values(
      (['users', 'inventory'] as const).map((section) => ({
        user_id: managerId,
        contract_id: contractId,
        section,
        profile: 'manager' as const,
      })),
    )
    .execute();
  await h.database.db
    .updateTable('contracts')
    .set({ referent_user_id: managerId })
    .where('id', '=', contractId)
    .execute();
  return { contractId, tenantId, cookie: await h.login('gestionnaire@acme.example') };
}

const rightsOf = (contractId: string, cookie: string) =>
  h.app.inject({ method: 'GET', url: `/api/contracts/${contractId}/rights`, headers: { cookie } });

describe('the contract referent', () => {
  it('is shown to anyone with a right on the contract, with what they may do', async () => {
    const visitor = await h.login('visiteur@acme.example');
    const seen = await rightsOf('OCB0005121', visitor);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({
      contractId: 'OCB0005121',
      customerName: 'ACME',
      referent: { id: managerId, displayName: 'Camille Martin' },
      isReferent: false,
      referentDenied: 'not_current_referent',
      usersProfile: null,
      manageDenied: 'no_access',
      restrictsRequesters: false,
      requesters: [],
    });
    const own = await rightsOf('OCB0005121', manager);
    expect(own.json()).toMatchObject({
      isReferent: true,
      referentDenied: null,
      manageDenied: null,
    });
    const globex = await h.login('gestionnaire@globex.example');
    expect((await rightsOf('OCB0005121', globex)).statusCode).toBe(404);
  });

  it('is handed over by the current referent only, to a user already holding rights', async () => {
    const { contractId, cookie } = await contractOfManager();
    const colleague = await addActiveUser(h, cookie, [
      { contractId, section: 'users', profile: 'manager' },
    ]);
    const stranger = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const designate = (as: string, userId: string, removeFormerRights = false) =>
      h.app.inject({
        method: 'PUT',
        url: `/api/contracts/${contractId}/referent`,
        headers: { cookie: as },
        payload: { userId, removeFormerRights },
      });

    const notReferent = await designate(colleague.cookie, colleague.id);
    expect(notReferent.statusCode).toBe(403);
    expect(errorOf(notReferent).message).toBe(
      'Seul le référent actuel du contrat désigne le nouveau référent',
    );
    const withoutRights = await designate(cookie, stranger.id);
    expect(withoutRights.statusCode).toBe(400);
    expect(errorOf(withoutRights).details?.[0]).toMatchObject({
      path: 'userId',
      rule: 'candidate_without_rights',
    });
    const unknown = await designate(cookie, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(await designate(cookie, managerId).then((r) => r.statusCode)).toBe(409);

    const handed = await designate(cookie, colleague.id);
    expect(handed.statusCode).toBe(204);
    const mail = await h.database.db
      .selectFrom('mail_outbox')
      .select(['kind', 'subject'])
      .where('to_address', '=', colleague.email)
      .where('kind', '=', 'referent_designated')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain(contractId);
    // the former referent keeps their rights (not asked to remove them) but may no longer hand over
    expect((await rightsOf(contractId, cookie)).json()).toMatchObject({
      referent: { id: colleague.id },
      isReferent: false,
      referentDenied: 'not_current_referent',
    });
    expect((await designate(cookie, managerId)).statusCode).toBe(403);
    // the new referent hands back and removes their own former rights
    const back = await designate(colleague.cookie, managerId, true);
    expect(back.statusCode).toBe(204);
    const left = await h.database.db
      .selectFrom('grants')
      .select('section')
      .where('user_id', '=', colleague.id)
      .where('contract_id', '=', contractId)
      .execute();
    expect(left).toEqual([]);
    expect((await rightsOf(contractId, colleague.cookie)).statusCode).toBe(404);
  });

  it('removes the former referent’s rights when asked, and only on that contract', async () => {
    const { contractId, cookie } = await contractOfManager();
    const next = await addActiveUser(h, cookie, [
      { contractId, section: 'requests', profile: 'viewer' },
    ]);
    const response = await h.app.inject({
      method: 'PUT',
      url: `/api/contracts/${contractId}/referent`,
      headers: { cookie },
      payload: { userId: next.id, removeFormerRights: true },
    });
    expect(response.statusCode).toBe(204);
    const grants = await h.database.db
      .selectFrom('grants')
      .select('contract_id')
      .where('user_id', '=', managerId)
      .execute();
    const contracts = new Set(grants.map((grant) => grant.contract_id));
    expect(contracts.has(contractId)).toBe(false);
    expect(contracts.has('OCB0005121')).toBe(true);
    expect(bodyOf(await rightsOf(contractId, next.cookie), ContractRightsView).isReferent).toBe(
      true,
    );
  });

  it('without a referent, is designated first by a Gestionnaire on Utilisateurs', async () => {
    const { contractId, cookie } = await contractOfManager();
    await h.database.db
      .updateTable('contracts')
      .set({ referent_user_id: null })
      .where('id', '=', contractId)
      .execute();
    const viewer = await addActiveUser(h, cookie, [
      { contractId, section: 'users', profile: 'viewer' },
    ]);
    expect(
      bodyOf(await rightsOf(contractId, viewer.cookie), ContractRightsView).referentDenied,
    ).toBe('not_users_manager');
    const refused = await h.app.inject({
      method: 'PUT',
      url: `/api/contracts/${contractId}/referent`,
      headers: { cookie: viewer.cookie },
      payload: { userId: viewer.id },
    });
    expect(refused.statusCode).toBe(403);
    const first = await h.app.inject({
      method: 'PUT',
      url: `/api/contracts/${contractId}/referent`,
      headers: { cookie },
      payload: { userId: viewer.id },
    });
    expect(first.statusCode).toBe(204);
  });
});

describe('authorised requesters', () => {
  const confirmBody = (contractId: string, assetId: string) => ({
    action: 'confirm',
    contractId,
    assetId,
    catalogId: demo.standard,
    articleId: demo.other,
    values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
  });

  it('when kept, let only the listed users confirm; drafts stay open to all', async () => {
    const { contractId, tenantId, cookie } = await contractOfManager();
    const listed = await addActiveUser(h, cookie, [
      { contractId, section: 'requests', profile: 'manager' },
    ]);
    const kept = await h.app.inject({
      method: 'PUT',
      url: `/api/contracts/${contractId}/requesters`,
      headers: { cookie },
      payload: { restrictsRequesters: true, userIds: [listed.id] },
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({
      restrictsRequesters: true,
      requesters: [{ id: listed.id }],
    });
    // The contracts list says so before anyone tries: the form disables « Confirmer ».
    const confirmDeniedFor = async (asCookie: string) =>
      bodyOf(
        await h.app.inject({ method: 'GET', url: '/api/contracts', headers: { cookie: asCookie } }),
        ContractList,
      ).items.find((contract: { id: string }) => contract.id === contractId)?.confirmDenied;
    expect(await confirmDeniedFor(cookie)).toBe('not_requester');
    expect(await confirmDeniedFor(listed.cookie)).toBeNull();
    const countRequests = async () =>
      Number(
        (
          await h.database.db
            .selectFrom('requests')
            .select((eb) => eb.fn.countAll<string>().as('count'))
            .where('contract_id', '=', contractId)
            .executeTakeFirstOrThrow()
        ).count,
      );
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie },
      payload: confirmBody(contractId, tenantId),
    });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).message).toContain('demandeurs autorisés');
    expect(await countRequests()).toBe(0);
    const usage = await h.database.db
      .selectFrom('free_change_usage')
      .select('used')
      .where('contract_id', '=', contractId)
      .execute();
    expect(usage).toEqual([]);

    const draft = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie },
      payload: { ...confirmBody(contractId, tenantId), action: 'draft' },
    });
    expect(draft.statusCode).toBe(201);
    const confirmDraft = await h.app.inject({
      method: 'POST',
      url: `/api/requests/${bodyOf(draft, RequestDetail).id}/confirm`,
      headers: { cookie },
      payload: {
        ...confirmBody(contractId, tenantId),
        version: bodyOf(draft, RequestDetail).version,
      },
    });
    expect(confirmDraft.statusCode).toBe(403);

    const allowed = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: listed.cookie },
      payload: confirmBody(contractId, tenantId),
    });
    expect(allowed.statusCode).toBe(201);
    expect(bodyOf(allowed, RequestDetail).status).toBe('submitted');

    const open = await h.app.inject({
      method: 'PUT',
      url: `/api/contracts/${contractId}/requesters`,
      headers: { cookie },
      payload: { restrictsRequesters: false, userIds: [listed.id] },
    });
    expect(bodyOf(open, ContractRightsView).restrictsRequesters).toBe(false);
    expect(await confirmDeniedFor(cookie)).toBeNull();
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/requests/${bodyOf(draft, RequestDetail).id}/confirm`,
      headers: { cookie },
      payload: {
        ...confirmBody(contractId, tenantId),
        version: bodyOf(draft, RequestDetail).version,
      },
    });
    expect(again.statusCode).toBe(200);
  });

  it('must hold rights on the contract, and losing access removes them from the list', async () => {
    const { contractId, cookie } = await contractOfManager();
    const elsewhere = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
    ]);
    const refused = await h.app.inject({
      method: 'PUT',
      url: `/api/contracts/${contractId}/requesters`,
      headers: { cookie },
      payload: { restrictsRequesters: true, userIds: [managerId, elsewhere.id] },
    });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details?.map((detail) => detail.path)).toEqual(['userIds.1']);
    const member = await addActiveUser(h, cookie, [
      { contractId, section: 'requests', profile: 'manager' },
    ]);
    await h.app.inject({
      method: 'PUT',
      url: `/api/contracts/${contractId}/requesters`,
      headers: { cookie },
      payload: { restrictsRequesters: true, userIds: [member.id] },
    });
    await h.app.inject({
      method: 'DELETE',
      url: `/api/users/${member.id}/contracts/${contractId}`,
      headers: { cookie },
    });
    expect(bodyOf(await rightsOf(contractId, cookie), ContractRightsView).requesters).toEqual([]);
  });

  it('are kept by a Gestionnaire on Utilisateurs only', async () => {
    const visitor = await h.login('visiteur@acme.example');
    const response = await h.app.inject({
      method: 'PUT',
      url: '/api/contracts/OCB0005121/requesters',
      headers: { cookie: visitor },
      payload: { restrictsRequesters: true, userIds: [] },
    });
    expect(response.statusCode).toBe(404);
    const globex = await h.login('gestionnaire@globex.example');
    const foreign = await h.app.inject({
      method: 'PUT',
      url: '/api/contracts/OCB0005121/requesters',
      headers: { cookie: globex },
      payload: { restrictsRequesters: true, userIds: [] },
    });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('the section Contrats', () => {
  it('shows the contract’s terms and referent to a Visiteur on Contrats, and nothing to others', async () => {
    const shown = await h.app.inject({
      method: 'GET',
      url: '/api/contracts/OCB0005121',
      headers: { cookie: manager },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      id: 'OCB0005121',
      customerName: 'ACME',
      supportLevel: 'Gold',
      freeChangesPerMonth: 5,
      referent: { id: managerId },
      contractsProfile: 'viewer',
    });
    const visitor = await h.login('visiteur@acme.example');
    expect(
      (
        await h.app.inject({
          method: 'GET',
          url: '/api/contracts/OCB0005121',
          headers: { cookie: visitor },
        })
      ).statusCode,
    ).toBe(404);
  });
});
