import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';

/**
 * The headers helmet's middleware sets for these options, computed once. Its Fastify plugin
 * (`@fastify/helmet`) built the middleware again on every request, parsing the
 * Content-Security-Policy each time: 2–3 % of the process's time under load (issue 6's
 * profiles). None of our options depends on the request, so the headers are the same for
 * every answer.
 */
export function securityHeaders(
  options: Readonly<HelmetOptions>,
): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  const failures: Error[] = [];
  helmet(options)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      if (error !== undefined && error !== null)
        failures.push(error instanceof Error ? error : new Error('helmet refused its options'));
    },
  );
  if (failures[0]) throw failures[0];
  return Object.freeze(headers);
}

/** Every answer, API or static file, carries the same security headers. */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/**
 * Guichet's headers (issue 18). Framing is refused twice, consistently: CSP
 * `frame-ancestors 'none'` and `X-Frame-Options: DENY` (helmet's default, SAMEORIGIN,
 * contradicted it). HSTS and `upgrade-insecure-requests` only when Guichet is served over HTTPS
 * (`SECURE_COOKIES`): sent over plain HTTP they would break a deployment without TLS.
 */
export function guichetHeaderOptions(site: { https: boolean }): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: site.https ? [] : null,
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: site.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}
