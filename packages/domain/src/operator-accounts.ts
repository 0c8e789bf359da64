import { operatorCan, operatorCapabilities, rolesWith } from './operators.ts';
import type { OperatorRole } from './operators.ts';

/** What an admin may do to an operator account (ADR 0015, architecture « Operator accounts »). */
export type OperatorChange =
  { kind: 'role'; role: OperatorRole } | { kind: 'deactivate' } | { kind: 'reactivate' };

export interface OperatorAccountState {
  id: string;
  role: OperatorRole;
  isActive: boolean;
}

export type OperatorChangeProblem =
  /** The actor is not (or no longer) an active operator allowed to manage operators. */
  | 'not_allowed'
  /** Nobody deactivates their own account: another admin does it, so one always remains. */
  | 'self_deactivation'
  /** The change would leave no active operator able to manage operators. */
  | 'last_active_admin';

/** Roles that manage operator accounts: the rule keeps at least one active holder. */
export const managingRoles: readonly OperatorRole[] = rolesWith('manage_operators');

function managesOperators(role: OperatorRole): boolean {
  return operatorCan(role, 'manage_operators');
}

/** Whether the change leaves the account as it is (then nothing is written nor audited). */
export function isNoOpChange(target: OperatorAccountState, change: OperatorChange): boolean {
  switch (change.kind) {
    case 'role':
      return change.role === target.role;
    case 'deactivate':
      return !target.isActive;
    case 'reactivate':
      return target.isActive;
  }
}

/**
 * Why `actorId` may not make this change, or null. `activeManagerIds` are the active operators
 * whose role manages operators, read under lock in the same transaction as the change (so two
 * admins demoting each other at once leave one). The actor must be one of them.
 */
export function operatorChangeProblem(input: {
  actorId: string;
  activeManagerIds: readonly string[];
  target: OperatorAccountState;
  change: OperatorChange;
}): OperatorChangeProblem | null {
  const { actorId, activeManagerIds, target, change } = input;
  if (!activeManagerIds.includes(actorId)) return 'not_allowed';
  if (isNoOpChange(target, change)) return null;
  if (change.kind === 'deactivate' && target.id === actorId) return 'self_deactivation';
  const removesAManager =
    target.isActive &&
    managesOperators(target.role) &&
    (change.kind === 'deactivate' || (change.kind === 'role' && !managesOperators(change.role)));
  if (removesAManager && activeManagerIds.every((id) => id === target.id)) {
    return 'last_active_admin';
  }
  return null;
}

/** `role` can do nothing that `ceiling` cannot (agent and catalog manager are both within admin). */
export function isRoleWithin(role: OperatorRole, ceiling: OperatorRole): boolean {
  return operatorCapabilities.every(
    (capability) => !operatorCan(role, capability) || operatorCan(ceiling, capability),
  );
}

/**
 * The role an operator's API token acts with at each use: the owner's role of this instant, or
 * the token's limit while it is within that role. Null once the owner's role no longer covers
 * the limit (an admin's « agent » token after its owner became catalog manager): the token
 * then authenticates nobody, rather than act with rights it was not given.
 */
export function tokenOperatorRole(
  ownerRole: OperatorRole,
  limit: OperatorRole | null,
): OperatorRole | null {
  if (limit === null) return ownerRole;
  return isRoleWithin(limit, ownerRole) ? limit : null;
}
