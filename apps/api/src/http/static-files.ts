import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sessionCookie } from './auth.ts';

/** Vite writes every built file but index.html under /assets/ with a content hash in its name. */
const hashedAsset = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * The cache policy of a web file: a hashed asset never changes (a new build gives it a new name),
 * so browsers keep it a year without asking; everything else (index.html, favicon…) is checked
 * with the server at every use, so a new release is seen at the next page load.
 */
export function cacheControlFor(urlPath: string): string {
  return hashedAsset.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The pages that start from the customer's contracts: the change form, new or a draft's. */
const contractsPages = /^\/demandes\/(?:nouvelle\/changement|[^/]+\/modifier)$/;

/**
 * The API answers a page needs first, for the browser to fetch while it loads the scripts
 * (decision 0038), as a `Link` preload header: the contracts on the change form, when the
 * visitor is signed in (an anonymous visit would log a 401 and leave the preload unused). The
 * app's own fetch takes the answer: the same URL, CORS mode and credentials ("anonymous" is
 * its "same-origin"). index.html preloads the session, which every page asks for.
 */
export function preloadLinkFor(urlPath: string, isSignedIn: boolean): string | null {
  if (!isSignedIn || !contractsPages.test(urlPath)) return null;
  return '</api/contracts>; rel=preload; as=fetch; crossorigin=anonymous';
}

/**
 * Serves the built web app: the `.br` and `.gz` files written beside each asset at build time
 * (apps/web/vite.config.ts) are sent to browsers that accept them, with the cache policy above.
 */
export async function registerWebFiles(app: FastifyInstance, webDist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    // by the path asked for: the single-page app's own paths are answered with index.html
    setHeaders: (reply) => {
      const urlPath = reply.request.url.split('?')[0] ?? '/';
      reply.header('cache-control', cacheControlFor(urlPath));
      const link = preloadLinkFor(urlPath, reply.request.cookies[sessionCookie] !== undefined);
      if (link !== null) reply.header('link', link);
    },
  });
}
