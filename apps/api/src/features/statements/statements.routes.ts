import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  BackOfficeStatementsPage,
  BackOfficeStatementsQuery,
  ContractStatementList,
  ContractStatementsParams,
  CsvMonthQuery,
  CsvQuery,
  ErrorBody,
  StatementDetail,
  StatementParams,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import { sendCsv } from '../../http/csv-reply.ts';
import * as service from './statements.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const csvNote =
  ' CSV: UTF-8 with a byte-order mark, a header row, amounts with a dot and two decimals, `?separator=semicolon` for spreadsheets set to French; text cells starting with = + - @ are prefixed with an apostrophe.';

/** Monthly statements (decision 0017): the back-office's across contracts, the customer's own. */
export const statementsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/back-office/statements',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Every contract’s statement for a month (closed or provisional), by customer, with the totals of all the contracts found — agents and admins',
        querystring: BackOfficeStatementsQuery,
        response: { 200: BackOfficeStatementsPage, ...errors },
      },
    },
    async (request) => service.listBackOfficeStatements(deps, authOf(request), request.query),
  );

  app.get(
    '/api/back-office/statements.csv',
    {
      schema: {
        tags: ['back-office'],
        summary: `Every contract’s billed lines of a month, as CSV — agents and admins.${csvNote}`,
        querystring: CsvMonthQuery,
        produces: ['text/csv'],
        response: { ...errors },
      },
    },
    async (request, reply) =>
      sendCsv(
        reply,
        await service.exportBackOfficeStatements(
          deps,
          authOf(request),
          request.query.month,
          request.query.separator,
        ),
      ),
  );

  app.get(
    '/api/back-office/statements/:contractId/:month',
    {
      schema: {
        tags: ['back-office'],
        summary: 'A contract’s statement for a month, with its lines — agents and admins',
        params: StatementParams,
        response: { 200: StatementDetail, ...errors },
      },
    },
    async (request) =>
      service.getBackOfficeStatement(
        deps,
        authOf(request),
        request.params.contractId,
        request.params.month,
      ),
  );

  app.get(
    '/api/back-office/statements/:contractId/:month/csv',
    {
      schema: {
        tags: ['back-office'],
        summary: `A contract’s statement for a month, as CSV — agents and admins.${csvNote}`,
        params: StatementParams,
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: { ...errors },
      },
    },
    async (request, reply) =>
      sendCsv(
        reply,
        await service.exportBackOfficeStatement(
          deps,
          authOf(request),
          request.params.contractId,
          request.params.month,
          request.query.separator,
        ),
      ),
  );

  app.get(
    '/api/contracts/:contractId/statements',
    {
      schema: {
        tags: ['statements'],
        summary:
          'The contract’s monthly statements: months with something billed or used, and the current one, newest first — Gestionnaire on Contrats (a Visiteur: 403)',
        params: ContractStatementsParams,
        response: { 200: ContractStatementList, ...errors },
      },
    },
    async (request) =>
      service.listContractStatements(deps, authOf(request), request.params.contractId),
  );

  app.get(
    '/api/contracts/:contractId/statements/:month',
    {
      schema: {
        tags: ['statements'],
        summary:
          'The contract’s statement for a month, with its lines — Gestionnaire on Contrats (a Visiteur: 403)',
        params: StatementParams,
        response: { 200: StatementDetail, ...errors },
      },
    },
    async (request) =>
      service.getContractStatement(
        deps,
        authOf(request),
        request.params.contractId,
        request.params.month,
      ),
  );

  app.get(
    '/api/contracts/:contractId/statements/:month/csv',
    {
      schema: {
        tags: ['statements'],
        summary: `The contract’s statement for a month, as CSV — Gestionnaire on Contrats.${csvNote}`,
        params: StatementParams,
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: { ...errors },
      },
    },
    async (request, reply) =>
      sendCsv(
        reply,
        await service.exportContractStatement(
          deps,
          authOf(request),
          request.params.contractId,
          request.params.month,
          request.query.separator,
        ),
      ),
  );
  done();
};
