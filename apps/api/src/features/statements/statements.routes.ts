import {
  BackOfficeStatementsPage,
  BackOfficeStatementsQuery,
  ContractStatementList,
  ContractStatementsParams,
  CsvMonthQuery,
  CsvQuery,
  StatementDetail,
  StatementParams,
} from '@guichet/contracts';
import { sendCsv } from '../../http/csv-reply.ts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import type { RouteCall } from '../../http/route-definition.ts';
import * as service from './statements.service.ts';

type MonthCsvCall = RouteCall<typeof StatementParams, typeof CsvQuery, undefined>;

const csvNote =
  ' CSV: UTF-8 with a byte-order mark, a header row, amounts with a dot and two decimals, `?separator=semicolon` for spreadsheets set to French; text cells starting with = + - @ are prefixed with an apostrophe.';

/** Monthly statements (decision 0017): the back-office's across contracts, the customer's own. */
export const statementsRoutes = routesPlugin(
  { tags: ['back-office'], errors: [400, 401, 403, 404] },
  ({ deps }) => {
    /** A contract's month as CSV, from the route's params and `?separator=`. */
    const monthCsv =
      (reader: service.StatementReader) =>
      async ({ auth, params, query, reply }: MonthCsvCall) =>
        sendCsv(
          reply,
          await service.exportStatement(
            deps,
            auth,
            reader,
            params.contractId,
            params.month,
            query.separator,
          ),
        );
    return [
      route('GET /api/back-office/statements', {
        summary:
          'Every contract’s statement for a month (closed or provisional), by customer, with the totals of all the contracts found — agents and admins',
        querystring: BackOfficeStatementsQuery,
        ok: BackOfficeStatementsPage,
        handle: ({ auth, query }) => service.listBackOfficeStatements(deps, auth, query),
      }),
      route('GET /api/back-office/statements.csv', {
        summary: `Every contract’s billed lines of a month, as CSV — agents and admins.${csvNote}`,
        querystring: CsvMonthQuery,
        produces: ['text/csv'],
        handle: async ({ auth, query, reply }) =>
          sendCsv(
            reply,
            await service.exportBackOfficeStatements(deps, auth, query.month, query.separator),
          ),
      }),
      route('GET /api/back-office/statements/:contractId/:month', {
        summary: 'A contract’s statement for a month, with its lines — agents and admins',
        params: StatementParams,
        ok: StatementDetail,
        handle: ({ auth, params }) =>
          service.getStatement(deps, auth, 'back-office', params.contractId, params.month),
      }),
      route('GET /api/back-office/statements/:contractId/:month/csv', {
        summary: `A contract’s statement for a month, as CSV — agents and admins.${csvNote}`,
        params: StatementParams,
        querystring: CsvQuery,
        produces: ['text/csv'],
        handle: monthCsv('back-office'),
      }),
      route('GET /api/contracts/:contractId/statements', {
        tags: ['statements'],
        summary:
          'The contract’s monthly statements: months with something billed or used, and the current one, newest first — Gestionnaire on Contrats (a Visiteur: 403)',
        params: ContractStatementsParams,
        ok: ContractStatementList,
        handle: ({ auth, params }) => service.listContractStatements(deps, auth, params.contractId),
      }),
      route('GET /api/contracts/:contractId/statements/:month', {
        tags: ['statements'],
        summary:
          'The contract’s statement for a month, with its lines — Gestionnaire on Contrats (a Visiteur: 403)',
        params: StatementParams,
        ok: StatementDetail,
        handle: ({ auth, params }) =>
          service.getStatement(deps, auth, 'customer', params.contractId, params.month),
      }),
      route('GET /api/contracts/:contractId/statements/:month/csv', {
        tags: ['statements'],
        summary: `The contract’s statement for a month, as CSV — Gestionnaire on Contrats.${csvNote}`,
        params: StatementParams,
        querystring: CsvQuery,
        produces: ['text/csv'],
        handle: monthCsv('customer'),
      }),
    ];
  },
);
