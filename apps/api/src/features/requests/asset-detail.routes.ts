import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AssetDetail, ErrorBody, IdParams } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as inventory from '../inventory/inventory.service.ts';
import * as service from './requests.service.ts';

/**
 * An inventory item with its open change requests: composed here, above both features
 * (requests build on the inventory; the inventory knows nothing of the requests).
 */
export const assetDetailRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/assets/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'An inventory item with its open change requests',
        params: IdParams,
        response: { 200: AssetDetail, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const asset = await inventory.getAsset(deps, authOf(request), request.params.id);
      return {
        ...inventory.toAssetView(asset),
        openRequests: await service.openRequestsOnAsset(deps, asset.id),
      };
    },
  );
  done();
};
