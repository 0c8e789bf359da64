import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@guichet/domain';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a write that carries the session cookie must come from a page
 * of Guichet itself. Browsers say where a request comes from (`Origin` on every cross-origin
 * write, `Sec-Fetch-Site` on all of them); a write from another site is refused. Calls with a
 * Bearer token carry no ambient credential and are not concerned. The SameSite=Lax cookie is
 * a second line of defence.
 */
export function registerCsrfProtection(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    refuseCrossSite(request);
    done();
  });
}

function refuseCrossSite(request: FastifyRequest): void {
  if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return;
  if (request.headers.authorization?.startsWith('Bearer ')) return;
  if (request.headers.cookie === undefined) return;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new DomainError('forbidden', 'Cross-site request refused');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new DomainError('forbidden', 'Cross-site request refused');
    }
    if (originHost !== request.headers.host)
      throw new DomainError('forbidden', 'Cross-site request refused');
  } else if (origin === 'null') {
    throw new DomainError('forbidden', 'Cross-site request refused');
  }
}
