import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as contracts from '@guichet/contracts';
import { sessionCookie } from './auth.ts';

/**
 * The OpenAPI 3.1 document (ADR 0022): the routes' zod schemas, each contract schema named
 * once under `components/schemas` by its export name, an `operationId` and the security of
 * every operation decided here, in one place, from the route table and the route's config.
 */

/**
 * Every operation's `operationId`, by route (`METHOD url` as registered). A route missing
 * here fails the document (and so `npm run openapi` and its tests): whoever adds a route
 * names its operation, as the authorization matrix asks who may call it.
 */
const operationIds: Readonly<Record<string, string>> = {
  'POST /api/session': 'logIn',
  'GET /api/session': 'getSession',
  'GET /api/session/current': 'getCurrentSession',
  'DELETE /api/session': 'logOut',
  'PUT /api/session/perimeter': 'choosePerimeter',
  'PUT /api/session/locale': 'chooseLocale',
  'POST /api/session/second-factor': 'completeSignIn',
  'GET /api/account/two-factor': 'getTwoFactorStatus',
  'POST /api/account/two-factor/setup': 'startTwoFactorSetup',
  'POST /api/account/two-factor/confirm': 'confirmTwoFactorSetup',
  'POST /api/account/two-factor/disable': 'disableTwoFactor',
  'GET /api/account/sessions': 'listMySessions',
  'DELETE /api/account/sessions/:id': 'endMySession',
  'POST /api/account/sessions/end-others': 'endMyOtherSessions',
  'POST /api/back-office/users/:id/end-sessions': 'endSessionsOfUser',
  'POST /api/session/second-factor/setup': 'startTwoFactorSetupAtSignIn',
  'POST /api/session/second-factor/setup/confirm': 'confirmTwoFactorSetupAtSignIn',
  'GET /api/sso/offers': 'listSsoOffers',
  'GET /api/sso/customers/:id/start': 'startCustomerSso',
  'GET /api/sso/operators/start': 'startOperatorSso',
  'GET /api/sso/callback': 'finishSso',
  'POST /api/sso/logout': 'logOutEverywhere',
  'GET /api/back-office/customers/:id/sign-in': 'getCustomerSignInSettings',
  'PUT /api/back-office/customers/:id/sso': 'putCustomerSso',
  'DELETE /api/back-office/customers/:id/sso': 'deleteCustomerSso',
  'PUT /api/back-office/customers/:id/two-factor-policy': 'setCustomerTwoFactorPolicy',
  'POST /api/back-office/users/:id/reset-two-factor': 'resetTwoFactorOfUser',

  'GET /api/contracts': 'listContracts',
  'GET /api/contracts/:contractId': 'getContract',
  'GET /api/contracts/:contractId/assets': 'searchAssets',
  'GET /api/assets/:id': 'getAsset',
  'GET /api/contracts/:contractId/catalogs': 'listCatalogs',

  'GET /api/requests': 'listRequests',
  'POST /api/requests': 'createRequest',
  'POST /api/requests/preview': 'previewRequest',
  'POST /api/requests/dry-run': 'dryRunRequest',
  'GET /api/requests/:id': 'getRequest',
  'PUT /api/requests/:id': 'saveDraft',
  'DELETE /api/requests/:id': 'deleteDraft',
  'POST /api/requests/:id/confirm': 'confirmRequest',
  'GET /api/requests/:id/follow-up': 'getRequestFollowUp',
  'POST /api/requests/:id/cancel': 'cancelRequest',
  'POST /api/requests/:id/quotes/:quoteId/accept': 'acceptQuote',
  'POST /api/requests/:id/quotes/:quoteId/refuse': 'refuseQuote',
  'POST /api/requests/:id/comments': 'addComment',
  'POST /api/requests/:id/attachments': 'uploadAttachment',
  'GET /api/requests/:id/attachments/:attachmentId': 'downloadAttachment',

  'GET /api/notifications': 'listNotifications',
  'POST /api/notifications/read': 'markNotificationsRead',
  'GET /api/events': 'streamLiveEvents',

  'GET /api/users': 'listUsers',
  'POST /api/users': 'addUser',
  'GET /api/users/:id': 'getUser',
  'PUT /api/users/:id/contracts/:contractId': 'setUserAccess',
  'DELETE /api/users/:id/contracts/:contractId': 'removeUserAccess',
  'POST /api/users/:id/invitation': 'resendInvitation',
  'GET /api/contracts/:contractId/rights': 'getContractRights',
  'PUT /api/contracts/:contractId/referent': 'designateReferent',
  'PUT /api/contracts/:contractId/requesters': 'setRequesters',
  'GET /api/invitations/:token': 'getInvitation',
  'POST /api/invitations/:token/accept': 'acceptInvitation',

  'GET /api/account': 'getAccount',
  'PUT /api/account/contact': 'updateContact',
  'PUT /api/account/password': 'changePassword',
  'GET /api/account/api-tokens': 'listApiTokens',
  'POST /api/account/api-tokens': 'createApiToken',
  'DELETE /api/account/api-tokens/:id': 'revokeApiToken',

  'GET /api/contracts/:contractId/statements': 'listContractStatements',
  'GET /api/contracts/:contractId/statements/:month': 'getContractStatement',
  'GET /api/contracts/:contractId/statements/:month/csv': 'exportContractStatementCsv',

  'GET /api/back-office/requests': 'listQueue',
  'GET /api/back-office/filters': 'getQueueFilters',
  'GET /api/back-office/assignees': 'listAssignees',
  'GET /api/back-office/requests/:id': 'getBackOfficeRequest',
  'POST /api/back-office/requests/:id/take': 'takeRequest',
  'PUT /api/back-office/requests/:id/assignee': 'assignRequest',
  'POST /api/back-office/requests/:id/start-review': 'startReview',
  'POST /api/back-office/requests/:id/ask-quote': 'askQuote',
  'POST /api/back-office/requests/:id/complete': 'completeRequest',
  'POST /api/back-office/requests/:id/reject': 'rejectRequest',
  'POST /api/back-office/requests/:id/schedule': 'scheduleRequest',
  'POST /api/back-office/requests/:id/quotes': 'sendQuote',
  'POST /api/back-office/requests/:id/comments': 'addOperatorComment',
  'POST /api/back-office/requests/:id/attachments': 'uploadOperatorAttachment',
  'GET /api/back-office/requests/:id/attachments/:attachmentId': 'downloadOperatorAttachment',
  'GET /api/back-office/outbox': 'listOutbox',
  'GET /api/back-office/outbox/:id': 'getOutboxMail',
  'GET /api/back-office/audit': 'listAuditEvents',

  'GET /api/back-office/catalogs': 'listAuthoredCatalogs',
  'POST /api/back-office/catalogs': 'createCatalog',
  'GET /api/back-office/catalogs/export': 'exportCatalogs',
  'POST /api/back-office/catalogs/import': 'importCatalogs',
  'GET /api/back-office/catalogs/:id': 'getAuthoredCatalog',
  'PUT /api/back-office/catalogs/:id': 'updateCatalog',
  'POST /api/back-office/catalogs/:id/categories': 'addCategory',
  'PUT /api/back-office/categories/:id': 'updateCategory',
  'POST /api/back-office/catalogs/:id/articles': 'addArticle',
  'GET /api/back-office/articles/:id': 'getArticle',
  'PUT /api/back-office/articles/:id': 'moveArticle',
  'PUT /api/back-office/articles/:id/draft': 'saveArticleDraft',
  'POST /api/back-office/articles/:id/discard': 'discardArticleDraft',
  'POST /api/back-office/articles/:id/publish': 'publishArticle',
  'GET /api/back-office/articles/:id/versions/:version': 'getArticleVersion',
  'GET /api/back-office/articles/:id/preview': 'previewArticle',

  'GET /api/back-office/customers': 'listCustomers',
  'POST /api/back-office/customers': 'createCustomer',
  'GET /api/back-office/customers/:id': 'getCustomer',
  'PATCH /api/back-office/customers/:id': 'updateCustomer',
  'GET /api/back-office/contracts': 'listAdminContracts',
  'POST /api/back-office/contracts': 'createContract',
  'GET /api/back-office/contracts/:contractId': 'getAdminContract',
  'PATCH /api/back-office/contracts/:contractId': 'updateContract',

  'GET /api/back-office/operators': 'listOperators',
  'POST /api/back-office/operators': 'inviteOperator',
  'GET /api/back-office/operators/:id': 'getOperator',
  'PATCH /api/back-office/operators/:id': 'changeOperatorRole',
  'POST /api/back-office/operators/:id/deactivate': 'deactivateOperator',
  'POST /api/back-office/operators/:id/reactivate': 'reactivateOperator',
  'GET /api/back-office/api-tokens': 'listOperatorApiTokens',
  'POST /api/back-office/api-tokens': 'createOperatorApiToken',
  'DELETE /api/back-office/api-tokens/:id': 'revokeOperatorApiToken',

  'GET /api/back-office/statements': 'listBackOfficeStatements',
  'GET /api/back-office/statements.csv': 'exportBackOfficeStatementsCsv',
  'GET /api/back-office/statements/:contractId/:month': 'getBackOfficeStatement',
  'GET /api/back-office/statements/:contractId/:month/csv': 'exportBackOfficeStatementCsv',

  'POST /api/back-office/inventory/sync': 'syncInventory',
  'GET /api/back-office/inventory/sync-runs': 'listInventorySyncRuns',
  'GET /api/back-office/inventory/sync-runs/:id': 'getInventorySyncRun',

  'GET /api/back-office/webhooks': 'listBackOfficeWebhooks',
  'POST /api/back-office/webhooks': 'createBackOfficeWebhook',
  'GET /api/back-office/webhooks/:id': 'getBackOfficeWebhook',
  'PATCH /api/back-office/webhooks/:id': 'updateBackOfficeWebhook',
  'DELETE /api/back-office/webhooks/:id': 'deleteBackOfficeWebhook',
  'POST /api/back-office/webhooks/:id/rotate-secret': 'rotateBackOfficeWebhookSecret',
  'GET /api/back-office/webhooks/:id/deliveries': 'listBackOfficeWebhookDeliveries',
  'POST /api/back-office/webhooks/:id/messages/:messageId/replay': 'replayBackOfficeWebhookMessage',
  'POST /api/back-office/requests/:id/execution': 'answerExecution',
  'GET /api/back-office/requests/:id/execution': 'getExecution',
  'GET /api/back-office/executors': 'listExecutors',
  'POST /api/back-office/requests/:id/questions': 'askQuestion',
  'GET /api/back-office/requests/:id/questions': 'listBackOfficeQuestions',
  'GET /api/requests/:id/questions': 'listRequestQuestions',
  'POST /api/requests/:id/questions/:questionId/answer': 'answerQuestion',
  'GET /api/back-office/change-periods': 'listChangePeriods',
  'POST /api/back-office/change-periods': 'createChangePeriod',
  'GET /api/back-office/change-periods/:id': 'getChangePeriod',
  'PUT /api/back-office/change-periods/:id': 'updateChangePeriod',
  'DELETE /api/back-office/change-periods/:id': 'deleteChangePeriod',
  'GET /api/back-office/articles/:id/versions/:version/execution': 'getArticleExecution',
  'PUT /api/back-office/articles/:id/versions/:version/execution': 'setArticleExecution',
  'GET /api/webhooks': 'listWebhooks',
  'POST /api/webhooks': 'createWebhook',
  'GET /api/webhooks/:id': 'getWebhook',
  'PATCH /api/webhooks/:id': 'updateWebhook',
  'DELETE /api/webhooks/:id': 'deleteWebhook',
  'POST /api/webhooks/:id/rotate-secret': 'rotateWebhookSecret',
  'GET /api/webhooks/:id/deliveries': 'listWebhookDeliveries',
  'POST /api/webhooks/:id/messages/:messageId/replay': 'replayWebhookMessage',
  'GET /api/back-office/service-accounts': 'listBackOfficeServiceAccounts',
  'POST /api/back-office/service-accounts': 'createBackOfficeServiceAccount',
  'GET /api/back-office/service-accounts/:id': 'getBackOfficeServiceAccount',
  'PUT /api/back-office/service-accounts/:id/role': 'setBackOfficeServiceAccountRole',
  'POST /api/back-office/service-accounts/:id/deactivate': 'deactivateBackOfficeServiceAccount',
  'POST /api/back-office/service-accounts/:id/tokens': 'issueBackOfficeServiceAccountToken',
  'POST /api/back-office/service-accounts/:id/tokens/:tokenId/rotate':
    'rotateBackOfficeServiceAccountToken',
  'POST /api/back-office/service-accounts/:id/tokens/:tokenId/revoke':
    'revokeBackOfficeServiceAccountToken',
  'GET /api/service-accounts': 'listServiceAccounts',
  'POST /api/service-accounts': 'createServiceAccount',
  'GET /api/service-accounts/:id': 'getServiceAccount',
  'PUT /api/service-accounts/:id/grants': 'setServiceAccountGrants',
  'POST /api/service-accounts/:id/deactivate': 'deactivateServiceAccount',
  'POST /api/service-accounts/:id/tokens': 'issueServiceAccountToken',
  'POST /api/service-accounts/:id/tokens/:tokenId/rotate': 'rotateServiceAccountToken',
  'POST /api/service-accounts/:id/tokens/:tokenId/revoke': 'revokeServiceAccountToken',

  'GET /api/requests.csv': 'exportRequestsCsv',
  'GET /api/back-office/requests.csv': 'exportQueueCsv',
  'GET /api/saved-views': 'listRequestViews',
  'POST /api/saved-views': 'createRequestView',
  'PATCH /api/saved-views/:id': 'updateRequestView',
  'DELETE /api/saved-views/:id': 'deleteRequestView',
  'GET /api/back-office/saved-views': 'listQueueViews',
  'POST /api/back-office/saved-views': 'createQueueView',
  'PATCH /api/back-office/saved-views/:id': 'updateQueueView',
  'DELETE /api/back-office/saved-views/:id': 'deleteQueueView',
  // Issue 20, decision 0034: approvals on the customer's side.
  'GET /api/contracts/:contractId/approval-rules': 'getApprovalRules',
  'PUT /api/contracts/:contractId/approval-rules': 'setApprovalRules',
  'GET /api/approvals': 'listPendingApprovals',
  'GET /api/requests/:id/approval': 'getRequestApproval',
  'POST /api/requests/:id/approval': 'answerRequestApproval',
  'GET /api/approval-links/:token': 'getApprovalByLink',
  'POST /api/approval-links/:token': 'answerApprovalByLink',
  'GET /api/approval-substitutes': 'listApprovalSubstitutes',
  'POST /api/approval-substitutes': 'addApprovalSubstitute',
  'DELETE /api/approval-substitutes/:id': 'removeApprovalSubstitute',
  'GET /api/back-office/due-date-targets': 'getDueDateTargets',
  'PUT /api/back-office/due-date-targets/levels/:level': 'setSupportLevelDueDateTargets',
  'PUT /api/back-office/due-date-targets/articles/:articleId': 'setArticleDueDateTargets',
};

