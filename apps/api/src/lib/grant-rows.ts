import type { Grant } from '@guichet/domain';

/**
 * A grant as the three tables that hold them store it (`grants`, `api_token_grants`,
 * `service_account_grants`: the same three columns beside their owner's).
 */
export interface GrantColumns {
  contract_id: string;
  section: Grant['section'];
  profile: Grant['profile'];
}

export function grantOf(row: GrantColumns): Grant {
  return { contractId: row.contract_id, section: row.section, profile: row.profile };
}

/** The rows to insert for these grants, each with its owner's column(s). */
export function grantRows<Owner extends object>(
  grants: readonly Grant[],
  owner: Owner,
): (Owner & GrantColumns)[] {
  return grants.map((grant) => ({
    ...owner,
    contract_id: grant.contractId,
    section: grant.section,
    profile: grant.profile,
  }));
}
