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
  IdParams,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './provider-admin.service.ts';

/**
 * Customers and contracts (`/api/back-office/customers`, `/api/back-office/contracts`):
 * operators whose role holds `manage_customers` (admins); anyone else is refused with 403.
 */
export const providerAdminRoutes = routesPlugin(
  { tags: ['customers and contracts'] },
  ({ deps, config }) => [
    route('GET /api/back-office/customers', {
      summary: 'Customers by name, searched by name, registration number or contract id',
      querystring: AdminListQuery,
      ok: AdminCustomerPage,
      handle: ({ auth, query }) => service.listCustomers(deps, auth, query),
    }),
    route('POST /api/back-office/customers', {
      summary: 'Create a customer',
      body: CustomerInput,
      ok: AdminCustomerView,
      status: 201,
      handle: ({ auth, body }) => service.createCustomer(deps, auth, body),
    }),
    route('GET /api/back-office/customers/:id', {
      summary: 'A customer with its contracts and users',
      params: IdParams,
      ok: AdminCustomerView,
      handle: ({ auth, params }) => service.getCustomer(deps, auth, params.id),
    }),
    route('PATCH /api/back-office/customers/:id', {
      summary: 'Edit a customer, from the version read (409 when changed meanwhile)',
      params: IdParams,
      body: CustomerUpdate,
      ok: AdminCustomerView,
      handle: ({ auth, params, body }) => service.updateCustomer(deps, auth, params.id, body),
    }),
    route('GET /api/back-office/contracts', {
      summary: 'Contracts by id, searched by id or customer name',
      querystring: AdminListQuery,
      ok: AdminContractPage,
      handle: ({ auth, query }) => service.listContracts(deps, auth, query),
    }),
    route('POST /api/back-office/contracts', {
      summary: 'Create a contract, optionally naming its first referent (invited by mail)',
      body: ContractInput,
      ok: AdminContractView,
      status: 201,
      handle: ({ auth, body }) =>
        service.createContract(deps, auth, body, { publicUrl: config.publicUrl }),
    }),
    route('GET /api/back-office/contracts/:contractId', {
      summary: 'A contract with its customer, referent and counts',
      params: ContractIdParams,
      ok: AdminContractView,
      handle: ({ auth, params }) => service.getContract(deps, auth, params.contractId),
    }),
    route('PATCH /api/back-office/contracts/:contractId', {
      summary: "Edit a contract's terms, status or days, from the version read",
      params: ContractIdParams,
      body: ContractUpdate,
      ok: AdminContractView,
      handle: ({ auth, params, body }) =>
        service.updateContract(deps, auth, params.contractId, body),
    }),
  ],
);
