import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery, ErrorBody } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './audit.service.ts';

export const auditRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/back-office/audit',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Security events (logins, failures, locks, rights, tokens…), newest first — admins only',
        querystring: AuditQuery,
        response: { 200: AuditPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.listAudit(deps, authOf(request), request.query),
  );
  done();
};
