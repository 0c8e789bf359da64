import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

/** What helmet's own middleware writes on a response, header by header. */
function headersOfMiddleware(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const written = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: unknown) => written.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => written.delete(name.toLowerCase()),
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return Object.fromEntries(written);
}

describe('securityHeaders', () => {
  const options = {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], frameAncestors: ["'none'"] },
    },
  };

  it('gives exactly the headers helmet sets for the same options', () => {
    expect(securityHeaders(options)).toEqual(headersOfMiddleware(options));
  });

  it('writes the Content-Security-Policy from the directives given', () => {
    const policy = securityHeaders(options)['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(securityHeaders(options)['x-content-type-options']).toBe('nosniff');
  });

  it('refuses options helmet refuses, at start-up', () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { 'default-src': ['self'] } } }),
    ).toThrow();
  });

  it('leaves a header out when its option is off', () => {
    expect(securityHeaders({ ...options, xFrameOptions: false })).not.toHaveProperty(
      'x-frame-options',
    );
  });
});
