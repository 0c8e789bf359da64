import type { Db } from '@guichet/db';
import type {
  ApprovalDecision,
  ApprovalMode,
  ApprovalRule,
  BillingMode,
  PricedDecision,
  Substitution,
} from '@guichet/domain';
import { sql } from 'kysely';

/** Approvals on the customer's side (decision 0034): rules, held requests, answers, links. */

export async function findContract(db: Db, contractId: string) {
  return db
    .selectFrom('contracts')
    .select(['id', 'customer_id', 'referent_user_id'])
    .where('id', '=', contractId)
    .executeTakeFirst();
}

export async function listRules(db: Db, contractId: string): Promise<ApprovalRule[]> {
  const rows = await db
    .selectFrom('approval_rules')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    scope: row.scope,
    minTokens: row.min_tokens,
    catalogIds: row.catalog_ids,
    articleIds: row.article_ids,
    includeReferent: row.include_referent,
    approverIds: row.approver_ids,
    mode: row.mode,
  }));
}

/** Replaces the contract's rules (in the caller's transaction). */
export async function replaceRules(
  db: Db,
  change: { contractId: string; rules: readonly ApprovalRule[]; by: string; at: Date },
): Promise<void> {
  await db.deleteFrom('approval_rules').where('contract_id', '=', change.contractId).execute();
  if (change.rules.length === 0) return;
  await db
    .insertInto('approval_rules')
    .values(
      change.rules.map((rule, position) => ({
        contract_id: change.contractId,
        position,
        scope: rule.scope,
        min_tokens: rule.scope === 'above_tokens' ? rule.minTokens : null,
        catalog_ids: [...rule.catalogIds],
        article_ids: [...rule.articleIds],
        include_referent: rule.includeReferent,
        approver_ids: [...rule.approverIds],
        mode: rule.mode,
        updated_by: change.by,
        updated_at: change.at,
      })),
    )
    .execute();
}

/** Of `userIds`, those holding Gestionnaire on Demandes of the contract. */
export async function requestManagersAmong(
  db: Db,
  contractId: string,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .select('grants.user_id')
    .where('grants.contract_id', '=', contractId)
    .where('grants.section', '=', 'requests')
    .where('grants.profile', '=', 'manager')
    .where('users.kind', '=', 'customer')
    .where('grants.user_id', 'in', [...userIds])
    .execute();
  return rows.map((row) => row.user_id);
}

export async function findUsers(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'locale', 'kind'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertApproval(
  db: Db,
  approval: { requestId: string; approverIds: readonly string[]; mode: ApprovalMode; at: Date },
): Promise<void> {
  await db
    .insertInto('request_approvals')
    .values({
      request_id: approval.requestId,
      approver_ids: [...approval.approverIds],
      mode: approval.mode,
      created_at: approval.at,
    })
    .execute();
}

export async function findApproval(db: Db, requestId: string) {
  const approval = await db
    .selectFrom('request_approvals')
    .selectAll()
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!approval) return undefined;
  const answers = await db
    .selectFrom('request_approval_answers')
    .innerJoin('users as by', 'by.id', 'request_approval_answers.answered_by')
    .select([
      'request_approval_answers.approver_id',
      'request_approval_answers.answered_by',
      'request_approval_answers.decision',
      'request_approval_answers.comment',
      'request_approval_answers.at',
      'by.display_name as answered_by_name',
    ])
    .where('request_approval_answers.request_id', '=', requestId)
    .orderBy('request_approval_answers.at')
    .execute();
  return { ...approval, answers };
}

export type ApprovalRow = NonNullable<Awaited<ReturnType<typeof findApproval>>>;

