import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBody,
  MarkNotificationsReadBody,
  NotificationList,
  NotificationListQuery,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './notifications.service.ts';

/** The bell: the caller's latest notifications and how many are unread. */
export const notificationsRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your latest notifications, newest first, and the number unread',
        querystring: NotificationListQuery,
        response: { 200: NotificationList, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => service.listNotifications(deps, authOf(request), request.query.limit),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read (all of yours when `ids` is left out)',
        body: MarkNotificationsReadBody,
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      await service.markNotificationsRead(deps, authOf(request), request.body.ids);
      return reply.status(204).send(null);
    },
  );
  done();
};