/**
 * Routes whose service calls `requireInteractiveSession` (http/access.ts): an API token gets
 * 403 there, so the document offers the session cookie only. The openapi test checks each
 * against the running app.
 */
const sessionOnlyRoutes: ReadonlySet<string> = new Set([
  'PUT /api/session/perimeter',
  'PUT /api/session/locale',
  'GET /api/notifications',
  'POST /api/notifications/read',
  'PUT /api/contracts/:contractId/referent',
  'PUT /api/account/contact',
  'PUT /api/account/password',
  'POST /api/account/api-tokens',
  'GET /api/back-office/api-tokens',
  'POST /api/back-office/api-tokens',
  'DELETE /api/back-office/api-tokens/:id',
  'GET /api/back-office/operators',
  'POST /api/back-office/operators',
  'GET /api/back-office/operators/:id',
  'PATCH /api/back-office/operators/:id',
  'POST /api/back-office/operators/:id/deactivate',
  'POST /api/back-office/operators/:id/reactivate',
  'GET /api/account/two-factor',
  'POST /api/account/two-factor/setup',
  'POST /api/account/two-factor/confirm',
  'POST /api/account/two-factor/disable',
  'GET /api/account/sessions',
  'DELETE /api/account/sessions/:id',
  'POST /api/account/sessions/end-others',
  'POST /api/back-office/users/:id/end-sessions',
  'GET /api/back-office/service-accounts',
  'POST /api/back-office/service-accounts',
  'GET /api/back-office/service-accounts/:id',
  'POST /api/back-office/service-accounts/:id/deactivate',
  'POST /api/back-office/service-accounts/:id/tokens',
  'POST /api/back-office/service-accounts/:id/tokens/:tokenId/rotate',
  'POST /api/back-office/service-accounts/:id/tokens/:tokenId/revoke',
  'GET /api/service-accounts',
  'POST /api/service-accounts',
  'GET /api/service-accounts/:id',
  'POST /api/service-accounts/:id/deactivate',
  'POST /api/service-accounts/:id/tokens',
  'POST /api/service-accounts/:id/tokens/:tokenId/rotate',
  'POST /api/service-accounts/:id/tokens/:tokenId/revoke',
  'POST /api/sso/logout',
  'GET /api/back-office/customers/:id/sign-in',
  'PUT /api/back-office/customers/:id/sso',
  'DELETE /api/back-office/customers/:id/sso',
  'PUT /api/back-office/customers/:id/two-factor-policy',
  'POST /api/back-office/users/:id/reset-two-factor',
]);

