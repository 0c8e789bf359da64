import http from 'node:http';

export interface StreamEvent {
  id: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: StreamEvent[];
  /** The last `id:` the server sent (what a browser sends back as `Last-Event-ID`). */
  lastEventId(): string | null;
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  hasEnded(): boolean;
  comments: number;
  /** Waits until an event matching `predicate` arrived (rejects after `timeoutMs`). */
  waitFor(predicate: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

/** A server-sent events client over plain HTTP, parsing frames as a browser does. */
export function openSse(
  url: string,
  headers: Record<string, string> = {},
  options: { onEvent?: (event: StreamEvent) => void } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } });
    request.on('error', reject);
    request.on('response', (response) => {
      let buffer = '';
      let lastId: string | null = null;
      let isEnded = false;
      const waiters = new Set<() => void>();
      let endResolve: () => void = () => undefined;
      const ended = new Promise<void>((done) => (endResolve = done));
      const client: SseClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        events: [],
        comments: 0,
        lastEventId: () => lastId,
        ended,
        hasEnded: () => isEnded,
        waitFor(predicate, timeoutMs = 5000) {
          return new Promise((found, fail) => {
            const check = () => {
              const event = client.events.find(predicate);
              if (event) {
                waiters.delete(check);
                clearTimeout(timer);
                found(event);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no such event in ${timeoutMs} ms: ${JSON.stringify(client.events)}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => request.destroy(),
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = 'message';
          let data = '';
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) client.comments += 1;
            else if (line.startsWith('id: ')) lastId = line.slice(4);
            else if (line.startsWith('event: ')) type = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data !== '') {
            const event = { id: lastId, type, data: JSON.parse(data) as Record<string, unknown> };
            client.events.push(event);
            options.onEvent?.(event);
          }
        }
        for (const waiter of [...waiters]) waiter();
      });
      const finish = () => {
        isEnded = true;
        endResolve();
      };
      response.on('end', finish);
      response.on('close', finish);
      resolve(client);
    });
  });
}
