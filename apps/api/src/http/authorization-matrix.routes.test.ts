import {
  AddUserResult,
  CreatedServiceAccount,
  CreatedApiToken,
  CreatedOperatorApiToken,
  RequestDetail,
  RequestFollowUp,
  RequestQuestions,
  QueueView,
  RequestPage,
  RequestView,
  SessionView,
  SubstitutionView,
  TwoFactorSetup,
  WebhookSubscriptionWithSecret,
} from '@guichet/contracts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildContract } from '../test/builders.ts';
import { createHarness, demo, stableId, testNow, bodyOf } from '../test/harness.ts';
import { multipartFile } from '../test/request-lifecycle.ts';
import { invitationTokenFor, uniqueIdentity } from '../test/rights-builders.ts';
import { demoPassword } from '../seed/demo-data.ts';
import { insertSession } from '../features/session/session.repository.ts';

/**
 * The authorization matrix (issue 3): every route of the app's own route table × every kind
 * of caller, with the status each must get, and no other customer's data in any answer.
 * A route without an entry (explicit, or by a rule below) fails the first test: whoever adds
 * a route says here who may call it.
 */

const personas = [
  'anonymous',
  /** visiteur@acme: Visiteur on every section of ACME's two contracts */
  'viewer',
  /** gestionnaire@acme: Gestionnaire on Demandes, Parc, Utilisateurs; Visiteur on Contrats; referent */
  'manager',
  /** gestionnaire@globex: Gestionnaire of another customer */
  'otherCustomer',
  /** integrateur@partner: Gestionnaire on Demandes and Parc at ACME and Globex, perimeter ACME */
  'integrator',
  /** a personal API token of gestionnaire@acme, limited to OCB0005121 */
  'apiToken',
  /** agent@guichet: the provider's operator */
  'operator',
] as const;
type Persona = (typeof personas)[number];

type Expected = number | readonly number[];
/** Columns in the order of `personas`. */
type Row = readonly [Expected, Expected, Expected, Expected, Expected, Expected, Expected];

interface Call {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Sends the persona's credentials on a session of its own (the call ends or replaces it). */
  isFreshSession?: boolean;
}

interface Entry {
  expect: Row;
  /** Whose data the answer may hold, when the call acts as someone else (logging in). */
  answersAs?: (persona: Persona) => Persona;
  /** The call to make; by default the route's URL with the sample ids. */
  build?: (persona: Persona) => Promise<Call> | Call;
}

interface Rule extends Entry {
  name: string;
  matches: (method: string, url: string) => boolean;
}

const h = await createHarness();
const routes = h.app.routeTable
  .filter((route) => route.method !== 'HEAD')
  .map((route) => ({ ...route, key: `${route.method} ${route.url}` }));

const ids = {
  managerId: stableId('user:gestionnaire@acme.example'),
  visitorId: stableId('user:visiteur@acme.example'),
  integratorId: stableId('user:integrateur@partner.example'),
  acmeRequest: '',
  acmeRequestNumbers: [] as string[],
  acmeAttachment: '',
  globexRequest: '',
  globexRequestNumber: '',
  liveEventsBefore: '0',
};

const emails: Record<Persona, string> = {
  anonymous: 'visiteur@acme.example',
  viewer: 'visiteur@acme.example',
  manager: 'gestionnaire@acme.example',
  otherCustomer: 'gestionnaire@globex.example',
  integrator: 'integrateur@partner.example',
  apiToken: 'gestionnaire@acme.example',
  operator: 'agent@guichet.example',
};
const names: Record<Persona, { firstName: string; lastName: string }> = {
  anonymous: { firstName: 'Dominique', lastName: 'Petit' },
  viewer: { firstName: 'Dominique', lastName: 'Petit' },
  manager: { firstName: 'Camille', lastName: 'Martin' },
  otherCustomer: { firstName: 'Alex', lastName: 'Dupont' },
  integrator: { firstName: 'Sacha', lastName: 'Bernard' },
  apiToken: { firstName: 'Camille', lastName: 'Martin' },
  operator: { firstName: 'Agent', lastName: 'Guichet' },
};
const perimeterOf: Record<Persona, string | null> = {
  anonymous: null,
  viewer: demo.acme,
  manager: demo.acme,
  otherCustomer: demo.globex,
  integrator: demo.acme,
  apiToken: demo.acme,
  operator: null,
};

/** A session inserted as login would (no password hashing, no login rate limit). */
async function sessionFor(persona: Persona): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(h.database.db, {
    id: createHash('sha256').update(token).digest('hex'),
    userId: stableId(`user:${emails[persona]}`),
    perimeterCustomerId: perimeterOf[persona],
    expiresAt: new Date(testNow.getTime() + 12 * 3_600_000),
  });
  return `guichet_session=${token}`;
}

const credentials = {} as Record<Persona, Record<string, string>>;

async function send(persona: Persona, method: string, call: Call): Promise<LightMyRequestResponse> {
  let headers: Record<string, string> = {};
  if (persona === 'apiToken') headers = { ...credentials.apiToken };
  else if (persona !== 'anonymous')
    headers = call.isFreshSession ? { cookie: await sessionFor(persona) } : credentials[persona];
  const isMultipart = Buffer.isBuffer(call.payload);
  return h.app.inject({
    method: method as 'GET',
    url: call.url,
    headers: { ...headers, ...call.headers },
    ...(call.payload === undefined
      ? method === 'GET' || method === 'DELETE'
        ? {}
        : { payload: {} }
      : { payload: isMultipart ? (call.payload as Buffer) : (call.payload as object) }),
  });
}

// ---- fresh things for the calls that change them ----------------------------------------

const managerCall = (method: string, url: string, payload?: unknown) =>
  send('manager', method, { url, payload });

const otherArticle = {
  catalogId: demo.standard,
  articleId: demo.other,
  values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
};

async function freshDraft(): Promise<{ id: string; version: number }> {
  const response = await managerCall('POST', '/api/requests', {
    action: 'draft',
    contractId: 'OCB0005121',
    assetId: demo.acmeTenant,
    ...otherArticle,
  });
  if (response.statusCode !== 201) throw new Error(`draft: ${response.body}`);
  return response.json();
}

async function freshSubmitted(): Promise<string> {
  const response = await managerCall('POST', '/api/requests', {
    action: 'confirm',
    contractId: 'OCB0005121',
    assetId: demo.acmeTenant,
    acknowledgeBilling: true,
    ...otherArticle,
  });
  if (response.statusCode !== 201) throw new Error(`confirm: ${response.body}`);
  return bodyOf(response, RequestDetail).id;
}

/** A request whose agent asked a question (decision 0035): its id and the question's. */
async function freshQuestion(): Promise<{ id: string; questionId: string }> {
  const id = await freshSubmitted();
  await send('operator', 'POST', {
    url: `/api/back-office/requests/${id}/start-review`,
    payload: {},
  });
  const asked = await send('operator', 'POST', {
    url: `/api/back-office/requests/${id}/questions`,
    payload: { question: 'Quel projet ?' },
  });
  if (asked.statusCode !== 201) throw new Error(`ask: ${asked.body}`);
  const listed = await managerCall('GET', `/api/requests/${id}/questions`);
  return { id, questionId: bodyOf(listed, RequestQuestions).items[0]!.id };
}

async function freshUser(): Promise<string> {
  const response = await managerCall('POST', '/api/users', {
    ...uniqueIdentity('matrix'),
    grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
  });
  if (response.statusCode !== 201) throw new Error(`user: ${response.body}`);
  return bodyOf(response, AddUserResult).user.id;
}

async function freshInvitation(): Promise<string> {
  const identity = uniqueIdentity('matrixinv');
  const response = await managerCall('POST', '/api/users', {
    ...identity,
    grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
  });
  if (response.statusCode !== 201) throw new Error(`invite: ${response.body}`);
  return invitationTokenFor(h, identity.email);
}