export async function insertAnswer(
  db: Db,
  answer: {
    requestId: string;
    approverId: string;
    answeredBy: string;
    decision: ApprovalDecision;
    comment: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('request_approval_answers')
    .values({
      request_id: answer.requestId,
      approver_id: answer.approverId,
      answered_by: answer.answeredBy,
      decision: answer.decision,
      comment: answer.comment,
      at: answer.at,
    })
    .execute();
}

export async function settleApproval(
  db: Db,
  requestId: string,
  state: 'approved' | 'refused' | 'cancelled',
  at: Date,
): Promise<void> {
  await db
    .updateTable('request_approvals')
    .set({ state, settled_at: at })
    .where('request_id', '=', requestId)
    .where('state', '=', 'pending')
    .execute();
}

/** What deciding the billing of a held request needs: its contract's terms and article. */
export async function findBillingContext(db: Db, requestId: string) {
  return db
    .selectFrom('requests')
    .innerJoin('contracts', 'contracts.id', 'requests.contract_id')
    .innerJoin('article_versions', 'article_versions.id', 'requests.article_version_id')
    .select([
      'requests.outside_business_hours',
      'requests.catalog_id',
      'requests.article_id',
      'requests.author_id',
      'contracts.id as contract_id',
      'contracts.time_zone',
      'contracts.free_changes_per_month',
      'contracts.token_price_eur',
      'contracts.status as contract_status',
      'contracts.restricts_requesters',
      'article_versions.billing_mode',
      'article_versions.price_tokens',
    ])
    .$narrowType<{ billing_mode: BillingMode }>()
    .where('requests.id', '=', requestId)
    .executeTakeFirst();
}

/** The held request reaches the provider: its billing decided now, in the month of now. */
export async function releaseRequest(
  db: Db,
  release: { id: string; billing: PricedDecision; billingMonth: string; at: Date },
): Promise<void> {
  await db
    .updateTable('requests')
    .set({
      held_for_approval: false,
      billing: JSON.stringify(release.billing),
      billing_month: release.billingMonth,
      issued_at: release.at,
      submitted_at: release.at,
    })
    .where('id', '=', release.id)
    .execute();
}

/**
 * « À approuver »: the requests awaiting approval of the contracts given where one of
 * `approverIds` is named and has not answered yet, newest first.
 */
export async function listPending(
  db: Db,
  filter: { approverIds: readonly string[]; contractIds: readonly string[]; limit: number },
) {
  if (filter.approverIds.length === 0 || filter.contractIds.length === 0) return [];
  return db
    .selectFrom('request_approvals as ra')
    .innerJoin('requests as r', 'r.id', 'ra.request_id')
    .innerJoin('users as author', 'author.id', 'r.author_id')
    .leftJoin('assets as a', 'a.id', 'r.asset_id')
    .leftJoin('article_versions as v', 'v.id', 'r.article_version_id')
    .select([
      'r.id',
      'r.number',
      'r.contract_id',
      'r.billing',
      'r.created_at',
      'r.customer_reference',
      'ra.approver_ids',
      'ra.mode',
      'author.display_name as author_name',
      'a.reference as asset_reference',
      'v.name_fr as article_name_fr',
      'v.name_en as article_name_en',
      (eb) =>
        eb
          .selectFrom('request_approval_answers as ans')
          .select(sql<string[]>`coalesce(array_agg(ans.approver_id), '{}')`.as('answered'))
          .whereRef('ans.request_id', '=', 'ra.request_id')
          .as('answered'),
    ])
    .where('ra.state', '=', 'pending')
    .where('r.status', '=', 'awaiting_approval')
    .where(sql<boolean>`ra.approver_ids && ${sql.val([...filter.approverIds])}::uuid[]`)
    .where((eb) => eb('r.contract_id', '=', eb.fn.any(eb.val([...filter.contractIds]))))
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit)
    .execute();
}

// ——— substitutes ———

