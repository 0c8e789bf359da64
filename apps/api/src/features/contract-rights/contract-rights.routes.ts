import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ContractDetail,
  ContractParams,
  ContractRightsView,
  DesignateReferentBody,
  ErrorBody,
  RequestersBody,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './contract-rights.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const contractRightsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/contracts/:contractId',
    {
      schema: {
        tags: ['contracts'],
        summary: 'A contract: terms and referent (section Contrats, Visiteur and up)',
        params: ContractParams,
        response: { 200: ContractDetail, ...errors },
      },
    },
    async (request) => service.getContract(deps, authOf(request), request.params.contractId),
  );

  app.get(
    '/api/contracts/:contractId/rights',
    {
      schema: {
        tags: ['users'],
        summary:
          "The contract's referent and authorised requesters, and what you may do about them (any right on the contract)",
        params: ContractParams,
        response: { 200: ContractRightsView, ...errors },
      },
    },
    async (request) => service.getRights(deps, authOf(request), request.params.contractId),
  );

  app.put(
    '/api/contracts/:contractId/referent',
    {
      schema: {
        tags: ['users'],
        summary:
          'Designate the next referent (current referent only; the new one must already hold rights on the contract; optionally remove the former referent’s rights). Not with an API token',
        params: ContractParams,
        body: DesignateReferentBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.designateReferent(
        deps,
        authOf(request),
        request.params.contractId,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/contracts/:contractId/requesters',
    {
      schema: {
        tags: ['users'],
        summary:
          'Keep a list of authorised requesters (only they confirm change requests), or stop keeping one (Gestionnaire on Utilisateurs)',
        params: ContractParams,
        body: RequestersBody,
        response: { 200: ContractRightsView, ...errors },
      },
    },
    async (request) =>
      service.setRequesters(deps, authOf(request), request.params.contractId, request.body),
  );
  done();
};
