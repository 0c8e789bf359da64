import { DryRunView, RequestDetail } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleAdminView, CatalogAdminView } from '@guichet/contracts';
import type { FormDefinition } from '@guichet/domain';
import { createHarness, demo, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import {
  createCatalog,
  licenceForm,
  publishArticle,
  publishNextVersion,
  text,
} from '../../test/catalog-builders.ts';

/**
 * Issue 5 on the customer's side: conditional fields and cross-field rules judged by the
 * server (hidden answers never stored), the dry run, drafts moved to a newer version.
 */

let h: Harness;
let customer: string;
let viewer: string;
let catalogManager: string;
let catalog: CatalogAdminView;
let article: ArticleAdminView;

beforeAll(async () => {
  h = await createHarness();
  [customer, viewer, catalogManager] = await Promise.all([
    h.login('gestionnaire@acme.example'),
    h.login('visiteur@acme.example'),
    h.login('catalogue@guichet.example'),
  ]);
  catalog = await createCatalog(h, catalogManager, { assetTypes: ['rds_licence_pool'] });
  article = await publishArticle(h, catalogManager, catalog.id, licenceForm);
});
afterAll(() => h.close());

/** The item holds 25 licences (seed). */
function request(values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    contractId: 'OCB0005121',
    assetId: demo.acmeRds,
    catalogId: catalog.id,
    articleId: article.id,
    values,
    ...extra,
  };
}

function post(cookie: string, url: string, payload: unknown) {
  return h.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
}

async function stored(id: string) {
  return h.database.db
    .selectFrom('requests')
    .select(['values', 'article_version_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function footprint() {
  const { db } = h.database;
  const count = async (table: 'requests' | 'request_events' | 'request_counters') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    requests: await count('requests'),
    events: await count('request_events'),
    counters: await db.selectFrom('request_counters').selectAll().execute(),
    usage: await db.selectFrom('free_change_usage').selectAll().orderBy('contract_id').execute(),
  };
}

describe('confirming a request with conditional fields and rules', () => {
  it('stores an addition without the answers that only a removal shows', async () => {
    const response = await post(
      customer,
      '/api/requests',
      request(
        {
          action: 'add',
          added: 30,
          removed: 5,
          reason: 'hidden because not a removal',
          held: 999,
          bandwidth: 2.5,
          sites: ['paris', 'lyon'],
        },
        { action: 'confirm' },
      ),
    );
    expect(response.statusCode, response.body).toBe(201);
    const row = await stored(bodyOf(response, RequestDetail).id);
    expect(row.values).toEqual({
      action: 'add',
      added: 30,
      held: 25,
      bandwidth: 2.5,
      sites: ['paris', 'lyon'],
    });
    expect(row.article_version_id).toBe(article.versions[0]?.id);
  });

  it('refuses tampered and missing answers field by field, and writes nothing', async () => {
    const before = await footprint();
    const response = await post(
      customer,
      '/api/requests',
      request(
        {
          action: 'remove',
          removed: 26, // more than the 25 held, and a reason is then needed
          added: 3, // hidden: dropped, not refused
          held: 1000, // tampered read-only value: reset from the item, not refused
          bandwidth: 2.3, // off the 0.5 step
          sites: ['paris', 'marseille'], // not an option
          wanted: '2026-11-20', // today is not in the future
          colour: 'red', // unknown
        },
        { action: 'confirm' },
      ),
    );
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('form_values_invalid');
    expect(
      Object.fromEntries((error.details ?? []).map((detail) => [detail.path, detail.rule])),
    ).toEqual({
      'values.colour': 'unknown',
      'values.reason': 'required',
      'values.bandwidth': 'step',
      'values.sites': 'enum',
      'values.removed': 'rule',
      'values.wanted': 'rule',
    });
    expect(error.details?.find((detail) => detail.path === 'values.removed')?.message).toBe(
      'Vous ne pouvez pas retirer plus de licences que vous n’en détenez',
    );
    expect(await footprint()).toEqual(before);
  });

  it('judges « in the future » by the clock, in the contract’s time zone', async () => {
    const values = { action: 'add', added: 2, wanted: '2026-11-21' };
    h.setNow(new Date('2026-11-20T23:30:00Z')); // already the 21st in Paris
    try {
      const lateSession = await h.login('gestionnaire@acme.example');
      const late = await post(lateSession, '/api/requests', request(values, { action: 'confirm' }));
      expect(late.statusCode).toBe(400);
      expect(errorOf(late).details?.map((detail) => detail.path)).toEqual(['values.wanted']);
    } finally {
      h.setNow(testNow);
    }
    const inTime = await post(customer, '/api/requests', request(values, { action: 'confirm' }));
    expect(inTime.statusCode, inTime.body).toBe(201);
  });

  it('asks for the reason of a removal, and stores it when shown', async () => {
    const small = await post(
      customer,
      '/api/requests',
      request({ action: 'remove' }, { action: 'confirm' }),
    );
    expect(small.statusCode).toBe(400);
    expect(errorOf(small).details?.map((detail) => `${detail.path} ${detail.rule}`)).toEqual([
      'values.removed required',
    ]);
    const large = await post(
      customer,
      '/api/requests',
      request({ action: 'remove', removed: 12 }, { action: 'confirm' }),
    );
    expect(errorOf(large).details?.map((detail) => `${detail.path} ${detail.rule}`)).toEqual([
      'values.reason required',
    ]);
    const explained = await post(
      customer,
      '/api/requests',
      request(
        { action: 'remove', removed: 12, reason: 'Fermeture du site' },
        { action: 'confirm' },
      ),
    );
    expect(explained.statusCode, explained.body).toBe(201);
    expect((await stored(bodyOf(explained, RequestDetail).id)).values).toMatchObject({
      reason: 'Fermeture du site',
    });
  });

  it('never stores hidden answers in a draft either', async () => {
    const draft = await post(
      customer,
      '/api/requests',
      request({ action: 'add', added: 'abc', removed: 4, reason: 'secret' }, { action: 'draft' }),
    );
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await stored(bodyOf(draft, RequestDetail).id)).values).toEqual({
      action: 'add',
      added: 'abc',
    });
  });
});

