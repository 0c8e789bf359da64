import { AssetContractParams, AssetPage, AssetSearchQuery } from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './inventory.service.ts';

export const inventoryRoutes = routesPlugin(
  { tags: ['inventory'], errors: [400, 401, 404] },
  ({ deps }) => [
    route('GET /api/contracts/:contractId/assets', {
      summary: "Search the contract's inventory items by reference or label (one page)",
      params: AssetContractParams,
      querystring: AssetSearchQuery,
      ok: AssetPage,
      handle: ({ auth, params, query }) =>
        service.searchAssets(deps, auth, params.contractId, query),
    }),
  ],
);
