import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AssetContractParams, AssetPage, AssetSearchQuery, ErrorBody } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './inventory.service.ts';

export const inventoryRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/contracts/:contractId/assets',
    {
      schema: {
        tags: ['inventory'],
        summary: "Search the contract's inventory items by reference or label (one page)",
        params: AssetContractParams,
        querystring: AssetSearchQuery,
        response: { 200: AssetPage, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) =>
      service.searchAssets(deps, authOf(request), request.params.contractId, request.query),
  );
  done();
};