/**
 * Routes that answer a file, not JSON: their schema declares no 2xx response (the type
 * provider would serialise the stream with it), so their 200 is described here.
 */
const fileAnswers: Readonly<Record<string, { description: string; mediaType: string }>> = {
  'GET /api/requests/:id/attachments/:attachmentId': {
    description: 'The file, with the media type it was attached with',
    mediaType: 'application/octet-stream',
  },
  'GET /api/back-office/requests/:id/attachments/:attachmentId': {
    description: 'The file, with the media type it was attached with',
    mediaType: 'application/octet-stream',
  },
  'GET /api/back-office/statements.csv': { description: 'The CSV file', mediaType: 'text/csv' },
  'GET /api/requests.csv': { description: 'The CSV file, streamed', mediaType: 'text/csv' },
  'GET /api/back-office/requests.csv': {
    description: 'The CSV file, streamed',
    mediaType: 'text/csv',
  },
  'GET /api/back-office/statements/:contractId/:month/csv': {
    description: 'The CSV file',
    mediaType: 'text/csv',
  },
  'GET /api/contracts/:contractId/statements/:month/csv': {
    description: 'The CSV file',
    mediaType: 'text/csv',
  },
};

function withFileAnswer(key: string, response: unknown): unknown {
  const file = fileAnswers[key];
  if (file === undefined) return response;
  const schema = { type: 'string', contentMediaType: file.mediaType };
  return {
    ...(response as Record<string, unknown> | undefined),
    200: { description: file.description, content: { [file.mediaType]: { schema } } },
  };
}

