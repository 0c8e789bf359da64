import { AuditPage, AuditQuery } from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './audit.service.ts';

export const auditRoutes = routesPlugin(
  { tags: ['back-office'], errors: [400, 401, 403] },
  ({ deps }) => [
    route('GET /api/back-office/audit', {
      summary:
        'Security events (logins, failures, locks, rights, tokens…), newest first — admins only',
      querystring: AuditQuery,
      ok: AuditPage,
      handle: ({ auth, query }) => service.listAudit(deps, auth, query),
    }),
  ],
);
