import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachmentMaxBytes } from '@guichet/domain';
import type { Config } from './config.ts';
import type { Deps, RouteDeps } from './http/context.ts';
import { registerAuth } from './http/auth.ts';
import { registerCsrfProtection } from './http/csrf.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerInteractiveRequests } from './http/interactive-requests.ts';
import { openapiOptions } from './http/openapi.ts';
import { metricsAccess, registerOperations } from './http/operations.ts';
import { postgresRateLimitStore } from './http/rate-limit-store.ts';
import { registerRouteTable } from './http/route-table.ts';
import { registerWebFiles } from './http/static-files.ts';
import { guichetHeaderOptions, registerSecurityHeaders } from './http/security-headers.ts';
import { registerJsonBodyParser, registerTextBoundary } from './http/text-boundary.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { catalogsRoutes } from './features/inventory/contract-catalogs.routes.ts';
import { catalogAdminRoutes } from './features/catalog-admin/catalog-admin.routes.ts';
import { contractsRoutes } from './features/contracts/contracts.routes.ts';
import { inventoryRoutes } from './features/inventory/inventory.routes.ts';
import { inventorySyncRoutes } from './features/inventory-sync/inventory-sync.routes.ts';
import { requestsRoutes } from './features/requests/requests.routes.ts';
import { assetDetailRoutes } from './features/requests/asset-detail.routes.ts';
import { accountRoutes } from './features/account/account.routes.ts';
import { apiTokensRoutes } from './features/api-tokens/api-tokens.routes.ts';
import { contractRightsRoutes } from './features/contract-rights/contract-rights.routes.ts';
import { invitationsRoutes } from './features/invitations/invitations.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { sessionRoutes } from './features/session/session.routes.ts';
import { twoFactorRoutes } from './features/two-factor/two-factor.routes.ts';
import { signInSetupRoutes } from './features/session/sign-in-setup.routes.ts';
import { ssoRoutes } from './features/sso/sso.routes.ts';
import { backOfficeRoutes } from './features/back-office/back-office.routes.ts';
import { followUpRoutes } from './features/follow-up/follow-up.routes.ts';
import { approvalsRoutes } from './features/approvals/approvals.routes.ts';
import { notificationsRoutes } from './features/notifications/notifications.routes.ts';
import { providerAdminRoutes } from './features/provider-admin/provider-admin.routes.ts';
import { operatorAccountsRoutes } from './features/operator-accounts/operator-accounts.routes.ts';
import { statementsRoutes } from './features/statements/statements.routes.ts';
import { liveRoutes } from './features/live/live.routes.ts';
import { webhooksRoutes } from './features/webhooks/webhooks.routes.ts';
import { executionsRoutes } from './features/executions/executions.routes.ts';
import { serviceAccountsRoutes } from './features/service-accounts/service-accounts.routes.ts';
import { requestExportRoutes } from './features/requests/request-export.routes.ts';
import { queueExportRoutes } from './features/back-office/queue-export.routes.ts';
import { savedViewsRoutes } from './features/saved-views/saved-views.routes.ts';
import { questionsRoutes } from './features/questions/questions.routes.ts';
import { executionWindowsRoutes } from './features/execution-windows/execution-windows.routes.ts';
import { dueDatesRoutes } from './features/due-dates/due-dates.routes.ts';

export interface AppOptions {
  deps: Deps;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** The database `deps.db` connects to: the live stream listens on a connection of its own. */
  databaseUrl?: string;
}

/**
 * One log line per request, when it is answered, with what was asked: Fastify's default
 * writes a second one as it arrives, a write to the log per line (issue 6's profiles).
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = {
      req: { method: request.method, url: request.url },
      res: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

/** The whole HTTP application; never listens, so tests drive it with `inject()`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new OneLinePerRequest(),
    bodyLimit: 256 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: false } },
    trustProxy: options.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  registerRouteTable(app);
  registerInteractiveRequests(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = path.resolve(options.config.webDist);
  const servesWeb = existsSync(path.join(webDist, 'index.html'));
  registerErrorHandling(app, { servesWeb });
  registerJsonBodyParser(app);
  registerTextBoundary(app);

  await app.register(cookie);
  registerSecurityHeaders(app, guichetHeaderOptions({ https: options.config.secureCookies }));
  await app.register(swagger, openapiOptions);
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const routeDeps: RouteDeps = { deps: options.deps, config: options.config };
  registerOperations(app, options.deps, {
    metricsToken: options.config.metricsToken,
    metricsAccess: metricsAccess(options.config).access,
  });
  registerCsrfProtection(app);
  // Shared by every API process: the windows are kept in PostgreSQL (issue 18).
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(options.deps) });
  // Attachments: one file per request, 10 MB at most (http/uploads.ts refuses larger early).
  await app.register(multipart, {
    limits: { fileSize: attachmentMaxBytes, files: 1, fields: 5, parts: 6 },
  });
  registerAuth(app, options.deps);
  await app.register(sessionRoutes, routeDeps);
  await app.register(twoFactorRoutes, routeDeps);
  await app.register(signInSetupRoutes, routeDeps);
  await app.register(ssoRoutes, routeDeps);
  await app.register(contractsRoutes, routeDeps);
  await app.register(inventoryRoutes, routeDeps);
  await app.register(assetDetailRoutes, routeDeps);
  await app.register(inventorySyncRoutes, routeDeps);
  await app.register(catalogsRoutes, routeDeps);
  await app.register(catalogAdminRoutes, routeDeps);
  await app.register(requestsRoutes, routeDeps);
  await app.register(auditRoutes, routeDeps);
  await app.register(followUpRoutes, routeDeps);
  await app.register(approvalsRoutes, routeDeps);
  await app.register(notificationsRoutes, routeDeps);
  await app.register(backOfficeRoutes, routeDeps);
  await app.register(questionsRoutes, routeDeps);
  await app.register(executionWindowsRoutes, routeDeps);
  await app.register(providerAdminRoutes, routeDeps);
  await app.register(usersRoutes, routeDeps);
  await app.register(contractRightsRoutes, routeDeps);
  await app.register(accountRoutes, routeDeps);
  await app.register(apiTokensRoutes, routeDeps);
  await app.register(invitationsRoutes, routeDeps);
  await app.register(operatorAccountsRoutes, routeDeps);
  await app.register(statementsRoutes, routeDeps);
  await app.register(webhooksRoutes, routeDeps);
  await app.register(executionsRoutes, routeDeps);
  await app.register(serviceAccountsRoutes, routeDeps);
  await app.register(requestExportRoutes, routeDeps);
  await app.register(queueExportRoutes, routeDeps);
  await app.register(savedViewsRoutes, routeDeps);
  await app.register(dueDatesRoutes, routeDeps);
  await app.register(liveRoutes, { ...routeDeps, databaseUrl: options.databaseUrl ?? null });

  app.get('/api/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, () =>
    app.swagger(),
  );

  if (servesWeb) await registerWebFiles(app, webDist);
  return app;
}
