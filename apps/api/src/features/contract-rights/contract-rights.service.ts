import {
  DomainError,
  denialReason,
  hasProfile,
  mayConfirmRequests,
  profileOn,
  referentChangeProblem,
  sections,
} from '@guichet/domain';
import type { ReferentProblem } from '@guichet/domain';
import type {
  ContractDetail,
  ContractRightsView,
  DesignateReferentBody,
  RequestersBody,
} from '@guichet/contracts';
import { requireGrant } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireInteractiveSession } from '../../http/access.ts';
import { queueMail } from '../mail/mail.service.ts';
import * as users from '../users/users.service.ts';
import * as repository from './contract-rights.repository.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';

/** Any grant on the contract lets the caller see who its referent is; none is a 404. */
function requireAnyGrant(auth: AuthContext, contractId: string): void {
  if (!sections.some((section) => profileOn(auth.grants, contractId, section) !== null)) {
    throw new DomainError('not_found', 'Contract not found');
  }
}

async function contractOf(deps: Deps, contractId: string) {
  const contract = await repository.findContract(deps.db, contractId);
  if (!contract) throw new DomainError('not_found', 'Contract not found');
  return contract;
}

/**
 * The contract's referent and authorised requesters, and what the caller may do about them.
 * The requesters are listed to those who see the contract's users only.
 */
export async function getRights(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
): Promise<ContractRightsView> {
  requireAnyGrant(auth, contractId);
  const contract = await contractOf(deps, contractId);
  const seesUsers = hasProfile(auth.grants, contractId, 'users', 'viewer');
  const requesters = seesUsers ? await repository.listRequesters(deps.db, contractId) : [];
  const referentId = contract.referent_user_id;
  let referentDenied: ContractRightsView['referentDenied'] = null;
  if (referentId === null) {
    if (!hasProfile(auth.grants, contractId, 'users', 'manager'))
      referentDenied = 'not_users_manager';
  } else if (referentId !== auth.user.id) {
    referentDenied = 'not_current_referent';
  }
  return {
    contractId: contract.id,
    customerName: contract.customer_name,
    referent:
      referentId === null ? null : { id: referentId, displayName: contract.referent_name ?? '' },
    isReferent: referentId === auth.user.id,
    referentDenied,
    usersProfile: profileOn(auth.grants, contractId, 'users'),
    manageDenied: denialReason(auth.grants, contractId, 'users', 'manager'),
    restrictsRequesters: contract.restricts_requesters,
    requesters: requesters.map((user) => ({ id: user.id, displayName: user.display_name })),
  };
}

/** Section « Contrats »: the contract's terms and referent, for Visiteur and up. */
export async function getContract(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
): Promise<ContractDetail> {
  requireGrant(auth, contractId, 'contracts', 'viewer');
  const contract = await contractOf(deps, contractId);
  return {
    id: contract.id,
    customerName: contract.customer_name,
    offer: contract.offer,
    supportLevel: contract.support_level,
    freeChangesPerMonth: contract.free_changes_per_month,
    tokenPriceEur: Number(contract.token_price_eur),
    referent:
      contract.referent_user_id === null
        ? null
        : { id: contract.referent_user_id, displayName: contract.referent_name ?? '' },
    restrictsRequesters: contract.restricts_requesters,
    contractsProfile: profileOn(auth.grants, contractId, 'contracts') ?? 'viewer',
  };
}

const refusals: Record<ReferentProblem, () => DomainError> = {
  not_current_referent: () =>
    new DomainError('forbidden', 'Seul le référent actuel du contrat désigne le nouveau référent'),
  not_users_manager: () =>
    new DomainError(
      'forbidden',
      'Le contrat n’a pas de référent : il faut le profil Gestionnaire sur Utilisateurs pour désigner le premier',
    ),
  already_referent: () => new DomainError('conflict', 'This user already is the referent'),
  candidate_without_rights: () =>
    new DomainError(
      'validation_failed',
      'The new referent must already hold rights on the contract',
      [
        {
          path: 'userId',
          rule: 'candidate_without_rights',
          message: 'Le nouveau référent doit déjà avoir des droits sur le contrat',
        },
      ],
    ),
};

