import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  AdminContractPage,
  AdminContractView,
  AdminCustomerPage,
  AdminCustomerView,
  AdminListQuery,
  ContractIdParams,
  ContractInput,
  ContractUpdate,
  CustomerInput,
  CustomerUpdate,
  ErrorBody,
  IdParams,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './provider-admin.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['customers and contracts'];

/**
 * Customers and contracts (`/api/back-office/customers`, `/api/back-office/contracts`):
 * operators whose role holds `manage_customers` (admins); anyone else is refused with 403.
 */
export const providerAdminRoutes: FastifyPluginCallbackZod<RouteDeps> = (
  app,
  { deps, config },
  done,
) => {
  app.get(
    '/api/back-office/customers',
    {
      schema: {
        tags,
        summary: 'Customers by name, searched by name, registration number or contract id',
        querystring: AdminListQuery,
        response: { 200: AdminCustomerPage, ...errors },
      },
    },
    async (request) => service.listCustomers(deps, authOf(request), request.query),
  );

  app.post(
    '/api/back-office/customers',
    {
      schema: {
        tags,
        summary: 'Create a customer',
        body: CustomerInput,
        response: { 201: AdminCustomerView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createCustomer(deps, authOf(request), request.body)),
  );

  app.get(
    '/api/back-office/customers/:id',
    {
      schema: {
        tags,
        summary: 'A customer with its contracts and users',
        params: IdParams,
        response: { 200: AdminCustomerView, ...errors },
      },
    },
    async (request) => service.getCustomer(deps, authOf(request), request.params.id),
  );

  app.patch(
    '/api/back-office/customers/:id',
    {
      schema: {
        tags,
        summary: 'Edit a customer, from the version read (409 when changed meanwhile)',
        params: IdParams,
        body: CustomerUpdate,
        response: { 200: AdminCustomerView, ...errors },
      },
    },
    async (request) =>
      service.updateCustomer(deps, authOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/back-office/contracts',
    {
      schema: {
        tags,
        summary: 'Contracts by id, searched by id or customer name',
        querystring: AdminListQuery,
        response: { 200: AdminContractPage, ...errors },
      },
    },
    async (request) => service.listContracts(deps, authOf(request), request.query),
  );

  app.post(
    '/api/back-office/contracts',
    {
      schema: {
        tags,
        summary: 'Create a contract, optionally naming its first referent (invited by mail)',
        body: ContractInput,
        response: { 201: AdminContractView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await service.createContract(deps, authOf(request), request.body, {
          publicUrl: config.publicUrl,
        }),
      ),
  );

  app.get(
    '/api/back-office/contracts/:contractId',
    {
      schema: {
        tags,
        summary: 'A contract with its customer, referent and counts',
        params: ContractIdParams,
        response: { 200: AdminContractView, ...errors },
      },
    },
    async (request) => service.getContract(deps, authOf(request), request.params.contractId),
  );

  app.patch(
    '/api/back-office/contracts/:contractId',
    {
      schema: {
        tags,
        summary: "Edit a contract's terms, status or days, from the version read",
        params: ContractIdParams,
        body: ContractUpdate,
        response: { 200: AdminContractView, ...errors },
      },
    },
    async (request) =>
      service.updateContract(deps, authOf(request), request.params.contractId, request.body),
  );
  done();
};