async function freshToken(): Promise<string> {
  const response = await managerCall('POST', '/api/account/api-tokens', {
    name: 'matrix',
    grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
  });
  if (response.statusCode !== 201) throw new Error(`token: ${response.body}`);
  return bodyOf(response, CreatedApiToken).id;
}

/** A personal API token of the operator persona (agent@guichet). */
async function freshOperatorToken(): Promise<string> {
  const response = await send('operator', 'POST', {
    url: '/api/back-office/api-tokens',
    payload: { name: 'matrix' },
  });
  if (response.statusCode !== 201) throw new Error(`operator token: ${response.body}`);
  return bodyOf(response, CreatedOperatorApiToken).id;
}

/** A new ACME contract whose referent is gestionnaire@acme; the integrator and the visiteur hold rights on it. */
async function freshReferentContract(): Promise<string> {
  const { contractId } = await buildContract(h.database.db, {
    freeChangesPerMonth: 1,
    managers: ['gestionnaire@acme.example', 'integrateur@partner.example'],
    viewers: ['visiteur@acme.example'],
  });
  await h.database.db
    .updateTable('contracts')
    .set({ referent_user_id: ids.managerId })
    .where('id', '=', contractId)
    .execute();
  return contractId;
}

/** Issue 17: a webhook of ACME's OCB0005121, made by its referent (a public literal address: no DNS). */
const webhookBody = {
  url: 'https://93.184.215.14/hooks/matrix',
  contractId: 'OCB0005121',
  eventTypes: ['request.done'],
};
async function freshAcmeWebhook(): Promise<string> {
  const response = await managerCall('POST', '/api/webhooks', webhookBody);
  if (response.statusCode !== 201) throw new Error(`webhook: ${response.body}`);
  return bodyOf(response, WebhookSubscriptionWithSecret).id;
}
let acmeWebhook = '';
async function acmeWebhookId(): Promise<string> {
  if (!acmeWebhook) acmeWebhook = await freshAcmeWebhook();
  return acmeWebhook;
}
/** A message the ACME webhook had (as the dispatcher makes them), to replay. */
async function acmeWebhookMessage(): Promise<{ id: string; messageId: string }> {
  const id = await acmeWebhookId();
  const messageId = `msg_${randomBytes(12).toString('hex')}`;
  await h.database.db
    .insertInto('webhook_messages')
    .values({
      id: messageId,
      type: 'request.done',
      contract_id: 'OCB0005121',
      request_id: ids.acmeRequest,
      ordering_key: ids.acmeRequest,
      payload: '{}',
      created_at: testNow,
    })
    .execute();
  await h.database.db
    .insertInto('webhook_deliveries')
    .values({
      subscription_id: id,
      message_id: messageId,
      ordering_key: ids.acmeRequest,
      state: 'delivered',
      next_attempt_at: testNow,
      created_at: testNow,
    })
    .execute();
  return { id, messageId };
}

/** Issue 17: a fresh service account of ACME made by gestionnaire@acme, with its first token. */
async function freshAcmeServiceAccount(): Promise<{ id: string; tokenId: string }> {
  const response = await managerCall('POST', '/api/service-accounts', {
    name: 'matrix',
    grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
  });
  if (response.statusCode !== 201) throw new Error(`service account: ${response.body}`);
  const created = bodyOf(response, CreatedServiceAccount);
  return { id: created.account.id, tokenId: created.token.id };
}
/** A fresh service account of the provider, made by the demo admin. */
async function freshProviderServiceAccount(): Promise<{ id: string; tokenId: string }> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/back-office/service-accounts',
    headers: { cookie: await adminSession() },
    payload: { name: 'matrix', role: 'agent' },
  });
  if (response.statusCode !== 201) throw new Error(`provider service account: ${response.body}`);
  const created = bodyOf(response, CreatedServiceAccount);
  return { id: created.account.id, tokenId: created.token.id };
}
async function adminSession(): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(h.database.db, {
    id: createHash('sha256').update(token).digest('hex'),
    userId: stableId('user:admin@guichet.example'),
    perimeterCustomerId: null,
    expiresAt: new Date(testNow.getTime() + 12 * 3_600_000),
  });
  return `guichet_session=${token}`;
}

/** Issue 17 part 4: a saved view of the manager's, shared with OCB0005121's readers. */
async function freshAcmeView(): Promise<string> {
  const response = await managerCall('POST', '/api/saved-views', {
    name: `matrix ${randomUUID()}`,
    params: { group: 'en_cours', contractId: 'OCB0005121' },
    sharedContractId: 'OCB0005121',
  });
  if (response.statusCode !== 201) throw new Error(`saved view: ${response.body}`);
  return bodyOf(response, RequestView).id;
}
/** A saved view of the queue, the agent's, shared with operators. */
async function freshQueueView(): Promise<string> {
  const response = await send('operator', 'POST', {
    url: '/api/back-office/saved-views',
    payload: { name: `matrix ${randomUUID()}`, params: { statut: 'en_cours' }, isShared: true },
  });
  if (response.statusCode !== 201) throw new Error(`queue view: ${response.body}`);
  return bodyOf(response, QueueView).id;
}

/**
 * Issue 20 (decision 0034): a request of OCB0005121 held for approval: the integrator confirms
 * an off-catalog request, which the contract's rule (set again here, as its PUT entry sets
 * it) gives its referent, gestionnaire@acme, to approve.
 */
const matrixApprovalRules = {
  rules: [{ scope: 'articles', articleIds: [demo.offCatalog], includeReferent: true, mode: 'any' }],
};
async function freshHeld(): Promise<string> {
  const rules = await managerCall(
    'PUT',
    '/api/contracts/OCB0005121/approval-rules',
    matrixApprovalRules,
  );
  if (rules.statusCode !== 200) throw new Error(`approval rules: ${rules.body}`);
  const response = await send('integrator', 'POST', {
    url: '/api/requests',
    payload: {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      catalogId: demo.ucb,
      articleId: demo.offCatalog,
      values: { subject: 'VPN IPsec vers Lyon', description: 'Mise en place d’un VPN, sur devis.' },
    },
  });
  if (response.statusCode !== 201) throw new Error(`held: ${response.body}`);
  return bodyOf(response, RequestDetail).id;
}
let heldRequest = '';
async function heldRequestId(): Promise<string> {
  if (!heldRequest) heldRequest = await freshHeld();
  return heldRequest;
}
/** The token of the approval mail a fresh held request sent its referent. */
async function freshApprovalToken(): Promise<string> {
  const id = await freshHeld();
  const mail = await h.database.db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('request_id', '=', id)
    .where('kind', '=', 'approval_requested')
    .executeTakeFirstOrThrow();
  const token = /\/approbations\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
  if (!token) throw new Error('no approval link');
  return token;
}
async function freshSubstitution(): Promise<string> {
  const response = await managerCall('POST', '/api/approval-substitutes', {
    contractId: 'OCB0005121',
    substituteId: ids.integratorId,
    startsAt: '2026-11-19T00:00:00Z',
    endsAt: '2026-11-25T00:00:00Z',
  });
  if (response.statusCode !== 201) throw new Error(`substitution: ${response.body}`);
  return bodyOf(response, SubstitutionView).id;
}

// ---- the expectations --------------------------------------------------------------------

const open = [200, 302] as const;
/** A customer writing to the back-office: refused, by role (403) or by its body first. */
const refused = [400, 403, 415] as const;
/** A back-office call an operator may make: anything but « who are you? » or a crash. */
const operatorAllowed = [200, 201, 204, 400, 403, 404, 409, 415] as const;
/** Quotes answered on a request without quote: no such quote, or not in that status. */
const noQuote = [404, 409] as const;

const everyone = (status: Expected): Row => [
  status,
  status,
  status,
  status,
  status,
  status,
  status,
];
const authenticated = (status: Expected): Row => [
  401,
  status,
  status,
  status,
  status,
  status,
  status,
];

