import { AssetDetail, IdParams } from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as inventory from '../inventory/inventory.service.ts';
import * as service from './requests.service.ts';

/**
 * An inventory item with its open change requests: composed here, above both features
 * (requests build on the inventory; the inventory knows nothing of the requests).
 */
export const assetDetailRoutes = routesPlugin(
  { tags: ['inventory'], errors: [400, 401, 404] },
  ({ deps }) => [
    route('GET /api/assets/:id', {
      summary: 'An inventory item with its open change requests',
      params: IdParams,
      ok: AssetDetail,
      handle: async ({ auth, params }) => {
        const asset = await inventory.getAsset(deps, auth, params.id);
        return {
          ...inventory.toAssetView(asset),
          openRequests: await service.openRequestsOnAsset(deps, asset.id),
        };
      },
    }),
  ],
);
