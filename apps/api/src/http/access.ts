import { DomainError, denialReason } from '@guichet/domain';
import type { OperatorRole, Profile, Section } from '@guichet/domain';
import type { AuthContext } from './context.ts';

const sectionNames: Record<Section, string> = {
  requests: 'Demandes',
  inventory: 'Parc',
  users: 'Utilisateurs',
  contracts: 'Contrats',
};

/**
 * Checks the caller's grant on a contract of the current perimeter. No grant at all answers
 * 404 as for an unknown contract, so that other customers' ids reveal nothing.
 */
export function requireGrant(
  auth: AuthContext,
  contractId: string,
  section: Section,
  needed: Profile,
): void {
  const reason = denialReason(auth.grants, contractId, section, needed);
  if (reason === 'no_access') throw new DomainError('not_found', 'Contract not found');
  if (reason === 'viewer_read_only') {
    throw new DomainError(
      'forbidden',
      `Profil Visiteur sur ${sectionNames[section]} : lecture seule`,
    );
  }
}

/**
 * The back-office is the operators' only: a customer is refused (403), and so is an operator
 * whose role is not among `roles` (all operator roles when left out). Returns the role.
 */
export function requireOperator(auth: AuthContext, roles?: readonly OperatorRole[]): OperatorRole {
  const role = auth.user.kind === 'operator' ? auth.user.operatorRole : null;
  if (role === null) throw new DomainError('forbidden', 'The back-office is for operators only');
  if (roles && !roles.includes(role)) {
    throw new DomainError('forbidden', `The role ${role} may not do this`);
  }
  return role;
}

/**
 * Changing a password, contact details or preferences, or creating tokens, needs a session
 * opened with the password: a personal API token acts only within its grants (contracts ×
 * sections), and the account is none of them (issue 18).
 */
export function requireInteractiveSession(auth: AuthContext): void {
  if (auth.apiTokenId !== undefined) {
    throw new DomainError('forbidden', 'An API token cannot do this: log in with your password');
  }
}
