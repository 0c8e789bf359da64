import pg from 'pg';

export interface Listener {
  /** Whether the LISTEN is in place now (false while reconnecting). */
  isListening(): boolean;
  close(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  channel: string;
  /** Each notification's payload, as they arrive. */
  onNotify(payload: string): void;
  /**
   * After the LISTEN is in place again following a lost connection: what was written
   * meanwhile was announced to nobody, so the caller reads it now.
   */
  onReconnect(): void;
  onError?(error: unknown): void;
  /** First wait before reconnecting (ms), doubled at each failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * LISTEN on one dedicated connection (a pooled one would be handed to queries and its
 * notifications lost). The connection is made again with backoff whenever it is lost.
 */
export async function listen(options: ListenOptions): Promise<Listener> {
  const firstBackoff = options.backoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  let client: pg.Client | null = null;
  let isClosed = false;
  let isListening = false;
  let backoff = firstBackoff;
  let retry: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url });
    next.on('error', (error) => {
      options.onError?.(error);
      lost(next);
    });
    next.on('end', () => lost(next));
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload ?? '');
    });
    client = next;
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`);
    isListening = true;
    backoff = firstBackoff;
  }

  function lost(which: pg.Client): void {
    if (client !== which) return;
    client = null;
    isListening = false;
    which.removeAllListeners('notification');
    void which.end().catch(() => undefined);
    if (!isClosed) schedule();
  }

  function schedule(): void {
    if (retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      const attempt = connect();
      attempt.then(
        () => options.onReconnect(),
        (error: unknown) => {
          options.onError?.(error);
          backoff = Math.min(backoff * 2, maxBackoff);
          if (client !== null) lost(client);
          else if (!isClosed) schedule();
        },
      );
    }, backoff);
    retry.unref();
  }

  await connect();
  return {
    isListening: () => isListening,
    async close() {
      isClosed = true;
      if (retry !== null) clearTimeout(retry);
      const current = client;
      client = null;
      isListening = false;
      if (current) await current.end().catch(() => undefined);
    },
  };
}
