import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@guichet/domain';
import type { AuthContext, Deps } from './context.ts';
import { resolveSession } from '../features/session/session.service.ts';
import { resolveApiToken } from '../features/api-tokens/api-tokens.service.ts';

export const sessionCookie = 'guichet_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session (login, health, API docs). */
    isPublic?: boolean;
  }
}

/**
 * Resolves the session of every `/api` call; everything but public routes needs one. Before
 * the body is validated, so that an anonymous caller learns nothing but 401.
 */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('auth', null);
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    request.auth = await resolveCaller(deps, request);
    if (request.auth === null && request.routeOptions.config.isPublic !== true) {
      throw new DomainError('unauthenticated', 'Log in first');
    }
  });
}

/**
 * The caller's session or token, resolved again (a live stream checks at each heartbeat that
 * it was neither revoked nor expired, and takes its rights as they are now).
 */
export function resolveCaller(deps: Deps, request: FastifyRequest): Promise<AuthContext | null> {
  // A personal API token (`Authorization: Bearer …`) stands for the session cookie; a
  // malformed or unknown one authenticates nobody, whatever cookie comes with it.
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer ([\x21-\x7e]+)$/.exec(authorization)?.[1];
    return bearer ? resolveApiToken(deps, bearer) : Promise.resolve(null);
  }
  const token = request.cookies[sessionCookie];
  return token ? resolveSession(deps, token) : Promise.resolve(null);
}

export function authOf(request: FastifyRequest): AuthContext {
  if (request.auth === null) throw new DomainError('unauthenticated', 'Log in first');
  return request.auth;
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}