/** Routes of the provider's admins: every persona (the agent too) is refused. */
const adminOnly: Row = [401, 403, 403, 403, 403, 403, 403];

const draftBody = (draft: { version: number }) => ({
  contractId: 'OCB0005121',
  assetId: demo.acmeTenant,
  acknowledgeBilling: true,
  version: draft.version,
  ...otherArticle,
});

//                                                  anon  viewer manager other integ token  operator
const entries: Record<string, Entry> = {
  'POST /api/session': {
    expect: everyone(200),
    // anonymous logs in with the Visiteur's password: the answer is the Visiteur's session
    answersAs: (persona) => (persona === 'anonymous' ? 'viewer' : persona),
    build: (persona) => ({
      url: '/api/session',
      payload: { email: emails[persona], password: demoPassword },
      isFreshSession: true,
    }),
  },
  'GET /api/session': { expect: authenticated(200) },
  'GET /api/session/current': { expect: everyone(200) },
  'DELETE /api/session': {
    expect: authenticated(204),
    build: () => ({ url: '/api/session', isFreshSession: true }),
  },
  // issue 18: a token acts only within its grants; the session's choices are not among them
  'PUT /api/session/perimeter': {
    expect: [401, 200, 200, 404, 200, 403, 404],
    build: () => ({ url: '/api/session/perimeter', payload: { customerId: demo.acme } }),
  },
  'PUT /api/session/locale': {
    expect: [401, 200, 200, 200, 200, 403, 200],
    build: () => ({ url: '/api/session/locale', payload: { locale: 'fr' } }),
  },
  'GET /api/contracts': { expect: authenticated(200) },
  'GET /api/contracts/:contractId/assets': { expect: [401, 200, 200, 404, 200, 200, 404] },
  'GET /api/contracts/:contractId/catalogs': { expect: [401, 200, 200, 404, 200, 200, 404] },
  'GET /api/assets/:id': {
    expect: [401, 200, 200, 404, 200, 200, 404],
    build: () => ({ url: `/api/assets/${demo.acmeTenant}` }),
  },
  'GET /api/requests': { expect: authenticated(200) },
  'POST /api/requests': {
    expect: [401, 403, 201, 404, 201, 201, 404],
    build: () => ({
      url: '/api/requests',
      payload: { action: 'draft', contractId: 'OCB0005121', values: {} },
    }),
  },
  'POST /api/requests/preview': {
    expect: [401, 200, 200, 404, 200, 200, 404],
    build: () => ({
      url: '/api/requests/preview',
      payload: { contractId: 'OCB0005121', assetId: demo.acmeTenant, articleId: demo.other },
    }),
  },
  'POST /api/requests/dry-run': {
    expect: [401, 403, 200, 404, 200, 200, 404],
    build: () => ({
      url: '/api/requests/dry-run',
      payload: { contractId: 'OCB0005121', assetId: demo.acmeTenant, ...otherArticle },
    }),
  },
  'GET /api/requests/:id': { expect: [401, 200, 200, 404, 200, 200, 404] },
  // drafts are their author's (gestionnaire@acme, also the token's owner): 404 to anyone else
  'PUT /api/requests/:id': {
    expect: [401, 404, 200, 404, 404, 200, 404],
    build: async () => {
      const draft = await freshDraft();
      return { url: `/api/requests/${draft.id}`, payload: draftBody(draft) };
    },
  },
  'POST /api/requests/:id/confirm': {
    expect: [401, 404, 200, 404, 404, 200, 404],
    build: async () => {
      const draft = await freshDraft();
      return { url: `/api/requests/${draft.id}/confirm`, payload: draftBody(draft) };
    },
  },
  'DELETE /api/requests/:id': {
    expect: [401, 404, 204, 404, 404, 204, 404],
    build: async () => ({ url: `/api/requests/${(await freshDraft()).id}` }),
  },
  'GET /api/requests/:id/follow-up': { expect: [401, 200, 200, 404, 200, 200, 404] },
  'GET /api/requests/:id/questions': { expect: [401, 200, 200, 404, 200, 200, 404] },
  'POST /api/requests/:id/questions/:questionId/answer': {
    expect: [401, 403, 200, 404, 200, 200, 403],
    build: async () => {
      const { id, questionId } = await freshQuestion();
      return {
        url: `/api/requests/${id}/questions/${questionId}/answer`,
        payload: { answer: 'Le projet acme-prod.' },
      };
    },
  },
  'POST /api/requests/:id/cancel': {
    expect: [401, 403, 200, 404, 200, 200, 403],
    build: async () => ({ url: `/api/requests/${await freshSubmitted()}/cancel`, payload: {} }),
  },
  'POST /api/requests/:id/quotes/:quoteId/accept': {
    expect: [401, 403, noQuote, 404, noQuote, noQuote, 403],
    build: async () => ({
      url: `/api/requests/${await freshSubmitted()}/quotes/${randomUUID()}/accept`,
    }),
  },
  'POST /api/requests/:id/quotes/:quoteId/refuse': {
    expect: [401, 403, noQuote, 404, noQuote, noQuote, 403],
    build: async () => ({
      url: `/api/requests/${await freshSubmitted()}/quotes/${randomUUID()}/refuse`,
    }),
  },
  'POST /api/requests/:id/comments': {
    expect: [401, 403, 201, 404, 201, 201, 403],
    build: () => ({
      url: `/api/requests/${ids.acmeRequest}/comments`,
      payload: { body: 'Une question sur cette demande.' },
    }),
  },
  'POST /api/requests/:id/attachments': {
    expect: [401, 403, 201, 404, 201, 201, 403],
    build: () => {
      const upload = multipartFile('note.txt', 'text/plain', Buffer.from('bonjour'));
      return {
        url: `/api/requests/${ids.acmeRequest}/attachments`,
        payload: upload.payload,
        headers: upload.headers,
      };
    },
  },
  'GET /api/requests/:id/attachments/:attachmentId': {
    expect: [401, 200, 200, 404, 200, 200, 404],
    build: () => ({ url: `/api/requests/${ids.acmeRequest}/attachments/${ids.acmeAttachment}` }),
  },
  'GET /api/notifications': { expect: [401, 200, 200, 200, 200, 403, 200] },
  'POST /api/notifications/read': { expect: [401, 204, 204, 204, 204, 403, 204] },

  // issue 15: the live stream, as a poll (`once`) from before the set-up's ACME and Globex
  // requests, so that each caller is replayed what the set-up wrote and must hear only theirs
  'GET /api/events': {
    expect: authenticated(200),
    build: () => ({ url: `/api/events?once=true&lastEventId=${ids.liveEventsBefore}` }),
  },

  // issue 3: users, rights, account, tokens, invitations
  'GET /api/users': { expect: [401, 200, 200, 200, 403, 200, 403] },
  'POST /api/users': {
    expect: [401, 403, 201, 404, 404, 201, 404],
    build: () => ({
      url: '/api/users',
      payload: {
        ...uniqueIdentity('matrixadd'),
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    }),
  },
  'GET /api/users/:id': {
    expect: [401, 200, 200, 404, 404, 200, 404],
    build: () => ({ url: `/api/users/${ids.visitorId}` }),
  },
  'PUT /api/users/:id/contracts/:contractId': {
    expect: [401, 403, 200, 404, 404, 200, 404],
    build: async () => ({
      url: `/api/users/${await freshUser()}/contracts/OCB0005121`,
      payload: { grants: [{ section: 'requests', profile: 'viewer' }] },
    }),
  },
  'DELETE /api/users/:id/contracts/:contractId': {
    expect: [401, 403, 204, 404, 404, 204, 404],
    build: async () => ({ url: `/api/users/${await freshUser()}/contracts/OCB0005121` }),
  },
  'POST /api/users/:id/invitation': {
    expect: [401, 403, 204, 404, 404, 204, 404],
    build: async () => ({ url: `/api/users/${await freshUser()}/invitation` }),
  },
  'GET /api/contracts/:contractId': { expect: [401, 200, 200, 404, 404, 200, 404] },
  'GET /api/contracts/:contractId/rights': { expect: [401, 200, 200, 404, 200, 200, 404] },
  // only the referent (gestionnaire@acme) hands over, and never with an API token
  'PUT /api/contracts/:contractId/referent': {
    expect: [401, 403, 204, 404, 403, 403, 404],
    build: async () => ({
      url: `/api/contracts/${await freshReferentContract()}/referent`,
      payload: { userId: ids.visitorId },
    }),
  },
  'PUT /api/contracts/:contractId/requesters': {
    expect: [401, 403, 200, 404, 404, 200, 404],
    build: () => ({
      url: '/api/contracts/OCB0005121/requesters',
      payload: { restrictsRequesters: false, userIds: [] },
    }),
  },
  'GET /api/account': { expect: authenticated(200) },
  // issue 21: the second step of a sign-in needs its pending cookie, which nobody has here
  'POST /api/session/second-factor': {
    expect: everyone(401),
    build: () => ({ url: '/api/session/second-factor', payload: { code: '123456' } }),
  },
  // issue 21: the setup a policy requires at sign-in needs its pending cookie too
  'POST /api/session/second-factor/setup': { expect: everyone(401) },
  'POST /api/session/second-factor/setup/confirm': {
    expect: everyone(401),
    build: () => ({
      url: '/api/session/second-factor/setup/confirm',
      payload: { code: '123456' },
    }),
  },
  // issue 21: single sign-on, public: the login page's offers (none here), the flow's start
  // (no connection: 404) and the provider's answer (no state: sent to the refusal page)
  'GET /api/sso/offers': {
    expect: everyone(200),
    build: () => ({ url: '/api/sso/offers?identifier=camille%40acme.example' }),
  },
  'GET /api/sso/customers/:id/start': {
    expect: everyone(404),
    build: () => ({ url: `/api/sso/customers/${demo.acme}/start` }),
  },
  'GET /api/sso/operators/start': { expect: everyone(404) },
  'GET /api/sso/callback': { expect: everyone(302) },
  // logging out everywhere ends a session: a fresh one per persona; never by a token
  'POST /api/sso/logout': {
    expect: [401, 200, 200, 200, 200, 403, 200],
    build: () => ({ url: '/api/sso/logout', isFreshSession: true }),
  },
  // issue 21: a customer's sign-in settings and a user's second factor: the admins only
  'GET /api/back-office/customers/:id/sign-in': {
    expect: adminOnly,
    build: () => ({ url: `/api/back-office/customers/${demo.acme}/sign-in` }),
  },
  'PUT /api/back-office/customers/:id/sso': {
    expect: adminOnly,
    build: () => ({
      url: `/api/back-office/customers/${demo.acme}/sso`,
      payload: {
        issuer: 'https://login.acme.example',
        clientId: 'guichet',
        clientSecret: 'secret',
        displayName: 'ACME',
        allowedDomains: ['acme.example'],
      },
    }),
  },
  'DELETE /api/back-office/customers/:id/sso': {
    expect: adminOnly,
    build: () => ({ url: `/api/back-office/customers/${demo.acme}/sso` }),
  },
  'PUT /api/back-office/customers/:id/two-factor-policy': {
    expect: adminOnly,
    build: () => ({
      url: `/api/back-office/customers/${demo.acme}/two-factor-policy`,
      payload: { requiresTwoFactor: true },
    }),
  },
  'POST /api/back-office/users/:id/reset-two-factor': {
    expect: adminOnly,
    build: () => ({ url: `/api/back-office/users/${ids.visitorId}/reset-two-factor` }),
  },
  // issue 21: one's own two-factor sign-in, by a session only
  'GET /api/account/two-factor': { expect: [401, 200, 200, 200, 200, 403, 200] },
  'POST /api/account/two-factor/setup': { expect: [401, 200, 200, 200, 200, 403, 200] },
  'POST /api/account/two-factor/confirm': {
    expect: [401, 400, 400, 400, 400, 403, 400],
    // a setup under way, then a code that is surely not its right one
    build: async (persona) => {
      const setup = await send(persona, 'POST', { url: '/api/account/two-factor/setup' });
      const secret = setup.statusCode === 200 ? bodyOf(setup, TwoFactorSetup).secret : '';
      const right = secret
        ? TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: testNow.getTime() })
        : '';
      const code = right === '000000' ? '111111' : '000000';
      return { url: '/api/account/two-factor/confirm', payload: { code } };
    },
  },
  'POST /api/account/two-factor/disable': {
    expect: [401, 400, 400, 400, 400, 403, 400],
    build: () => ({ url: '/api/account/two-factor/disable', payload: { code: '000000' } }),
  },
  // issue 21: one's own sessions, by a session only; ending another user's session finds none
  'GET /api/account/sessions': { expect: [401, 200, 200, 200, 200, 403, 200] },
  'DELETE /api/account/sessions/:id': {
    expect: [401, 404, 204, 404, 404, 403, 404],
    build: async () => {
      const token = randomBytes(32).toString('base64url');
      const id = createHash('sha256').update(token).digest('hex');
      await insertSession(h.database.db, {
        id,
        userId: ids.managerId,
        perimeterCustomerId: demo.acme,
        expiresAt: new Date(testNow.getTime() + 3_600_000),
      });
      return { url: `/api/account/sessions/${id}` };
    },
  },
  // on the persona's own session, which stays: only its other sessions end
  'POST /api/account/sessions/end-others': { expect: [401, 200, 200, 200, 200, 403, 200] },
  // issue 18: contact details are changed by a session only, never by a token
  'PUT /api/account/contact': {
    expect: [401, 200, 200, 200, 200, 403, 200],
    // the same names again: the other calls' answers keep showing them
    build: (persona) => ({
      url: '/api/account/contact',
      payload: { ...names[persona], phone: null },
    }),
  },
  // a wrong current password: refused (400) to every session; an API token may not try (403)
  'PUT /api/account/password': {
    expect: [401, 400, 400, 400, 400, 403, 400],
    build: () => ({
      url: '/api/account/password',
      payload: {
        currentPassword: 'not-the-password',
        newPassword: 'Tout.Neuf2026',
        confirmation: 'Tout.Neuf2026',
      },
    }),
  },
  'GET /api/account/api-tokens': { expect: authenticated(200) },
  'POST /api/account/api-tokens': {
    expect: [401, 201, 201, 404, 201, 403, 403],
    build: () => ({
      url: '/api/account/api-tokens',
      payload: {
        name: 'matrix',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    }),
  },
  'DELETE /api/account/api-tokens/:id': {
    expect: [401, 404, 204, 404, 404, 204, 404],
    build: async () => ({ url: `/api/account/api-tokens/${await freshToken()}` }),
  },
  // public: the link's single-use token is the credential
  'GET /api/invitations/:token': {
    expect: everyone(200),
    build: async () => ({ url: `/api/invitations/${await freshInvitation()}` }),
  },
  'POST /api/invitations/:token/accept': {
    expect: everyone(204),
    build: async () => ({
      url: `/api/invitations/${await freshInvitation()}/accept`,
      payload: { password: 'Premier.Mot2passe', confirmation: 'Premier.Mot2passe' },
    }),
  },
  // Operator accounts are the admin's: the operator persona is an agent (403), customers too
  'GET /api/back-office/operators': { expect: [401, 403, 403, 403, 403, 403, 403] },
  'POST /api/back-office/operators': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: '/api/back-office/operators',
      payload: {
        email: `matrix-${randomUUID()}@guichet.example`,
        firstName: 'Matrice',
        lastName: 'Opérateur',
        role: 'admin',
        locale: 'fr',
      },
    }),
  },
  'GET /api/back-office/operators/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({ url: `/api/back-office/operators/${stableId('user:agent@guichet.example')}` }),
  },
  'PATCH /api/back-office/operators/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: `/api/back-office/operators/${stableId('user:agent@guichet.example')}`,
      payload: { role: 'admin' },
    }),
  },
  // issue 21: the provider's admins only (no persona here is one: the session tests check them)
  'POST /api/back-office/users/:id/end-sessions': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({ url: `/api/back-office/users/${ids.visitorId}/end-sessions` }),
  },
  'POST /api/back-office/operators/:id/deactivate': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: `/api/back-office/operators/${stableId('user:admin@guichet.example')}/deactivate`,
    }),
  },
  'POST /api/back-office/operators/:id/reactivate': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: `/api/back-office/operators/${stableId('user:agent@guichet.example')}/reactivate`,
    }),
  },
  // Operators' own tokens: any operator from a session; customers and tokens are refused
  'GET /api/back-office/api-tokens': { expect: [401, 403, 403, 403, 403, 403, 200] },
  'POST /api/back-office/api-tokens': {
    expect: [401, 403, 403, 403, 403, 403, 201],
    build: () => ({ url: '/api/back-office/api-tokens', payload: { name: 'matrix' } }),
  },
  'DELETE /api/back-office/api-tokens/:id': {
    expect: [401, 403, 403, 403, 403, 403, 204],
    build: async () => ({ url: `/api/back-office/api-tokens/${await freshOperatorToken()}` }),
  },
  'GET /api/openapi.json': { expect: everyone(200) },

  // issue 14: customers and contracts, the provider's admins only (no persona here is one:
  // the agent is refused like every customer; provider-admin.routes.test.ts covers the admin)
  'GET /api/back-office/customers': { expect: adminOnly },
  'POST /api/back-office/customers': {
    expect: adminOnly,
    build: () => ({
      url: '/api/back-office/customers',
      payload: { name: `Matrix ${randomUUID()}` },
    }),
  },
  'GET /api/back-office/customers/:id': {
    expect: adminOnly,
    build: () => ({ url: `/api/back-office/customers/${demo.acme}` }),
  },
  'PATCH /api/back-office/customers/:id': {
    expect: adminOnly,
    build: () => ({
      url: `/api/back-office/customers/${demo.acme}`,
      payload: { version: 1, name: 'ACME' },
    }),
  },
  // issue 20: the due-date targets, provider admins only (due-dates.routes.test.ts covers the admin)
  'GET /api/back-office/due-date-targets': { expect: adminOnly },
  'PUT /api/back-office/due-date-targets/levels/:level': {
    expect: adminOnly,
    build: () => ({
      url: '/api/back-office/due-date-targets/levels/Gold',
      payload: { takeChargeMinutes: 60, carryOutMinutes: 600 },
    }),
  },
  'PUT /api/back-office/due-date-targets/articles/:articleId': {
    expect: adminOnly,
    build: () => ({
      url: `/api/back-office/due-date-targets/articles/${demo.other}`,
      payload: { takeChargeMinutes: 60, carryOutMinutes: null },
    }),
  },
  'GET /api/back-office/contracts': { expect: adminOnly },
  'POST /api/back-office/contracts': {
    expect: adminOnly,
    build: () => ({
      url: '/api/back-office/contracts',
      payload: {
        id: 'OCB0009999',
        customerId: demo.acme,
        supportLevel: 'Gold',
        freeChangesPerMonth: 1,
        tokenPriceEur: 50,
        startsOn: '2026-11-01',
      },
    }),
  },
  'GET /api/back-office/contracts/:contractId': { expect: adminOnly },
  'PATCH /api/back-office/contracts/:contractId': {
    expect: adminOnly,
    build: () => ({
      url: '/api/back-office/contracts/OCB0005121',
      payload: { version: 1, status: 'ended' },
    }),
  },
  // issue 14: monthly statements — Gestionnaire on Contrats only (the demo's hold Visiteur:
  // 403), nobody else's contract (404); agents and admins in the back-office
  'GET /api/contracts/:contractId/statements': { expect: [401, 403, 403, 404, 404, 403, 404] },
  'GET /api/contracts/:contractId/statements/:month': {
    expect: [401, 403, 403, 404, 404, 403, 404],
    build: () => ({ url: '/api/contracts/OCB0005121/statements/2026-11' }),
  },
  'GET /api/contracts/:contractId/statements/:month/csv': {
    expect: [401, 403, 403, 404, 404, 403, 404],
    build: () => ({ url: '/api/contracts/OCB0005121/statements/2026-11/csv' }),
  },
  'GET /api/back-office/statements': {
    expect: [401, 403, 403, 403, 403, 403, 200],
    build: () => ({ url: '/api/back-office/statements?month=2026-11' }),
  },
  'GET /api/back-office/statements.csv': {
    expect: [401, 403, 403, 403, 403, 403, 200],
    build: () => ({ url: '/api/back-office/statements.csv?month=2026-11' }),
  },
  'GET /api/back-office/statements/:contractId/:month': {
    expect: [401, 403, 403, 403, 403, 403, 200],
    build: () => ({ url: '/api/back-office/statements/OCB0005121/2026-11' }),
  },
  'GET /api/back-office/statements/:contractId/:month/csv': {
    expect: [401, 403, 403, 403, 403, 403, 200],
    build: () => ({ url: '/api/back-office/statements/OCB0005121/2026-11/csv' }),
  },
  // inventory sync: admins only (capability sync_inventory); the agent is refused too, by role
  // before the body's type is looked at
  'POST /api/back-office/inventory/sync': { expect: [401, 403, 403, 403, 403, 403, 403] },
  'GET /api/back-office/inventory/sync-runs': { expect: [401, 403, 403, 403, 403, 403, 403] },
  'GET /api/back-office/inventory/sync-runs/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
  },
  // issue 17: outbound webhooks. The provider's are admins' (manage_webhooks: the agent is
  // refused); a contract's are its referent's or a Gestionnaire on Utilisateurs' (the manager,
  // and its token holding users:manager), not the Visiteur's nor the integrator's (Demandes and
  // Parc only): 403 inside the perimeter, 404 outside.
  'GET /api/back-office/webhooks': { expect: [401, 403, 403, 403, 403, 403, 403] },
  'POST /api/back-office/webhooks': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: '/api/back-office/webhooks',
      payload: { url: webhookBody.url, eventTypes: ['request.done'] },
    }),
  },
  'GET /api/back-office/webhooks/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: async () => ({ url: `/api/back-office/webhooks/${await acmeWebhookId()}` }),
  },
  'PATCH /api/back-office/webhooks/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: async () => ({
      url: `/api/back-office/webhooks/${await acmeWebhookId()}`,
      payload: { isEnabled: false },
    }),
  },
  'DELETE /api/back-office/webhooks/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: async () => ({ url: `/api/back-office/webhooks/${await acmeWebhookId()}` }),
  },
  'POST /api/back-office/webhooks/:id/rotate-secret': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: async () => ({
      url: `/api/back-office/webhooks/${await acmeWebhookId()}/rotate-secret`,
      payload: {},
    }),
  },
  'GET /api/back-office/webhooks/:id/deliveries': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: async () => ({ url: `/api/back-office/webhooks/${await acmeWebhookId()}/deliveries` }),
  },
  'POST /api/back-office/webhooks/:id/messages/:messageId/replay': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: async () => {
      const { id, messageId } = await acmeWebhookMessage();
      return { url: `/api/back-office/webhooks/${id}/messages/${messageId}/replay` };
    },
  },
  // issue 17 (decision 0032): an executor answers with an operator-side token whose role may
  // execute_requests (admins'): the agent's session is refused, every customer too (their
  // token included); the article's setting is the catalog managers' (and admins')
  'POST /api/back-office/requests/:id/execution': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: `/api/back-office/requests/${ids.acmeRequest}/execution`,
      payload: { state: 'started' },
    }),
  },
  'GET /api/back-office/requests/:id/execution': { expect: [401, 403, 403, 403, 403, 403, 404] },
  'GET /api/back-office/executors': { expect: [401, 403, 403, 403, 403, 403, 403] },
  'GET /api/back-office/articles/:id/versions/:version/execution': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({ url: `/api/back-office/articles/${demo.quotas}/versions/1/execution` }),
  },
  'PUT /api/back-office/articles/:id/versions/:version/execution': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: `/api/back-office/articles/${demo.quotas}/versions/1/execution`,
      payload: { mode: 'manual' },
    }),
  },
  // issue 20 (decision 0037): freeze and maintenance periods are the admins'
  // (manage_change_periods): the agent is refused, every customer too
  'GET /api/back-office/change-periods': { expect: [401, 403, 403, 403, 403, 403, 403] },
  'POST /api/back-office/change-periods': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: '/api/back-office/change-periods',
      payload: {
        kind: 'freeze',
        label: 'Gel de fin d’année',
        startsAt: '2026-12-19T23:00:00Z',
        endsAt: '2027-01-03T23:00:00Z',
      },
    }),
  },
  'GET /api/back-office/change-periods/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({ url: `/api/back-office/change-periods/${randomUUID()}` }),
  },
  'PUT /api/back-office/change-periods/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({
      url: `/api/back-office/change-periods/${randomUUID()}`,
      payload: {
        kind: 'maintenance',
        label: 'Maintenance du jeudi',
        startsAt: '2026-12-03T20:00:00Z',
        endsAt: '2026-12-03T23:00:00Z',
        version: 1,
      },
    }),
  },
  'DELETE /api/back-office/change-periods/:id': {
    expect: [401, 403, 403, 403, 403, 403, 403],
    build: () => ({ url: `/api/back-office/change-periods/${randomUUID()}` }),
  },
  'GET /api/webhooks': { expect: authenticated(200) },
  'POST /api/webhooks': {
    expect: [401, 403, 201, 404, 403, 201, 404],
    build: () => ({ url: '/api/webhooks', payload: webhookBody }),
  },
  'GET /api/webhooks/:id': {
    expect: [401, 403, 200, 404, 403, 200, 404],
    build: async () => ({ url: `/api/webhooks/${await acmeWebhookId()}` }),
  },
  'PATCH /api/webhooks/:id': {
    expect: [401, 403, 200, 404, 403, 200, 404],
    build: async () => ({
      url: `/api/webhooks/${await acmeWebhookId()}`,
      payload: { description: 'ERP ACME' },
    }),
  },
  'DELETE /api/webhooks/:id': {
    expect: [401, 403, 204, 404, 403, 204, 404],
    build: async () => ({ url: `/api/webhooks/${await freshAcmeWebhook()}` }),
  },
  'POST /api/webhooks/:id/rotate-secret': {
    expect: [401, 403, 200, 404, 403, 200, 404],
    build: async () => ({
      url: `/api/webhooks/${await acmeWebhookId()}/rotate-secret`,
      payload: { overlapHours: 0 },
    }),
  },
  'GET /api/webhooks/:id/deliveries': {
    expect: [401, 403, 200, 404, 403, 200, 404],
    build: async () => ({ url: `/api/webhooks/${await acmeWebhookId()}/deliveries` }),
  },
  'POST /api/webhooks/:id/messages/:messageId/replay': {
    expect: [401, 403, 202, 404, 403, 202, 404],
    build: async () => {
      const { id, messageId } = await acmeWebhookMessage();
      return { url: `/api/webhooks/${id}/messages/${messageId}/replay` };
    },
  },
  // issue 17: service accounts, from a session only. A customer's are for a Gestionnaire of
  // Utilisateurs (the manager; the Visiteur and the integrator are refused, 403), and another
  // customer's are unknown (404); the provider's are the admins' (no persona here is one).
  'GET /api/service-accounts': { expect: [401, 403, 200, 200, 403, 403, 403] },
  'POST /api/service-accounts': {
    expect: [401, 403, 201, 404, 403, 403, 403],
    build: () => ({
      url: '/api/service-accounts',
      payload: {
        name: 'matrix',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    }),
  },
  'GET /api/service-accounts/:id': {
    expect: [401, 403, 200, 404, 403, 403, 403],
    build: async () => ({ url: `/api/service-accounts/${(await freshAcmeServiceAccount()).id}` }),
  },
  'PUT /api/service-accounts/:id/grants': {
    expect: [401, 403, 200, 404, 403, 403, 403],
    build: async () => ({
      url: `/api/service-accounts/${(await freshAcmeServiceAccount()).id}/grants`,
      payload: { grants: [{ contractId: 'OCB0005122', section: 'requests', profile: 'viewer' }] },
    }),
  },
  'POST /api/service-accounts/:id/deactivate': {
    expect: [401, 403, 200, 404, 403, 403, 403],
    build: async () => ({
      url: `/api/service-accounts/${(await freshAcmeServiceAccount()).id}/deactivate`,
    }),
  },
  'POST /api/service-accounts/:id/tokens': {
    expect: [401, 403, 201, 404, 403, 403, 403],
    build: async () => ({
      url: `/api/service-accounts/${(await freshAcmeServiceAccount()).id}/tokens`,
      payload: { name: 'matrix' },
    }),
  },
  'POST /api/service-accounts/:id/tokens/:tokenId/rotate': {
    expect: [401, 403, 201, 404, 403, 403, 403],
    build: async () => {
      const { id, tokenId } = await freshAcmeServiceAccount();
      return {
        url: `/api/service-accounts/${id}/tokens/${tokenId}/rotate`,
        payload: { overlapHours: 1 },
      };
    },
  },
  'POST /api/service-accounts/:id/tokens/:tokenId/revoke': {
    expect: [401, 403, 204, 404, 403, 403, 403],
    build: async () => {
      const { id, tokenId } = await freshAcmeServiceAccount();
      return { url: `/api/service-accounts/${id}/tokens/${tokenId}/revoke` };
    },
  },
  'GET /api/back-office/service-accounts': { expect: adminOnly },
  'POST /api/back-office/service-accounts': {
    expect: adminOnly,
    build: () => ({
      url: '/api/back-office/service-accounts',
      payload: { name: 'matrix', role: 'agent' },
    }),
  },
  'GET /api/back-office/service-accounts/:id': {
    expect: adminOnly,
    build: async () => ({
      url: `/api/back-office/service-accounts/${(await freshProviderServiceAccount()).id}`,
    }),
  },
  'PUT /api/back-office/service-accounts/:id/role': {
    expect: adminOnly,
    build: async () => ({
      url: `/api/back-office/service-accounts/${(await freshProviderServiceAccount()).id}/role`,
      payload: { role: 'catalog_manager' },
    }),
  },
  'POST /api/back-office/service-accounts/:id/deactivate': {
    expect: adminOnly,
    build: async () => ({
      url: `/api/back-office/service-accounts/${(await freshProviderServiceAccount()).id}/deactivate`,
    }),
  },
  'POST /api/back-office/service-accounts/:id/tokens': {
    expect: adminOnly,
    build: async () => ({
      url: `/api/back-office/service-accounts/${(await freshProviderServiceAccount()).id}/tokens`,
      payload: { name: 'matrix' },
    }),
  },
  'POST /api/back-office/service-accounts/:id/tokens/:tokenId/rotate': {
    expect: adminOnly,
    build: async () => {
      const { id, tokenId } = await freshProviderServiceAccount();
      return {
        url: `/api/back-office/service-accounts/${id}/tokens/${tokenId}/rotate`,
        payload: { overlapHours: 1 },
      };
    },
  },
  'POST /api/back-office/service-accounts/:id/tokens/:tokenId/revoke': {
    expect: adminOnly,
    build: async () => {
      const { id, tokenId } = await freshProviderServiceAccount();
      return { url: `/api/back-office/service-accounts/${id}/tokens/${tokenId}/revoke` };
    },
  },
  // issue 17 part 4: exports of the lists (the list's rights: a customer its perimeter, an
  // operator has no customer grant and gets the header only) and saved views (a customer's
  // shared with OCB0005121's readers: another's is 403 to those who see it, 404 to others).
  'GET /api/requests.csv': { expect: authenticated(200) },
  'GET /api/back-office/requests.csv': { expect: [401, 403, 403, 403, 403, 403, 200] },
  'GET /api/saved-views': { expect: authenticated(200) },
  'POST /api/saved-views': {
    expect: [401, 201, 201, 404, 201, 201, 403],
    build: () => ({
      url: '/api/saved-views',
      payload: {
        name: `matrix ${randomUUID()}`,
        params: { group: 'transmise' },
        sharedContractId: 'OCB0005121',
      },
    }),
  },
  'PATCH /api/saved-views/:id': {
    expect: [401, 403, 200, 404, 403, 200, 403],
    build: async () => ({
      url: `/api/saved-views/${await freshAcmeView()}`,
      payload: { name: `matrix ${randomUUID()}` },
    }),
  },
  'DELETE /api/saved-views/:id': {
    expect: [401, 403, 204, 404, 403, 204, 403],
    build: async () => ({ url: `/api/saved-views/${await freshAcmeView()}` }),
  },
  'GET /api/back-office/saved-views': { expect: [401, 403, 403, 403, 403, 403, 200] },
  'POST /api/back-office/saved-views': {
    expect: [401, 403, 403, 403, 403, 403, 201],
    build: () => ({
      url: '/api/back-office/saved-views',
      payload: { name: `matrix ${randomUUID()}`, params: { tri: 'newest' }, isShared: false },
    }),
  },
  'PATCH /api/back-office/saved-views/:id': {
    expect: [401, 403, 403, 403, 403, 403, 200],
    build: async () => ({
      url: `/api/back-office/saved-views/${await freshQueueView()}`,
      payload: { isShared: false },
    }),
  },
  'DELETE /api/back-office/saved-views/:id': {
    expect: [401, 403, 403, 403, 403, 403, 204],
    build: async () => ({ url: `/api/back-office/saved-views/${await freshQueueView()}` }),
  },
  // Issue 20, decision 0034: approvals on the customer's side.
  //                                                  anon  viewer manager other integ token  operator
  'GET /api/contracts/:contractId/approval-rules': { expect: [401, 200, 200, 404, 200, 200, 404] },
  'PUT /api/contracts/:contractId/approval-rules': {
    // the referent only (gestionnaire@acme, also the token's owner)
    expect: [401, 403, 200, 404, 403, 200, 403],
    build: () => ({
      url: '/api/contracts/OCB0005121/approval-rules',
      payload: matrixApprovalRules,
    }),
  },
  'GET /api/approvals': { expect: [401, 200, 200, 200, 200, 200, 200] },
  'GET /api/requests/:id/approval': {
    expect: [401, 200, 200, 404, 200, 200, 404],
    build: async () => ({ url: `/api/requests/${await heldRequestId()}/approval` }),
  },
  'POST /api/requests/:id/approval': {
    // a Visiteur 403; the requester (the integrator) is no approver: 403; another customer 404
    expect: [401, 403, 200, 404, 403, 200, 404],
    build: async () => ({
      url: `/api/requests/${await freshHeld()}/approval`,
      payload: { decision: 'approve' },
    }),
  },
  'GET /api/approval-links/:token': {
    // the link is the referent's: anyone else logged in is refused
    expect: [401, 403, 200, 403, 403, 200, 403],
    build: async () => ({ url: `/api/approval-links/${await freshApprovalToken()}` }),
  },
  'POST /api/approval-links/:token': {
    expect: [401, 403, 200, 403, 403, 200, 403],
    build: async () => ({
      url: `/api/approval-links/${await freshApprovalToken()}`,
      payload: { decision: 'approve' },
    }),
  },
  'GET /api/approval-substitutes': { expect: [401, 200, 200, 200, 200, 200, 403] },
  'POST /api/approval-substitutes': {
    expect: [401, 403, 201, 404, 201, 201, 403],
    build: (persona) => ({
      url: '/api/approval-substitutes',
      payload: {
        contractId: 'OCB0005121',
        substituteId:
          persona === 'manager' || persona === 'apiToken' ? ids.integratorId : ids.managerId,
        startsAt: '2026-11-19T00:00:00Z',
        endsAt: '2026-11-25T00:00:00Z',
      },
    }),
  },
  'DELETE /api/approval-substitutes/:id': {
    // one's own only: anyone else's is not found
    expect: [401, 404, 204, 404, 404, 204, 403],
    build: async () => ({ url: `/api/approval-substitutes/${await freshSubstitution()}` }),
  },
};

