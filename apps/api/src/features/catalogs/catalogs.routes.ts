import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AssetContractParams, CatalogList, CatalogQuery, ErrorBody } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../app.ts';
import * as inventory from '../inventory/inventory.service.ts';
import * as service from './catalogs.service.ts';

export const catalogsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { deps }) => {
  app.get(
    '/api/contracts/:contractId/catalogs',
    {
      schema: {
        tags: ['catalogs'],
        summary: 'Change catalogs of the contract (with assetId: those available for that item)',
        params: AssetContractParams,
        querystring: CatalogQuery,
        response: { 200: CatalogList, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { contractId } = request.params;
      const asset = request.query.assetId
        ? await inventory.assetOfContract(deps, contractId, request.query.assetId)
        : null;
      return { items: await service.catalogsFor(deps, auth, contractId, asset?.type) };
    },
  );
};