const securitySchemes = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
    description: 'The session opened by `POST /api/session` with an e-mail and a password.',
  },
  apiToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A personal API token (a customer user’s, within the grants it was given) an operator API token (acting with its owner’s current role, or the lower role it is limited to) or a service account’s token (decision 0031: the provider’s with its role, a customer’s within its grants capped by its creator’s), sent as `Authorization: Bearer <token>`; it stands for the session cookie.',
  },
} as const;

type Security = Record<string, string[]>[];

/** Routes answered for machines only (an executor's answers, decision 0032): a session gets 403. */
const tokenOnlyRoutes: ReadonlySet<string> = new Set([
  'POST /api/back-office/requests/:id/execution',
]);

function securityOf(key: string, isPublic: boolean): Security {
  if (isPublic) return [];
  if (sessionOnlyRoutes.has(key)) return [{ sessionCookie: [] }];
  if (tokenOnlyRoutes.has(key)) return [{ apiToken: [] }];
  return [{ sessionCookie: [] }, { apiToken: [] }];
}

/** A contract schema's component name: its export name, in PascalCase. */
export function componentName(exportName: string): string {
  return exportName.charAt(0).toUpperCase() + exportName.slice(1);
}

/**
 * Names every zod schema `@guichet/contracts` exports, in zod's global registry (where
 * `.meta()` puts the descriptions the document shows): the type provider then emits each
 * once as a component and refers to it wherever a route or another schema uses it. A schema
 * exported under two names takes the first in alphabetical order, unless the contract names
 * it itself (`.meta({ id })`), which must be one of its export names.
 */