/** Routes covered by a rule rather than one by one (first match wins). */
const rules: Rule[] = [
  {
    name: 'back-office reads: operators only',
    matches: (method, url) => method === 'GET' && url.startsWith('/api/back-office/'),
    //       anon viewer manager other integ token operator
    expect: [401, 403, 403, 403, 403, 403, operatorAllowed],
    build: (persona) => backOfficeCall(persona),
  },
  {
    name: 'back-office writes: operators only',
    matches: (_method, url) => url.startsWith('/api/back-office/'),
    // Writes check their body before the caller's role (a customer then gets a 400 that holds
    // nothing but the schema's field names): refused either way.
    expect: [401, refused, refused, refused, refused, refused, operatorAllowed],
    build: (persona) => backOfficeCall(persona),
  },
  {
    name: 'operations probes (health, readiness)',
    matches: (_method, url) => ['/healthz', '/readyz'].includes(url),
    expect: everyone(200),
  },
  {
    // issue 18: the harness listens on 0.0.0.0 (a deployed server's default) without METRICS_TOKEN, so a
    // loopback caller may be anyone: closed to all (reliability.routes.test.ts covers the rest)
    name: 'metrics',
    matches: (_method, url) => url === '/metrics',
    expect: everyone(404),
  },
  {
    name: 'API documentation',
    matches: (method, url) =>
      method === 'GET' && (url === '/api/docs' || url.startsWith('/api/docs/')),
    expect: everyone(open),
  },
  {
    name: 'sub-resources of a request (isolation only: add an explicit entry)',
    matches: (_method, url) => url.startsWith('/api/requests/:id/'),
    expect: [
      401,
      [200, 201, 204, 400, 403, 404, 409],
      [200, 201, 204, 400, 404, 409],
      404,
      [200, 201, 204, 400, 404, 409],
      [200, 201, 204, 400, 404, 409],
      [403, 404],
    ],
  },
];