describe('the dry run', () => {
  const dryRun = (cookie: string, payload: unknown) =>
    post(cookie, '/api/requests/dry-run', payload);

  it('answers as a confirmation would, and writes nothing', async () => {
    const before = await footprint();
    const valid = await dryRun(
      customer,
      request({ action: 'add', added: 5, reason: 'x', held: 3 }),
    );
    expect(valid.statusCode, valid.body).toBe(200);
    expect(valid.json()).toEqual({
      isValid: true,
      errors: [],
      values: { action: 'add', added: 5, held: 25 },
      articleVersionId: article.versions[0]?.id,
      billing: { kind: 'included' },
      freeChangesLeft: expect.any(Number) as unknown,
      openRequests: expect.any(Array) as unknown,
      // no window asked: nothing to warn of (decision 0037)
      windowWarnings: { freezes: [], overlaps: [] },
    });

    const invalid = await dryRun(customer, request({ action: 'remove', removed: 40 }));
    expect(invalid.statusCode).toBe(200);
    const refused = bodyOf(invalid, DryRunView);
    expect(refused.isValid).toBe(false);
    expect(refused.errors.map((error) => `${error.path} ${error.rule}`)).toEqual([
      'values.reason required',
      'values.removed rule',
    ]);
    expect(await footprint()).toEqual(before);
  });

  it('warns of changes in progress on the item and gives the cost decision', async () => {
    const response = await dryRun(customer, {
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      catalogId: demo.standard,
      articleId: demo.other,
      values: { details: 'Merci d’activer les journaux d’audit sur le projet.' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = bodyOf(response, DryRunView);
    expect(body.isValid).toBe(true);
    expect(body.openRequests.length).toBeGreaterThanOrEqual(2);
    expect(body.billing!.kind).toMatch(/^(free|billable)$/);
  });

  it('reports an incomplete request and a billable change not acknowledged', async () => {
    const incomplete = await dryRun(customer, { contractId: 'OCB0005121', values: {} });
    expect(bodyOf(incomplete, DryRunView).errors.map((error) => error.path)).toEqual([
      'assetId',
      'catalogId',
      'articleId',
    ]);
  });

  it('answers 404 for an unknown article, 403 to a Visiteur, as a confirmation would', async () => {
    const unknown = await dryRun(
      customer,
      request({}, { articleId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.statusCode).toBe(404);
    expect((await dryRun(viewer, request({ action: 'add', added: 1 }))).statusCode).toBe(403);
  });
});

describe('a draft reopened after a new version is published', () => {
  it('moves to the new version, keeps what fits and says what changed', async () => {
    const local = await publishArticle(h, catalogManager, catalog.id, licenceForm);
    const created = await post(
      customer,
      '/api/requests',
      request(
        { action: 'add', added: 4, sites: ['lyon'], bandwidth: 1.5, wanted: '2027-01-15' },
        { action: 'draft', articleId: local.id },
      ),
    );
    expect(created.statusCode, created.body).toBe(201);
    const draftId = bodyOf(created, RequestDetail).id;
    const confirmed = await post(
      customer,
      '/api/requests',
      request({ action: 'add', added: 4 }, { action: 'confirm', articleId: local.id }),
    );
    expect(confirmed.statusCode, confirmed.body).toBe(201);

    // Version 2: Lyon withdrawn, the bandwidth gone, a new required question.
    const v2: FormDefinition = {
      fields: [
        ...licenceForm.fields.filter((field) => !['bandwidth', 'sites'].includes(field.key)),
        {
          key: 'sites',
          kind: 'multichoice',
          label: text('Sites concernés', 'Sites concerned'),
          options: [{ value: 'paris', label: text('Paris') }],
        },
        {
          key: 'ticket',
          kind: 'text',
          label: text('Référence interne', 'Internal reference'),
          required: true,
        },
      ],
      rules: licenceForm.rules ?? [],
    };
    const republished = await publishNextVersion(h, catalogManager, local, v2);
    expect(republished.publishedVersion).toBe(2);
    const v2Id = republished.versions[0]?.id;

    const get = (id: string) =>
      h.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: { cookie: customer } });
    const reopened: RequestDetail = (await get(draftId)).json();
    expect(reopened.articleVersionId).toBe(v2Id);
    expect(reopened.values).toEqual({ action: 'add', added: 4, wanted: '2027-01-15' });
    expect((reopened.form as FormDefinition).fields.map((field) => field.key)).toContain('ticket');
    expect(reopened.formChanges?.fromVersion).toBe(1);
    expect(reopened.formChanges?.toVersion).toBe(2);
    expect(reopened.formChanges?.changes.map((change) => `${change.kind} ${change.path}`)).toEqual([
      'relabelled values.sites',
      'dropped values.sites',
      'added values.ticket',
      'removed values.bandwidth',
    ]);
    // Only shown: the draft in the database is still on version 1 until saved.
    expect((await stored(draftId)).article_version_id).toBe(local.versions[0]?.id);

    // The confirmed request keeps its version and renders with it.
    const kept: RequestDetail = (await get(bodyOf(confirmed, RequestDetail).id)).json();
    expect(kept.articleVersionId).toBe(local.versions[0]?.id);
    expect(kept.formChanges).toBeUndefined();
    expect((kept.form as FormDefinition).fields.map((field) => field.key)).toContain('bandwidth');

    // Saving stores the draft on version 2: nothing left to tell.
    const saved = await h.app.inject({
      method: 'PUT',
      url: `/api/requests/${draftId}`,
      headers: { cookie: customer },
      payload: {
        ...request({ ...reopened.values, ticket: 'INT-42' }, { articleId: local.id }),
        version: reopened.version,
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(bodyOf(saved, RequestDetail).formChanges).toBeUndefined();
    expect(await stored(draftId)).toMatchObject({
      article_version_id: v2Id,
      values: { action: 'add', added: 4, wanted: '2027-01-15', ticket: 'INT-42' },
    });
  });
});