function nameContractSchemas(): void {
  const exportNames = new Map<z.ZodType, string[]>();
  for (const [exportName, value] of Object.entries(contracts).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (value instanceof z.ZodType)
      exportNames.set(value, [...(exportNames.get(value) ?? []), componentName(exportName)]);
  }
  for (const [schema, names] of exportNames) {
    const meta = z.globalRegistry.get(schema);
    if (meta?.id === undefined) z.globalRegistry.add(schema, { ...meta, id: names[0] });
    else if (!names.includes(meta.id)) {
      throw new Error(`contracts: ${names.join(', ')} is named ${meta.id}: use its export name`);
    }
  }
}
nameContractSchemas();

const zodTransform = createJsonSchemaTransform({ skipList: [] });
const zodTransformObject = createJsonSchemaTransformObject({});

type JsonSchema = Record<string, unknown>;
const refPrefix = '#/components/schemas/';

let componentsCache: Record<string, JsonSchema> | undefined;
/** Every named schema as JSON, input forms suffixed `Input` (the type provider's naming). */
function namedSchemas(): Record<string, JsonSchema> {
  componentsCache ??= (
    zodTransformObject({ openapiObject: { openapi: '3.1.0' } }) as {
      components: { schemas: Record<string, JsonSchema> };
    }
  ).components.schemas;
  return componentsCache;
}