/** Filled per back-office route while the matrix runs. */
let backOfficeCall: (persona: Persona) => Promise<Call> = () => Promise.resolve({ url: '' });

function sampleUrl(url: string): string {
  return url
    .replace(':contractId', 'OCB0005121')
    .replace(':attachmentId', randomUUID())
    .replace(':quoteId', randomUUID())
    .replace(/:(version|number|position)\b/, '1')
    .replace(/:id\b/, ids.acmeRequest)
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace(/\*$/, 'index.html');
}

function entryOf(method: string, url: string): (Entry & { rule?: string }) | undefined {
  const explicit = entries[`${method} ${url}`];
  if (explicit) return explicit;
  const rule = rules.find((candidate) => candidate.matches(method, url));
  return rule ? { ...rule, rule: rule.name } : undefined;
}

// ---- other customers' data that must never show ----------------------------------------

const acmeMarkers = () => [
  'OCB0005121',
  'OCB0005122',
  'ACME',
  demo.acme,
  demo.acmeTenant,
  'acme.example',
  'Camille Martin',
  'Dominique Petit',
  ids.acmeRequest,
  ...ids.acmeRequestNumbers,
];
const globexMarkers = (withCustomer: boolean) => [
  'OCB0007001',
  demo.globexTenant,
  'FE-OCB0007001',
  'globex.example',
  'Alex Dupont',
  ids.globexRequest,
  ids.globexRequestNumber,
  ...(withCustomer ? ['Globex', demo.globex] : []),
];

