import {
  DomainError,
  billingMonth,
  contractStatusDenial,
  contractsWith,
  denialReason,
  mayConfirmRequests,
  profileOn,
} from '@guichet/domain';
import type { ContractStatusDenial, ContractUse } from '@guichet/domain';
import type { ContractView } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as repository from './contracts.repository.ts';

/** Contracts of the current perimeter on which the user may at least see requests. */
export async function listContracts(deps: Deps, auth: AuthContext): Promise<ContractView[]> {
  const ids = contractsWith(auth.grants, 'requests', 'viewer');
  const contracts = await repository.listContracts(deps.db, ids, auth.user.id);
  const now = deps.clock();
  const used = await repository.usedFreeChanges(
    deps.db,
    ids,
    billingMonth(now, contracts[0]?.time_zone ?? 'Europe/Paris'),
  );
  return contracts.map((contract) => ({
    id: contract.id,
    customerName: contract.customer_name,
    offer: contract.offer,
    supportLevel: contract.support_level,
    freeChangesPerMonth: contract.free_changes_per_month,
    freeChangesLeft: Math.max(0, contract.free_changes_per_month - (used.get(contract.id) ?? 0)),
    tokenPriceEur: Number(contract.token_price_eur),
    requestsProfile: profileOn(auth.grants, contract.id, 'requests'),
    createDenied: denialReason(auth.grants, contract.id, 'requests', 'manager'),
    status: contract.status,
    confirmDenied:
      contractStatusDenial(contract.status, 'confirm') ??
      (mayConfirmRequests({
        restrictsRequesters: contract.restricts_requesters,
        isRequester: contract.is_requester,
      })
        ? null
        : 'not_requester'),
    draftDenied: contractStatusDenial(contract.status, 'save_draft'),
    timeZone: contract.time_zone,
  }));
}

/** The contract, once the caller's right to see it is established by the caller. */
export async function getContract(deps: Deps, contractId: string) {
  const contract = await repository.findContract(deps.db, contractId);
  if (!contract) throw new DomainError('not_found', 'Contract not found');
  return contract;
}

const inactiveMessages: Record<ContractStatusDenial, string> = {
  contract_suspended:
    'Ce contrat est suspendu : aucune nouvelle demande ne peut être confirmée ni enregistrée.',
  contract_ended:
    'Ce contrat est terminé : aucune nouvelle demande ne peut être confirmée ni enregistrée.',
};

/** The coded refusal of a use the contract's status does not allow (409 `contract_inactive`). */
export function contractInactive(denial: ContractStatusDenial): DomainError {
  return new DomainError('contract_inactive', inactiveMessages[denial], [
    { path: 'contractId', rule: denial, message: inactiveMessages[denial] },
  ]);
}

/**
 * Refuses, before anything is written, a use that the contract's status does not allow
 * (`contractStatusDenial`): a suspended or ended contract takes no new request.
 */
export async function requireContractAllows(
  deps: Deps,
  contractId: string,
  use: ContractUse,
): Promise<void> {
  const contract = await repository.findContract(deps.db, contractId);
  if (!contract) throw new DomainError('not_found', 'Contract not found');
  const denial = contractStatusDenial(contract.status, use);
  if (denial) throw contractInactive(denial);
}

export async function freeChangesUsed(
  deps: Deps,
  contractId: string,
  month: string,
): Promise<number> {
  const used = await repository.usedFreeChanges(deps.db, [contractId], month);
  return used.get(contractId) ?? 0;
}
