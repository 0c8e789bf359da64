import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { ContractList, ErrorBody } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './contracts.service.ts';

export const contractsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/contracts',
    {
      schema: {
        tags: ['contracts'],
        summary: "The perimeter's contracts the user may see requests of, with free changes left",
        response: { 200: ContractList, 401: ErrorBody },
      },
    },
    async (request) => ({ items: await service.listContracts(deps, authOf(request)) }),
  );
  done();
};