function foreignMarkers(persona: Persona): string[] {
  switch (persona) {
    case 'anonymous':
      return [...acmeMarkers(), ...globexMarkers(true)];
    case 'otherCustomer':
      return acmeMarkers();
    case 'integrator':
      // Globex is one of the integrator's own perimeters (listed in the session), not its data
      return globexMarkers(false);
    case 'viewer':
    case 'manager':
    case 'apiToken':
      return globexMarkers(true);
    case 'operator':
      return [];
  }
}

function leaksIn(persona: Persona, call: Call, body: string): string[] {
  const asked = JSON.stringify({
    url: call.url,
    payload: Buffer.isBuffer(call.payload) ? '' : call.payload,
  });
  return foreignMarkers(persona).filter(
    (marker) => marker !== '' && !asked.includes(marker) && body.includes(marker),
  );
}

// ---- set-up ------------------------------------------------------------------------------

beforeAll(async () => {
  const lastEvent = await h.database.db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  ids.liveEventsBefore = lastEvent?.id ?? '0';
  // The Visiteur persona is Visiteur on every section, so that each section's reads and
  // refusals are exercised.
  await h.database.db
    .insertInto('grants')
    .values(
      ['OCB0005121', 'OCB0005122'].flatMap((contractId) =>
        (['users', 'contracts'] as const).map((section) => ({
          user_id: ids.visitorId,
          contract_id: contractId,
          section,
          profile: 'viewer' as const,
        })),
      ),
    )
    .execute();
  for (const persona of personas) {
    if (persona === 'anonymous' || persona === 'apiToken') continue;
    credentials[persona] = { cookie: await sessionFor(persona) };
  }
  const token = await managerCall('POST', '/api/account/api-tokens', {
    name: 'matrix persona',
    grants: [
      { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
      { contractId: 'OCB0005121', section: 'inventory', profile: 'manager' },
      { contractId: 'OCB0005121', section: 'users', profile: 'manager' },
      { contractId: 'OCB0005121', section: 'contracts', profile: 'viewer' },
    ],
  });
  expect(token.statusCode, token.body).toBe(201);
  credentials.apiToken = { authorization: `Bearer ${bodyOf(token, CreatedApiToken).token}` };

  const acme = await h.database.db
    .selectFrom('requests')
    .select(['id', 'number'])
    .where('contract_id', 'in', ['OCB0005121', 'OCB0005122'])
    .where('status', '<>', 'draft')
    .orderBy('number')
    .execute();
  ids.acmeRequest = acme[0]?.id ?? '';
  ids.acmeRequestNumbers = acme.flatMap((row) => (row.number ? [row.number] : []));
  const upload = multipartFile('piece-jointe.txt', 'text/plain', Buffer.from('bonjour'));
  const attached = await h.app.inject({
    method: 'POST',
    url: `/api/requests/${ids.acmeRequest}/attachments`,
    payload: upload.payload,
    headers: { ...credentials.manager, ...upload.headers },
  });
  expect(attached.statusCode, attached.body).toBe(201);
  ids.acmeAttachment = bodyOf(attached, RequestFollowUp).attachments[0]!.id;

  const globex = await send('otherCustomer', 'POST', {
    url: '/api/requests',
    payload: {
      action: 'confirm',
      contractId: 'OCB0007001',
      assetId: demo.globexTenant,
      acknowledgeBilling: true,
      customerReference: 'GLOBEX-SECRET-REF',
      ...otherArticle,
    },
  });
  expect(globex.statusCode, globex.body).toBe(201);
  const globexRequest = bodyOf(globex, RequestDetail);
  ids.globexRequest = globexRequest.id;
  ids.globexRequestNumber = globexRequest.number!;
});
afterAll(() => h.close());

// ---- the matrix ----------------------------------------------------------------------------

describe(`the authorization matrix (${inject('databaseEngine')})`, () => {
  it('has an expected status for every route of the app, for every kind of caller', () => {
    const missing = routes.filter((route) => entryOf(route.method, route.url) === undefined);
    expect(missing.map((route) => route.key)).toEqual([]);
    const stale = Object.keys(entries).filter((key) => !routes.some((route) => route.key === key));
    expect(stale).toEqual([]);
  });

  describe.each(routes)('$key', (route) => {
    it.each(personas.map((persona, index) => ({ persona, index })))(
      'answers $persona as expected, with nothing of another customer',
      async ({ persona, index }) => {
        const entry = entryOf(route.method, route.url);
        if (!entry) throw new Error(`no expectation for ${route.key}`);
        if (entry.rule?.startsWith('back-office')) {
          backOfficeCall = async (who) =>
            who === 'operator' && route.method !== 'GET'
              ? { url: sampleUrl(route.url).replace(ids.acmeRequest, await freshSubmitted()) }
              : { url: sampleUrl(route.url) };
        }
        const call = entry.build ? await entry.build(persona) : { url: sampleUrl(route.url) };
        const response = await send(persona, route.method, call);
        const expected = [entry.expect[index] ?? []].flat();
        expect(expected, `${route.key} as ${persona}: ${response.body.slice(0, 300)}`).toContain(
          response.statusCode,
        );
        const reader = entry.answersAs ? entry.answersAs(persona) : persona;
        expect(leaksIn(reader, call, response.body), `${route.key} as ${persona}`).toEqual([]);
      },
    );
  });
});

describe('an integrator with two perimeters', () => {
  it('sees, counts and searches only the chosen perimeter’s data, and switches', async () => {
    const cookie = await sessionFor('integrator');
    const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });
    const choose = (customerId: string) =>
      h.app.inject({
        method: 'PUT',
        url: '/api/session/perimeter',
        headers: { cookie },
        payload: { customerId },
      });

    const inAcme = bodyOf(await get('/api/requests?limit=100'), RequestPage);
    expect(new Set(inAcme.items.map((item: { contractId: string }) => item.contractId))).toEqual(
      new Set(['OCB0005121']),
    );
    expect(JSON.stringify(inAcme)).not.toContain('OCB0007001');

    expect(bodyOf(await choose(demo.globex), SessionView).perimeter).toEqual({
      customerId: demo.globex,
      name: 'Globex',
    });
    const list = bodyOf(await get('/api/requests?limit=100'), RequestPage);
    expect(list.items.map((item: { id: string }) => item.id)).toContain(ids.globexRequest);
    expect(new Set(list.items.map((item: { contractId: string }) => item.contractId))).toEqual(
      new Set(['OCB0007001']),
    );
    const globexCount = await h.database.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('contract_id', '=', 'OCB0007001')
      .where('status', '<>', 'draft')
      .executeTakeFirstOrThrow();
    expect(list.total).toBe(Number(globexCount.count));
    for (const body of [
      list,
      (await get('/api/contracts')).json(),
      (await get('/api/requests?q=CHG')).json(),
      (await get(`/api/requests?q=${ids.acmeRequestNumbers[0]}`)).json(),
    ]) {
      for (const marker of ['OCB0005121', 'OCB0005122', ids.acmeRequest, ...ids.acmeRequestNumbers])
        expect(JSON.stringify(body)).not.toContain(marker);
    }
    expect(
      bodyOf(await get(`/api/requests?q=${ids.acmeRequestNumbers[0]}`), RequestPage).total,
    ).toBe(0);
    expect((await get(`/api/requests/${ids.acmeRequest}`)).statusCode).toBe(404);
    expect((await get('/api/contracts/OCB0005121/assets')).statusCode).toBe(404);
    expect((await get(`/api/assets/${demo.acmeTenant}`)).statusCode).toBe(404);

    await choose(demo.acme);
    expect((await get(`/api/requests/${ids.acmeRequest}`)).statusCode).toBe(200);
    expect((await get(`/api/requests/${ids.globexRequest}`)).statusCode).toBe(404);
  });
});
