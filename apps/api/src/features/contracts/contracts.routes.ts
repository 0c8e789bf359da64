import { ContractList } from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './contracts.service.ts';

export const contractsRoutes = routesPlugin({ tags: ['contracts'], errors: [401] }, ({ deps }) => [
  route('GET /api/contracts', {
    summary: "The perimeter's contracts the user may see requests of, with free changes left",
    ok: ContractList,
    handle: async ({ auth }) => ({ items: await service.listContracts(deps, auth) }),
  }),
]);
