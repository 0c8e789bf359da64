import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Deps } from './context.ts';
import { hit } from './rate-limit.repository.ts';

/**
 * @fastify/rate-limit's store kept in PostgreSQL (issue 18): its default store lives in each
 * process's memory, so N API processes gave an address N times the limit. One window per
 * route and key (the client address), counted by one upsert; times from the injected clock.
 */
export function postgresRateLimitStore(deps: Deps): FastifyRateLimitStoreCtor {
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    private readonly route: string;

    constructor(route?: unknown) {
      // the plugin builds the first one with its options: routes get theirs from `child`
      this.route = typeof route === 'string' ? route : 'global';
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = deps.clock();
      hit(deps.db, { route: this.route, key, windowMs: timeWindow, now }).then(
        ({ hits, startedAt }) =>
          callback(null, {
            current: hits,
            ttl: Math.max(0, startedAt.getTime() + timeWindow - now.getTime()),
          }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(options: object): FastifyRateLimitStore {
      const route = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new PostgresRateLimitStore(`${String(route?.method)} ${String(route?.url)}`);
    }
  }
  return PostgresRateLimitStore;
}
