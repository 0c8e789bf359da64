import type { FastifyInstance } from 'fastify';

export interface InteractiveActivity {
  /** Interactive requests being answered now, in this process. */
  inFlight: number;
  /** Since the last one started, in ms (Infinity if none ever did). */
  msSinceLastStarted: number;
}

/**
 * The interactive requests this process is answering: what a long background writer (the
 * inventory sync) gives way to. Process-wide and advisory only — it decides how fast a sync
 * writes, never what it writes.
 */
export class InteractiveRequests {
  #inFlight = 0;
  #lastStartedAt = Number.NEGATIVE_INFINITY;
  #waiters = new Set<() => void>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** One request starts; the function returned ends it (once, however often it is called). */
  start(): () => void {
    this.#inFlight += 1;
    this.#lastStartedAt = this.now();
    let isDone = false;
    return () => {
      if (isDone) return;
      isDone = true;
      this.#inFlight -= 1;
      if (this.#inFlight === 0) {
        for (const wake of this.#waiters) wake();
        this.#waiters.clear();
      }
    };
  }

  activity(): InteractiveActivity {
    return { inFlight: this.#inFlight, msSinceLastStarted: this.now() - this.#lastStartedAt };
  }

  /** Resolves when no request is in flight, or after `maxMs`, whichever comes first. */
  async whenNone(maxMs: number): Promise<void> {
    if (this.#inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, maxMs);
      this.#waiters.add(wake);
    });
  }
}

/** The process's one count, shared by every app it builds. */
export const interactiveRequests = new InteractiveRequests();

/** Long-lived or background requests: they never make a sync give way. */
function isInteractive(method: string, route: string | undefined): boolean {
  if (route === '/api/events') return false;
  return !(method === 'POST' && route === '/api/back-office/inventory/sync');
}

export function registerInteractiveRequests(
  app: FastifyInstance,
  requests: InteractiveRequests = interactiveRequests,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isInteractive(request.method, request.routeOptions.url)) return;
    // 'close' comes once the answer is sent or the client went away, whichever happens.
    reply.raw.once('close', requests.start());
  });
}
