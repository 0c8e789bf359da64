import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
  isPublic: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app as registered (the authorization matrix test starts from it). */
    routeTable: readonly RouteEntry[];
  }
}

/** Collects the routes as they are registered; must run before any route is added. */
export function registerRouteTable(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (route) => {
    const isPublic = route.config?.isPublic === true;
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, isPublic });
  });
}
