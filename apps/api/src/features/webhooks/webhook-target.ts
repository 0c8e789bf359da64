import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

/**
 * Where a webhook may go (SSRF, decision 0028). Loopback, private, link-local, unique-local,
 * shared (CGNAT), multicast, reserved and unspecified addresses are refused unless
 * WEBHOOKS_ALLOW_PRIVATE is set; the name is resolved when the subscription is saved and
 * again at each connection (the address connected to is the one checked: a name that
 * resolves elsewhere later, DNS rebinding, gains nothing). Redirects are not followed.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** IPv4 written inside IPv6 (`::ffff:10.0.0.1`, `64:ff9b::a00:1`, `::10.0.0.1`): its IPv4. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return null;
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner !== null) return blocked.check(inner, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export class TargetRefused extends Error {
  constructor(
    message: string,
    readonly rule: 'private_address' | 'unresolvable' | 'url',
  ) {
    super(message);
  }
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Checks a URL and what its host resolves to now; throws TargetRefused. */
export async function checkTarget(raw: string, allowPrivate: boolean): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('Not a URL', 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TargetRefused('An http:// or https:// URL', 'url');
  }
  if (url.username !== '' || url.password !== '') {
    throw new TargetRefused('No user name or password in the URL', 'url');
  }
  if (allowPrivate) return;
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((entry) => entry.address),
        () => {
          throw new TargetRefused(`${host} does not resolve`, 'unresolvable');
        },
      );
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new TargetRefused(
      `${host} leads to a private or loopback address: refused (WEBHOOKS_ALLOW_PRIVATE)`,
      'private_address',
    );
  }
}

/** A lookup that refuses private answers: the address checked is the address connected to. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 })
      .then((found) => {
        const refused = found.find((entry) => !allowPrivate && isPrivateAddress(entry.address));
        const first = found[0];
        if (refused || !first) {
          const error = new TargetRefused(
            `${hostname} resolves to a private or loopback address: refused`,
            'private_address',
          );
          callback(error as NodeJS.ErrnoException, '', 0);
          return;
        }
        if (options.all) callback(null, found);
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}

export interface PostOutcome {
  statusCode: number | null;
  durationMs: number;
  /** The answer's first bytes, as text. */
  excerpt: string;
  error: string | null;
}

export interface PostOptions {
  allowPrivate: boolean;
  /** Whole attempt: connection, answer's head and the bytes read (ms). */
  timeoutMs: number;
  /** Bytes of the answer read at most; the rest is not read. */
  maxResponseBytes: number;
}

/** POSTs a webhook; never throws: what happened is the outcome. */
export async function postWebhook(
  raw: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostOutcome> {
  const started = performance.now();
  const done = (outcome: Omit<PostOutcome, 'durationMs'>): PostOutcome => ({
    ...outcome,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = new URL(raw);
    const host = hostOf(url);
    if (isIP(host) && !options.allowPrivate && isPrivateAddress(host)) {
      return done({
        statusCode: null,
        excerpt: '',
        error: `${host} is a private or loopback address: refused`,
      });
    }
  } catch {
    return done({ statusCode: null, excerpt: '', error: 'Not a URL' });
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      resolve(done(outcome));
    };
    const outgoing = send(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Guichet-Webhooks/1',
        },
        lookup: guardedLookup(options.allowPrivate),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const end = () =>
          finish({
            statusCode: response.statusCode ?? null,
            excerpt: Buffer.concat(chunks).subarray(0, options.maxResponseBytes).toString('utf8'),
            error: null,
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= options.maxResponseBytes) end();
        });
        response.on('end', end);
        response.on('error', end);
      },
    );
    const timer = setTimeout(
      () =>
        finish({
          statusCode: null,
          excerpt: '',
          error: `No answer within ${options.timeoutMs} ms`,
        }),
      options.timeoutMs,
    );
    outgoing.on('error', (error) =>
      finish({ statusCode: null, excerpt: '', error: error.message }),
    );
    outgoing.end(body);
  });
}