/**
 * Path, query and header schemas become one parameter per property: the document needs the
 * object itself, not a reference to it (its properties may still refer to components).
 */
function inlineTopLevelRef(schema: unknown): unknown {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith(refPrefix)) return schema;
  const named = namedSchemas()[ref.slice(refPrefix.length)];
  if (named === undefined) throw new Error(`openapi: no component for ${ref}`);
  return named;
}

const transform: NonNullable<FastifyDynamicSwaggerOptions['transform']> = (document) => {
  const result = zodTransform(document);
  const schema = result.schema as FastifySchema & { hide?: boolean } & Record<string, unknown>;
  if (schema.hide === true) return result;
  const { route } = document;
  const methods = [route.method].flat().filter((method) => method !== 'HEAD');
  if (methods.length !== 1) {
    throw new Error(`openapi: ${String(route.method)} ${route.url} must be one method per route`);
  }
  const key = `${methods[0]} ${route.url}`;
  const operationId = operationIds[key];
  if (operationId === undefined) {
    throw new Error(`openapi: ${key} has no operationId: add it in apps/api/src/http/openapi.ts`);
  }
  const isPublic = route.config?.isPublic === true;
  for (const part of ['params', 'querystring', 'headers'] as const) {
    if (schema[part] !== undefined) schema[part] = inlineTopLevelRef(schema[part]);
  }
  return {
    url: result.url,
    schema: {
      ...schema,
      response: withFileAnswer(key, schema.response),
      operationId,
      security: securityOf(key, isPublic),
    },
  };
};