/**
 * Designates the contract's next referent (referent rules in the domain), optionally removing
 * the former referent's rights on the contract, and tells the new referent by mail.
 */
export async function designateReferent(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
  body: DesignateReferentBody,
): Promise<void> {
  requireInteractiveSession(auth);
  requireAnyGrant(auth, contractId);
  await deps.db.transaction().execute(async (trx) => {
    const scoped = { ...deps, db: trx };
    const contract = await repository.lockContract(trx, contractId);
    if (!contract) throw new DomainError('not_found', 'Contract not found');
    const problem = referentChangeProblem({
      contractId,
      currentReferentId: contract.referent_user_id,
      actorId: auth.user.id,
      actorGrants: auth.grants,
      candidateId: body.userId,
      candidateGrants: await users.grantsOnContract(scoped, body.userId, contractId),
    });
    if (problem !== null) throw refusals[problem]();
    await repository.setReferent(trx, contractId, body.userId);
    const former = contract.referent_user_id;
    await recordAudit(scoped, {
      kind: 'referent_changed',
      actor: actorOf(auth),
      target: { type: 'contract', id: contractId },
      data: {
        from: former,
        to: body.userId,
        formerRightsRemoved: body.removeFormerRights && former !== null,
      },
    });
    if (body.removeFormerRights && former !== null) {
      await users.removeAllAccess(scoped, former, contractId);
    }
    const candidate = await repository.findUserContact(trx, body.userId);
    if (candidate) {
      await queueMail(scoped, {
        to: candidate.email,
        kind: 'referent_designated',
        subject: `Vous êtes référent du contrat ${contractId} / You are the referent of contract ${contractId}`,
        text: [
          `Bonjour ${candidate.display_name},`,
          '',
          `${auth.user.displayName} vous a désigné référent du contrat ${contractId}. C'est à vous désormais de désigner, le moment venu, le prochain référent.`,
          '',
          '---',
          '',
          `${auth.user.displayName} made you the referent of contract ${contractId}. From now on, you designate the next referent when the time comes.`,
        ].join('\n'),
      });
    }
  });
}

/** Keeps (or stops keeping) the contract's list of authorised requesters. */
export async function setRequesters(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
  body: RequestersBody,
): Promise<ContractRightsView> {
  requireGrant(auth, contractId, 'users', 'manager');
  const userIds = [...new Set(body.userIds)];
  await deps.db.transaction().execute(async (trx) => {
    const scoped = { ...deps, db: trx };
    const withRights = await users.usersWithRightsOn(scoped, userIds, contractId);
    const strangers = body.userIds.flatMap((userId, index) =>
      withRights.has(userId)
        ? []
        : [
            {
              path: `userIds.${index}`,
              rule: 'without_rights',
              message: 'An authorised requester must hold rights on the contract',
            },
          ],
    );
    if (strangers.length > 0) {
      throw new DomainError(
        'validation_failed',
        'An authorised requester must hold rights on the contract',
        strangers,
      );
    }
    await repository.lockContract(trx, contractId);
    await repository.replaceRequesters(
      trx,
      contractId,
      body.restrictsRequesters,
      userIds,
      deps.clock(),
    );
  });
  return getRights(deps, auth, contractId);
}

/** Whether the caller may confirm change requests on the contract (authorised requesters). */
export async function mayConfirm(deps: Deps, auth: AuthContext, contractId: string) {
  const contract = await repository.findContract(deps.db, contractId);
  if (!contract) return false;
  return mayConfirmRequests({
    restrictsRequesters: contract.restricts_requesters,
    isRequester: await repository.isRequester(deps.db, contractId, auth.user.id),
  });
}

/** For the confirm transaction: a contract that keeps requesters lets only them confirm. */
export async function requireAuthorisedRequester(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
): Promise<void> {
  if (!(await mayConfirm(deps, auth, contractId))) {
    throw new DomainError(
      'forbidden',
      `Seuls les demandeurs autorisés du contrat ${contractId} confirment des demandes de changement`,
    );
  }
}
