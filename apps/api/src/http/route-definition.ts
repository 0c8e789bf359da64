import type {
  FastifyContextConfig,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
} from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@guichet/contracts';
import { authOf } from './auth.ts';
import type { AuthContext, RouteDeps } from './context.ts';

/**
 * One route declared as data (decision 0027): its operation key as `openapi.ts` names it
 * (`METHOD url`), its schema (summary, params, query, body, the answer and its status, the
 * error statuses), its config (public, rate limit) and its handler, which receives the parsed
 * input and the caller. `routesPlugin` registers a feature's list in order, each with
 * `app.route()`: the schemas still reach the OpenAPI document and validation as before.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** The statuses an `ErrorBody` may answer with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

/** What a handler receives: the parsed input, the caller (`authOf`, read when used) and reply. */
export interface RouteCall<
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  H extends Schema = undefined,
> {
  /** The caller; reading it outside a public route's handler answers 401 without one. */
  readonly auth: AuthContext;
  readonly params: Parsed<P>;
  readonly query: Parsed<Q>;
  readonly body: Parsed<B>;
  readonly headers: Parsed<H>;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** What the handler returns: the answer (nothing for a 204), or `reply` when it sent one itself. */
type Answer<Ok extends Schema> = ([Ok] extends [z.ZodType] ? z.output<Ok> : void) | FastifyReply;

export interface RouteSpec<
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  Ok extends Schema,
  H extends Schema = undefined,
> {
  summary: string;
  description?: string;
  /** The group's tags unless given. */
  tags?: readonly string[];
  params?: P;
  querystring?: Q;
  body?: B;
  headers?: H;
  /** The success answer's schema; none for a 204 or a route that sends a file through `reply`. */
  ok?: Ok;
  /** The success status when not 200 (201 created, 202 accepted, 204 no content): the handler's value is sent with it. */
  status?: 201 | 202 | 204;
  /** Other success answers the handler sends itself through `reply` (202 of a pending sign-in). */
  otherAnswers?: Readonly<Record<number, z.ZodType>>;
  /** The error statuses (each an `ErrorBody`); the group's unless given. */
  errors?: readonly ErrorStatus[];
  produces?: readonly string[];
  config?: FastifyContextConfig;
  bodyLimit?: number;
  handle(call: RouteCall<P, Q, B, H>): Answer<Ok> | Promise<Answer<Ok>>;
}

/**
 * The error statuses of most routes: a refused input (400), no caller (401), a caller without
 * the right (403), what is not there or not theirs (404), a conflict with the state (409).
 */
export const usualErrors: readonly ErrorStatus[] = [400, 401, 403, 404, 409];

/** What a feature's routes share: their OpenAPI tags and error statuses (`usualErrors` unless given). */
export interface RouteGroup {
  tags: readonly string[];
  errors?: readonly ErrorStatus[];
}

export interface RouteDefinition {
  readonly method: Method;
  readonly url: string;
  options(group: RouteGroup): RouteOptions;
}

/** `{ 400: ErrorBody, … }` for the statuses given. */
export function errorAnswers(statuses: readonly ErrorStatus[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBody]));
}

function callOf<P extends Schema, Q extends Schema, B extends Schema, H extends Schema>(
  request: FastifyRequest,
  reply: FastifyReply,
): RouteCall<P, Q, B, H> {
  return {
    get auth() {
      return authOf(request);
    },
    params: request.params as Parsed<P>,
    query: request.query as Parsed<Q>,
    body: request.body as Parsed<B>,
    headers: request.headers as Parsed<H>,
    request,
    reply,
  };
}

/** Declares the route `key` (`'GET /api/requests/:id'`, the key of its operationId). */
export function route<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  Ok extends Schema = undefined,
  H extends Schema = undefined,
>(key: `${Method} ${string}`, spec: RouteSpec<P, Q, B, Ok, H>): RouteDefinition {
  const space = key.indexOf(' ');
  const method = key.slice(0, space) as Method;
  const url = key.slice(space + 1);
  return {
    method,
    url,
    options(group) {
      const response: Record<number, unknown> = {
        ...(spec.ok !== undefined && { [spec.status ?? 200]: spec.ok }),
        ...(spec.status === 204 && { 204: z.null() }),
        ...spec.otherAnswers,
        ...errorAnswers(spec.errors ?? group.errors ?? usualErrors),
      };
      const schema = {
        tags: spec.tags ?? group.tags,
        summary: spec.summary,
        ...(spec.description !== undefined && { description: spec.description }),
        ...(spec.params && { params: spec.params }),
        ...(spec.querystring && { querystring: spec.querystring }),
        ...(spec.body && { body: spec.body }),
        ...(spec.headers && { headers: spec.headers }),
        ...(spec.produces && { produces: spec.produces }),
        response,
      };
      return {
        method,
        url,
        schema,
        ...(spec.config && { config: spec.config }),
        ...(spec.bodyLimit !== undefined && { bodyLimit: spec.bodyLimit }),
        handler: async (request, reply) => {
          const answer = await spec.handle(callOf<P, Q, B, H>(request, reply));
          if (answer === reply || spec.status === undefined) return answer;
          return reply.status(spec.status).send(spec.status === 204 ? null : answer);
        },
      };
    },
  };
}

/**
 * A feature's routes plugin: `build` lists its routes (given the deps and config, and the
 * plugin's instance for what is not a route: a content-type parser, a close hook), registered
 * in that order.
 */
export function routesPlugin<Options extends RouteDeps = RouteDeps>(
  group: RouteGroup,
  build: (options: Options, app: FastifyInstance) => readonly RouteDefinition[],
): FastifyPluginCallbackZod<Options> {
  return (app, options, done) => {
    for (const definition of build(options, app)) app.route(definition.options(group));
    done();
  };
}
