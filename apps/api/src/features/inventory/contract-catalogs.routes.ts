import { AssetContractParams, CatalogList, CatalogQuery } from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from '../catalogs/catalogs.service.ts';
import * as inventory from './inventory.service.ts';

/**
 * The contract's catalogs, narrowed to one item's type: composed here, above both features
 * (inventory already builds on catalogs; catalogs knows nothing of the inventory).
 */
export const catalogsRoutes = routesPlugin(
  { tags: ['catalogs'], errors: [400, 401, 404] },
  ({ deps }) => [
    route('GET /api/contracts/:contractId/catalogs', {
      summary: 'Change catalogs of the contract (with assetId: those available for that item)',
      params: AssetContractParams,
      querystring: CatalogQuery,
      ok: CatalogList,
      handle: async ({ auth, params: { contractId }, query }) => {
        const asset = query.assetId
          ? await inventory.assetOfContract(deps, contractId, query.assetId)
          : null;
        return { items: await service.catalogsFor(deps, auth, contractId, asset?.type) };
      },
    }),
  ],
);
