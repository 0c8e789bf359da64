import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Webhook } from 'standardwebhooks';

/**
 * A webhook receiver in a process of its own (tests and bench:webhooks start it with
 * `node --import tsx`): it checks every delivery's signature twice — with the
 * `standardwebhooks` library and by the specification's algorithm written out (HMAC-SHA256
 * of `id.timestamp.body` with the secret's base64 bytes) — and records what came.
 *
 * - `POST /secrets/:name` `{ secrets: [...] }`: the secrets of the endpoint `/hooks/:name`;
 * - `POST /fail/:name` `{ type, times }`: the first `times` attempts of each message of that
 *   type are answered 500;
 * - `POST /hooks/:name`: a delivery; 200 (or 500 as asked above, or 401 when unsigned);
 * - `GET /received`: every delivery so far, in arrival order.
 * Prints `listening <port>` once ready.
 */
interface Received {
  endpoint: string;
  id: string;
  timestamp: number;
  type: string;
  requestId: string | null;
  signatureCount: number;
  isVerified: boolean;
  isVerifiedBySpec: boolean;
  answered: number;
  body: string;
}

const secrets = new Map<string, string[]>();
const failures = new Map<string, { type: string; times: number }>();
const attemptsById = new Map<string, number>();
const received: Received[] = [];

/** The specification's algorithm, written out. */
function verifiesBySpec(
  secret: string,
  id: string,
  timestamp: string,
  body: string,
  header: string,
) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return header.split(' ').some((signature) => {
    const [version, value] = signature.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((request, response) => {
  void (async () => {
    const body = await readBody(request);
    const [, kind, name = ''] = (request.url ?? '').split('/');
    const answer = (status: number, value: unknown = {}) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'GET' && kind === 'received') return answer(200, received);
    if (request.method === 'POST' && kind === 'secrets') {
      secrets.set(name, (JSON.parse(body) as { secrets: string[] }).secrets);
      return answer(200);
    }
    if (request.method === 'POST' && kind === 'fail') {
      failures.set(name, JSON.parse(body) as { type: string; times: number });
      return answer(200);
    }
    if (request.method === 'POST' && kind === 'hooks') {
      const id = String(request.headers['webhook-id'] ?? '');
      const timestamp = String(request.headers['webhook-timestamp'] ?? '');
      const signature = String(request.headers['webhook-signature'] ?? '');
      const known = secrets.get(name) ?? [];
      const isVerified = known.some((secret) => {
        try {
          new Webhook(secret).verify(body, {
            'webhook-id': id,
            'webhook-timestamp': timestamp,
            'webhook-signature': signature,
          });
          return true;
        } catch {
          return false;
        }
      });
      const isVerifiedBySpec = known.some((secret) =>
        verifiesBySpec(secret, id, timestamp, body, signature),
      );
      const payload = JSON.parse(body) as {
        type: string;
        data: { request?: { id: string } };
      };
      const attempt = (attemptsById.get(`${name}:${id}`) ?? 0) + 1;
      attemptsById.set(`${name}:${id}`, attempt);
      const failure = failures.get(name);
      const status = !isVerified
        ? 401
        : failure && failure.type === payload.type && attempt <= failure.times
          ? 500
          : 200;
      received.push({
        endpoint: name,
        id,
        timestamp: Number(timestamp),
        type: payload.type,
        requestId: payload.data.request?.id ?? null,
        signatureCount: signature.split(' ').length,
        isVerified,
        isVerifiedBySpec,
        answered: status,
        body,
      });
      return answer(status, { ok: status === 200 });
    }
    return answer(404);
  })().catch((error: unknown) => {
    response.writeHead(500);
    response.end(String(error));
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
