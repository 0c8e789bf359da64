import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AssetContractParams, CatalogList, CatalogQuery, ErrorBody } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from '../catalogs/catalogs.service.ts';
import * as inventory from './inventory.service.ts';

/**
 * The contract's catalogs, narrowed to one item's type: composed here, above both features
 * (inventory already builds on catalogs; catalogs knows nothing of the inventory).
 */
export const catalogsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
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
  done();
};
