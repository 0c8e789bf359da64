import {
  ChangePeriodInput,
  ChangePeriodList,
  ChangePeriodQuery,
  ChangePeriodUpdate,
  ChangePeriodView,
  IdParams,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './execution-windows.service.ts';

/**
 * The provider's freeze and maintenance periods (`/api/back-office/change-periods`, decision
 * 0037): operators whose role holds `manage_change_periods` (admins); anyone else 403.
 */
export const executionWindowsRoutes = routesPlugin({ tags: ['execution windows'] }, ({ deps }) => [
  route('GET /api/back-office/change-periods', {
    summary: 'Freeze and maintenance periods by start (those ended left out unless asked)',
    querystring: ChangePeriodQuery,
    ok: ChangePeriodList,
    handle: ({ auth, query }) => service.listPeriods(deps, auth, query),
  }),
  route('POST /api/back-office/change-periods', {
    summary: 'Declare a freeze or maintenance period, for an offer, a region, both or all',
    body: ChangePeriodInput,
    ok: ChangePeriodView,
    status: 201,
    handle: ({ auth, body }) => service.createPeriod(deps, auth, body),
  }),
  route('GET /api/back-office/change-periods/:id', {
    summary: 'A freeze or maintenance period',
    params: IdParams,
    ok: ChangePeriodView,
    handle: ({ auth, params }) => service.getPeriod(deps, auth, params.id),
  }),
  route('PUT /api/back-office/change-periods/:id', {
    summary: 'Edit a period, from the version read (409 when changed meanwhile)',
    params: IdParams,
    body: ChangePeriodUpdate,
    ok: ChangePeriodView,
    handle: ({ auth, params, body }) => service.updatePeriod(deps, auth, params.id, body),
  }),
  route('DELETE /api/back-office/change-periods/:id', {
    summary: 'Delete a period',
    params: IdParams,
    status: 204,
    handle: ({ auth, params }) => service.deletePeriod(deps, auth, params.id),
  }),
]);