export async function listSubstitutions(
  db: Db,
  filter: { contractIds: readonly string[]; userId?: string },
) {
  if (filter.contractIds.length === 0) return [];
  return db
    .selectFrom('approval_substitutes as s')
    .innerJoin('users as approver', 'approver.id', 's.approver_id')
    .innerJoin('users as substitute', 'substitute.id', 's.substitute_id')
    .select([
      's.id',
      's.contract_id',
      's.approver_id',
      's.substitute_id',
      's.starts_at',
      's.ends_at',
      'approver.display_name as approver_name',
      'substitute.display_name as substitute_name',
    ])
    .where((eb) => eb('s.contract_id', '=', eb.fn.any(eb.val([...filter.contractIds]))))
    .$if(filter.userId !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb('s.approver_id', '=', filter.userId ?? ''),
          eb('s.substitute_id', '=', filter.userId ?? ''),
        ]),
      ),
    )
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}

export async function substitutionsFor(
  db: Db,
  contractId: string,
  substituteId: string,
): Promise<Substitution[]> {
  const rows = await db
    .selectFrom('approval_substitutes')
    .select(['approver_id', 'substitute_id', 'starts_at', 'ends_at'])
    .where('contract_id', '=', contractId)
    .where('substitute_id', '=', substituteId)
    .execute();
  return rows.map((row) => ({
    approverId: row.approver_id,
    substituteId: row.substitute_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  }));
}

/** The approvers who named `substituteId` for a period covering `at`, on any of the contracts. */
export async function substitutedBy(
  db: Db,
  substituteId: string,
  contractIds: readonly string[],
  at: Date,
): Promise<string[]> {
  if (contractIds.length === 0) return [];
  const rows = await db
    .selectFrom('approval_substitutes')
    .select('approver_id')
    .distinct()
    .where('substitute_id', '=', substituteId)
    .where((eb) => eb('contract_id', '=', eb.fn.any(eb.val([...contractIds]))))
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
  return rows.map((row) => row.approver_id);
}

export async function insertSubstitution(
  db: Db,
  substitution: {
    contractId: string;
    approverId: string;
    substituteId: string;
    startsAt: Date;
    endsAt: Date;
    at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('approval_substitutes')
    .values({
      contract_id: substitution.contractId,
      approver_id: substitution.approverId,
      substitute_id: substitution.substituteId,
      starts_at: substitution.startsAt,
      ends_at: substitution.endsAt,
      created_at: substitution.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteSubstitution(db: Db, id: string, approverId: string) {
  const result = await db
    .deleteFrom('approval_substitutes')
    .where('id', '=', id)
    .where('approver_id', '=', approverId)
    .executeTakeFirst();
  return result.numDeletedRows === 1n;
}

// ——— the mails' links ———

export async function insertLinks(
  db: Db,
  links: readonly {
    tokenHash: string;
    requestId: string;
    userId: string;
    at: Date;
    expiresAt: Date;
  }[],
): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('approval_links')
    .values(
      links.map((link) => ({
        token_hash: link.tokenHash,
        request_id: link.requestId,
        user_id: link.userId,
        created_at: link.at,
        expires_at: link.expiresAt,
      })),
    )
    .execute();
}

export async function findLink(db: Db, tokenHash: string, options: { lock: boolean }) {
  return db
    .selectFrom('approval_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .$if(options.lock, (query) => query.forUpdate())
    .executeTakeFirst();
}

export async function useLink(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db
    .updateTable('approval_links')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** The substitutes standing in, at `at`, for any of `approverIds` on the contract. */
export async function activeSubstitutesOf(
  db: Db,
  contractId: string,
  approverIds: readonly string[],
  at: Date,
) {
  if (approverIds.length === 0) return [];
  return db
    .selectFrom('approval_substitutes')
    .select(['approver_id', 'substitute_id'])
    .where('contract_id', '=', contractId)
    .where('approver_id', 'in', [...approverIds])
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
}

/** The customer users holding any grant on the contract. */
export async function contractUserIds(db: Db, contractId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('grants')
    .select('user_id')
    .distinct()
    .where('contract_id', '=', contractId)
    .execute();
  return rows.map((row) => row.user_id);
}

export { insertRequestEvent as insertEvent } from '@guichet/db';