type TransformObject = NonNullable<FastifyDynamicSwaggerOptions['transformObject']>;
const transformObject: TransformObject = (document) =>
  tidyComponents(zodTransformObject(document) as OpenApiDocument) as ReturnType<TransformObject>;

interface OpenApiDocument {
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, JsonSchema> } & Record<string, unknown>;
  [key: string]: unknown;
}

function refsIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(refPrefix)) {
        found.add(child.slice(refPrefix.length));
      } else refsIn(child, found);
    }
  }
  return found;
}

const isEmptySchema = (value: unknown) =>
  value !== null && typeof value === 'object' && Object.keys(value).length === 0;

/**
 * A copy with the references renamed, and without `anyOf`s that hold an empty schema
 * (`z.unknown().nullable()`: any value already includes null).
 */
function renameRefs<T>(value: T, rename: (name: string) => string): T {
  return JSON.parse(JSON.stringify(value), (key, child: unknown) => {
    if (key === '$ref' && typeof child === 'string' && child.startsWith(refPrefix)) {
      return refPrefix + rename(child.slice(refPrefix.length));
    }
    const anyOf = (child as { anyOf?: unknown } | null)?.anyOf;
    if (Array.isArray(anyOf) && anyOf.some(isEmptySchema)) {
      const { anyOf: _any, ...rest } = child as Record<string, unknown>;
      return rest;
    }
    return child;
  }) as T;
}

/**
 * The type provider emits every named schema twice (`X` as answered, `XInput` as accepted)
 * and whether a route uses it or not. Keep the components the operations reach; call the
 * accepted form `X` too when it is the only one used or the same as the answered one (the
 * largest such set, so that nested `YInput`s folded into `Y` compare equal), so each contract
 * schema appears once unless what is accepted really differs from what is answered.
 */
function tidyComponents(document: OpenApiDocument): OpenApiDocument {
  const all = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const pending = [...refsIn(document.paths, new Set())];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name)) continue;
    if (all[name] === undefined) throw new Error(`openapi: ${refPrefix}${name} is not defined`);
    reached.add(name);
    pending.push(...refsIn(all[name], new Set()));
  }
  const inputSuffix = 'Input';
  const folded = new Set(
    [...reached]
      .filter((name) => name.endsWith(inputSuffix) && all[name.slice(0, -inputSuffix.length)])
      .map((name) => name.slice(0, -inputSuffix.length)),
  );
  const fold = (name: string) =>
    name.endsWith(inputSuffix) && folded.has(name.slice(0, -inputSuffix.length))
      ? name.slice(0, -inputSuffix.length)
      : name;
  for (let changed = true; changed;) {
    changed = false;
    for (const base of folded) {
      if (!reached.has(base)) continue;
      const accepted = JSON.stringify(renameRefs(all[`${base}${inputSuffix}`], fold));
      if (accepted !== JSON.stringify(renameRefs(all[base], fold))) {
        folded.delete(base);
        changed = true;
      }
    }
  }
  const schemas: Record<string, JsonSchema> = {};
  for (const name of [...reached].sort()) {
    schemas[fold(name)] = renameRefs(all[name]!, fold);
  }
  return {
    ...renameRefs(document, fold),
    components: { ...document.components, schemas },
  };
}

export const openapiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Guichet API',
      version: '1.0.0',
      description:
        'Change requests on a cloud inventory. Authenticate with `POST /api/session` (cookie) or an API token (`Authorization: Bearer`). Every error has the body `{ error: { code, message, details? } }`.',
    },
    servers: [{ url: '/', description: 'The server that serves this document' }],
    components: { securitySchemes },
  },
  transform,
  transformObject,
};

/** For the document's test: the tables the document is made from. */
export const openapiTables = { operationIds, sessionOnlyRoutes, tokenOnlyRoutes };
