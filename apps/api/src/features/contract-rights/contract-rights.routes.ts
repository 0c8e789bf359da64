import {
  ContractDetail,
  ContractParams,
  ContractRightsView,
  DesignateReferentBody,
  RequestersBody,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './contract-rights.service.ts';

export const contractRightsRoutes = routesPlugin({ tags: ['users'] }, ({ deps }) => [
  route('GET /api/contracts/:contractId', {
    tags: ['contracts'],
    summary: 'A contract: terms and referent (section Contrats, Visiteur and up)',
    params: ContractParams,
    ok: ContractDetail,
    handle: ({ auth, params }) => service.getContract(deps, auth, params.contractId),
  }),
  route('GET /api/contracts/:contractId/rights', {
    summary:
      "The contract's referent and authorised requesters, and what you may do about them (any right on the contract)",
    params: ContractParams,
    ok: ContractRightsView,
    handle: ({ auth, params }) => service.getRights(deps, auth, params.contractId),
  }),
  route('PUT /api/contracts/:contractId/referent', {
    summary:
      'Designate the next referent (current referent only; the new one must already hold rights on the contract; optionally remove the former referent’s rights). Not with an API token',
    params: ContractParams,
    body: DesignateReferentBody,
    status: 204,
    handle: ({ auth, params, body }) =>
      service.designateReferent(deps, auth, params.contractId, body),
  }),
  route('PUT /api/contracts/:contractId/requesters', {
    summary:
      'Keep a list of authorised requesters (only they confirm change requests), or stop keeping one (Gestionnaire on Utilisateurs)',
    params: ContractParams,
    body: RequestersBody,
    ok: ContractRightsView,
    handle: ({ auth, params, body }) => service.setRequesters(deps, auth, params.contractId, body),
  }),
]);
