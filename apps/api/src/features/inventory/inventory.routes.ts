import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssetContractParams,
  AssetDetail,
  AssetPage,
  AssetSearchQuery,
  ErrorBody,
  IdParams,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../app.ts';
import * as requests from '../requests/requests.service.ts';
import * as service from './inventory.service.ts';

export const inventoryRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { deps }) => {
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
      const asset = await service.getAsset(deps, authOf(request), request.params.id);
      return {
        ...service.toAssetView(asset),
        openRequests: await requests.openRequestsOnAsset(deps, asset.id),
      };
    },
  );
};
