import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

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
      reply.header('cache-control', cacheControlFor(reply.request.url.split('?')[0] ?? '/'));
    },
  });
}
