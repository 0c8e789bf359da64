import {
  CreateQueueViewBody,
  CreateRequestViewBody,
  IdParams,
  QueueView,
  QueueViewList,
  RequestView,
  RequestViewList,
  UpdateQueueViewBody,
  UpdateRequestViewBody,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './saved-views.service.ts';

/** Saved views of the customer's list and of the back-office's queue (decision 0033). */
export const savedViewsRoutes = routesPlugin(
  { tags: ['requests'], errors: [400, 401, 403, 404] },
  ({ deps }) => [
    route('GET /api/saved-views', {
      summary:
        'Your saved views of the requests list in this perimeter, and those shared with the readers of your contracts',
      ok: RequestViewList,
      handle: ({ auth }) => service.listRequestViews(deps, auth),
    }),
    route('POST /api/saved-views', {
      summary:
        'Save a named view (the list’s filters); `sharedContractId` shares it with the users who read that contract’s requests',
      body: CreateRequestViewBody,
      ok: RequestView,
      status: 201,
      errors: [400, 401, 403, 404, 409],
      handle: ({ auth, body }) => service.createRequestView(deps, auth, body),
    }),
    route('PATCH /api/saved-views/:id', {
      summary: 'Rename, re-share or change one of your saved views (another’s: 403)',
      params: IdParams,
      body: UpdateRequestViewBody,
      ok: RequestView,
      errors: [400, 401, 403, 404, 409],
      handle: ({ auth, params, body }) => service.updateRequestView(deps, auth, params.id, body),
    }),
    route('DELETE /api/saved-views/:id', {
      summary: 'Delete one of your saved views (another’s: 403)',
      params: IdParams,
      status: 204,
      handle: ({ auth, params }) => service.deleteRequestView(deps, auth, params.id),
    }),
    route('GET /api/back-office/saved-views', {
      tags: ['back-office'],
      summary: 'Your saved views of the queue, and those shared with operators — agents and admins',
      ok: QueueViewList,
      handle: ({ auth }) => service.listQueueViews(deps, auth),
    }),
    route('POST /api/back-office/saved-views', {
      tags: ['back-office'],
      summary:
        'Save a named view of the queue (filters and sort); `isShared` shows it to every operator',
      body: CreateQueueViewBody,
      ok: QueueView,
      status: 201,
      errors: [400, 401, 403, 404, 409],
      handle: ({ auth, body }) => service.createQueueView(deps, auth, body),
    }),
    route('PATCH /api/back-office/saved-views/:id', {
      tags: ['back-office'],
      summary: 'Rename, share or change one of your saved views of the queue (another’s: 403)',
      params: IdParams,
      body: UpdateQueueViewBody,
      ok: QueueView,
      errors: [400, 401, 403, 404, 409],
      handle: ({ auth, params, body }) => service.updateQueueView(deps, auth, params.id, body),
    }),
    route('DELETE /api/back-office/saved-views/:id', {
      tags: ['back-office'],
      summary: 'Delete one of your saved views of the queue (another’s: 403)',
      params: IdParams,
      status: 204,
      handle: ({ auth, params }) => service.deleteQueueView(deps, auth, params.id),
    }),
  ],
);
