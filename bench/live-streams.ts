/**
 * bench:live's stream clients, in a process of their own: their parsing must not hold up
 * the load generator's event loop (in one process, 2 000 streams' frames slowed autocannon
 * itself). Driven by messages from bench/live.ts; times are absolute (timeOrigin + now).
 */
import http from 'node:http';

type Audience = 'acme' | 'globex' | 'agent';

export type ToStreams =
  | { type: 'open'; baseUrl: string; streams: { cookie: string; audience: Audience }[] }
  | { type: 'watch'; id: string }
  | { type: 'report' }
  | { type: 'close' };

export type FromStreams =
  | { type: 'opened'; count: number }
  | { type: 'heard'; id: string; arrivals: number[]; missing: number }
  | { type: 'report'; foreign: number; globexHeard: number };

interface Stream {
  audience: Audience;
  heard: Map<string, number>;
  foreign: number;
  request: http.ClientRequest;
}

const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const streams: Stream[] = [];
const watched = new Map<string, () => void>();

function send(message: FromStreams): void {
  process.send?.(message);
}

function openStream(baseUrl: string, cookie: string, audience: Audience): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/api/events`, {
      agent,
      headers: { cookie, accept: 'text/event-stream' },
    });
    const stream: Stream = { audience, heard: new Map(), foreign: 0, request };
    request.on('error', reject);
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream: ${response.statusCode}`));
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        const at = now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (data === undefined) continue;
          const event = JSON.parse(data) as {
            type: string;
            id?: string;
            status?: string;
            contractId?: string;
          };
          const contract = event.contractId;
          if (
            contract !== undefined &&
            ((audience === 'acme' && contract === 'OCB0007001') ||
              (audience === 'globex' && contract.startsWith('OCB000512')))
          )
            stream.foreign += 1;
          if (event.type === 'request.changed' && event.status === 'in_review' && event.id) {
            const check = watched.get(event.id);
            if (check) {
              stream.heard.set(event.id, at);
              check();
            } else if (audience === 'globex') stream.heard.set(event.id, at);
          }
        }
      });
      resolve(stream);
    });
  });
}

process.on('message', (message: ToStreams) => {
  void (async () => {
    switch (message.type) {
      case 'open': {
        for (let index = 0; index < message.streams.length; index += 100) {
          streams.push(
            ...(await Promise.all(
              message.streams
                .slice(index, index + 100)
                .map((stream) => openStream(message.baseUrl, stream.cookie, stream.audience)),
            )),
          );
        }
        send({ type: 'opened', count: streams.length });
        return;
      }
      case 'watch': {
        const concerned = streams.filter((stream) => stream.audience !== 'globex');
        const finish = () => {
          watched.delete(message.id);
          clearTimeout(timer);
          const arrivals = concerned.flatMap((stream) => {
            const at = stream.heard.get(message.id);
            return at === undefined ? [] : [at];
          });
          send({
            type: 'heard',
            id: message.id,
            arrivals,
            missing: concerned.length - arrivals.length,
          });
        };
        const timer = setTimeout(finish, 10_000);
        watched.set(message.id, () => {
          if (concerned.every((stream) => stream.heard.has(message.id))) finish();
        });
        return;
      }
      case 'report':
        send({
          type: 'report',
          foreign: streams.reduce((sum, stream) => sum + stream.foreign, 0),
          globexHeard: streams
            .filter((stream) => stream.audience === 'globex')
            .reduce((sum, stream) => sum + stream.heard.size, 0),
        });
        return;
      case 'close':
        for (const stream of streams) stream.request.destroy();
        process.exit(0);
    }
  })();
});
