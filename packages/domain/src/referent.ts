import { hasProfile, profileOn, sections } from './access.ts';
import type { Grant } from './access.ts';

/** Why a referent designation is refused. */
export type ReferentProblem =
  /** Only the current referent designates the next one. */
  | 'not_current_referent'
  /** With no referent yet, a Gestionnaire on Utilisateurs designates the first one. */
  | 'not_users_manager'
  /** The candidate already is the referent. */
  | 'already_referent'
  /** The new referent must already hold rights on the contract. */
  | 'candidate_without_rights';

export interface ReferentChange {
  contractId: string;
  currentReferentId: string | null;
  actorId: string;
  /** The actor's grants (within the contract's customer). */
  actorGrants: readonly Grant[];
  candidateId: string;
  /** The candidate's grants on the contract. */
  candidateGrants: readonly Grant[];
}

/**
 * Whether `actorId` may make `candidateId` the referent of the contract: there is one referent
 * per contract; the current referent designates the next, who must already hold a right on
 * the contract. A contract without referent gets its first one from a Gestionnaire on
 * Utilisateurs.
 */
export function referentChangeProblem(change: ReferentChange): ReferentProblem | null {
  if (change.currentReferentId === null) {
    if (!hasProfile(change.actorGrants, change.contractId, 'users', 'manager')) {
      return 'not_users_manager';
    }
  } else if (change.currentReferentId !== change.actorId) {
    return 'not_current_referent';
  }
  if (change.candidateId === change.currentReferentId) return 'already_referent';
  const holdsRights = sections.some(
    (section) => profileOn(change.candidateGrants, change.contractId, section) !== null,
  );
  if (!holdsRights) return 'candidate_without_rights';
  return null;
}

/** Why a user's access to a contract cannot be changed or removed by this actor. */
export type AccessChangeProblem =
  /** Nobody changes their own rights (a referent hands over first). */
  | 'own_access'
  /** The referent keeps access to the contract until another referent is designated. */
  | 'referent_access';

export function accessRemovalProblem(input: {
  actorId: string;
  userId: string;
  referentId: string | null;
}): AccessChangeProblem | null {
  if (input.userId === input.actorId) return 'own_access';
  if (input.userId === input.referentId) return 'referent_access';
  return null;
}

export function accessChangeProblem(input: {
  actorId: string;
  userId: string;
}): AccessChangeProblem | null {
  return input.userId === input.actorId ? 'own_access' : null;
}
