import type { Grant, Profile } from './access.ts';
import { profileOn } from './access.ts';
import { DomainError } from './errors.ts';

const rank: Record<Profile, number> = { viewer: 1, manager: 2 };

/** A grant asked for that goes beyond what the giver holds, with what the giver holds. */
export interface GrantBeyond {
  grant: Grant;
  /** The giver's own profile on that contract and section (null: none). */
  held: Profile | null;
}

/**
 * The grants of `requested` that exceed the giver's own grants: nobody gives (to a user or to
 * an API token) more than they hold on the same contract and section.
 */
export function grantsBeyond(requested: readonly Grant[], held: readonly Grant[]): GrantBeyond[] {
  return requested.flatMap((grant) => {
    const own = profileOn(held, grant.contractId, grant.section);
    return own !== null && rank[own] >= rank[grant.profile] ? [] : [{ grant, held: own }];
  });
}

/** What replacing a holder's grants by another list changes, by (contract, section). */
export interface GrantsChange {
  /** The grants of the new list that are new or at another profile than before. */
  given: Grant[];
  /** The grants of the old list that are gone or at another profile now. */
  taken: Grant[];
}

/**
 * The difference between a holder's grants and the list replacing them: a grant kept as it
 * was is in neither part (the editor of a holder's rights answers only for what they change:
 * nobody gives more than they hold, nor takes away what they could not have given).
 */
export function grantsChange(previous: readonly Grant[], next: readonly Grant[]): GrantsChange {
  const changedFrom = (list: readonly Grant[]) => (grant: Grant) =>
    profileOn(list, grant.contractId, grant.section) !== grant.profile;
  return { given: next.filter(changedFrom(previous)), taken: previous.filter(changedFrom(next)) };
}

/**
 * The rights an API token gives now: each of its grants, capped by the owner's current
 * profile on the same contract and section (dropped when the owner lost it). A token never
 * exceeds its owner, even after the owner's rights are lowered.
 */
export function effectiveTokenGrants(
  tokenGrants: readonly Grant[],
  ownerGrants: readonly Grant[],
): Grant[] {
  return tokenGrants.flatMap((grant) => {
    const own = profileOn(ownerGrants, grant.contractId, grant.section);
    if (own === null) return [];
    return [{ ...grant, profile: rank[own] < rank[grant.profile] ? own : grant.profile }];
  });
}

/** Duplicate (contract, section) pairs in a list of grants: each pair may appear once. */
export function duplicateGrants(grants: readonly Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    const key = `${grant.contractId}\u0000${grant.section}`;
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/**
 * Refuses (400 `validation_failed`) a list giving one (contract, section) pair twice, a detail
 * on each repeat at `path.<index>.section` (`path`: where the list stands in the body).
 */
export function requireDistinctGrants(grants: readonly Grant[], path = 'grants'): void {
  const twice = new Set(duplicateGrants(grants));
  if (twice.size === 0) return;
  throw new DomainError(
    'validation_failed',
    'One profile per contract and section',
    grants.flatMap((grant, index) =>
      twice.has(grant)
        ? [{ path: `${path}.${index}.section`, message: 'Given twice for this contract' }]
        : [],
    ),
  );
}

/**
 * Whether a user may confirm change requests on a contract: anyone with the right profile,
 * unless the contract keeps a list of authorised requesters; then only those on it.
 */
export function mayConfirmRequests(input: {
  restrictsRequesters: boolean;
  /** The user is on the contract's list of authorised requesters. */
  isRequester: boolean;
}): boolean {
  return !input.restrictsRequesters || input.isRequester;
}
