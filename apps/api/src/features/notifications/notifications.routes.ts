import {
  MarkNotificationsReadBody,
  NotificationList,
  NotificationListQuery,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './notifications.service.ts';

/** The bell: the caller's latest notifications and how many are unread. */
export const notificationsRoutes = routesPlugin(
  { tags: ['notifications'], errors: [400, 401] },
  ({ deps }) => [
    route('GET /api/notifications', {
      summary: 'Your latest notifications, newest first, and the number unread',
      querystring: NotificationListQuery,
      ok: NotificationList,
      handle: ({ auth, query }) => service.listNotifications(deps, auth, query.limit),
    }),
    route('POST /api/notifications/read', {
      summary: 'Mark notifications read (all of yours when `ids` is left out)',
      body: MarkNotificationsReadBody,
      status: 204,
      handle: ({ auth, body }) => service.markNotificationsRead(deps, auth, body.ids),
    }),
  ],
);
