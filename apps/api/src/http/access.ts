import { DomainError, denialReason } from '@guichet/domain';
import type { Profile, Section } from '@guichet/domain';
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
