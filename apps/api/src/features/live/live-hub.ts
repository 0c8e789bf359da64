import { PassThrough } from 'node:stream';
import { listen } from '@guichet/db';
import type { Listener } from '@guichet/db';
import { mayHear, replayDecision } from '@guichet/domain';
import type { LiveListener } from '@guichet/domain';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as repository from './live.repository.ts';
import type { LiveEventRow } from './live.repository.ts';
import { audienceOf, frameOf, listenerOf } from './live.service.ts';
import { liveSessionIds } from '../session/session.service.ts';
import { liveTokenIds } from '../api-tokens/api-tokens.service.ts';

export const liveChannel = 'guichet_live';

/** A stream whose client reads slower than this many bytes behind is ended (it reconnects). */
const maxBufferedBytes = 1024 * 1024;
/** Event ids delivered recently, so that a catch-up after a reconnect sends nothing twice. */
const rememberedIds = 10_000;
/** How far behind the highest id delivered a catch-up reads again (late commits). */
const catchUpMargin = 200;
/**
 * Notifications are read together when they come this close (ms): under a load of writes,
 * one read of `live_events` for many transactions instead of one each.
 */
const gatherMs = 50;
/** How long a replayed stream remembers what its replay sent (late notifications). */
const replayMemoryMs = 30_000;

export interface LiveHubOptions {
  /** The database the API's pool uses: the listener's connection is one of its own. */
  databaseUrl: string;
  /** Comment lines this often keep proxies from closing idle streams; rights are checked then. */
  heartbeatMs: number;
  log?: { error(error: unknown, message: string): void };
}

interface Stream {
  body: PassThrough;
  listener: LiveListener;
  /** What the stream was opened with: checked at each heartbeat, all streams at once. */
  sessionId: string;
  apiTokenId: string | null;
  /** The session or token resolved again (its rights changed): null once it is no more. */
  reauthenticate(): Promise<AuthContext | null>;
  /** While its replay is read, live events wait here. */
  queued: LiveEventRow[] | null;
  /** Ids its replay sent, not to be sent again when their notification comes in late. */
  replayed: Set<string>;
}

/**
 * The live stream's fan-out in one API process (decision 0018): one dedicated connection
 * LISTENs, each NOTIFY (one per writing transaction) names a transaction whose `live_events`
 * rows are read once, and each row goes to the connected streams whose rights cover it.
 * Started by the first stream, so that processes and tests without streams hold no connection.
 */
export class LiveHub {
  private readonly streams = new Set<Stream>();
  /** The streams by who they are (`user:<id>`), the contracts they see, or `operators`. */
  private readonly index = new Map<string, Set<Stream>>();
  private listener: Promise<Listener> | null = null;
  private readonly pending = new Set<string>();
  private isFlushing = false;
  private gathering: NodeJS.Timeout | null = null;
  private readonly delivered = new Set<string>();
  private highestId = 0n;
  private heartbeat: NodeJS.Timeout | null = null;
  private isRechecking = false;
  private isClosed = false;

  constructor(
    private readonly deps: Deps,
    private readonly options: LiveHubOptions,
  ) {}

  get streamCount(): number {
    return this.streams.size;
  }

  /**
   * Opens a stream for a caller: what they missed since `lastEventId` first (or `reload`),
   * then what happens. With `once`, the body ends after the missed events.
   */
  async open(input: {
    auth: AuthContext;
    reauthenticate: () => Promise<AuthContext | null>;
    lastEventId: string | null;
    once: boolean;
  }): Promise<PassThrough> {
    const body = new PassThrough();
    const stream: Stream = {
      body,
      listener: listenerOf(input.auth),
      sessionId: input.auth.sessionId,
      apiTokenId: input.auth.apiTokenId ?? null,
      reauthenticate: input.reauthenticate,
      queued: [],
      replayed: new Set(),
    };
    if (!input.once) {
      await this.start();
      this.add(stream);
      body.on('close', () => this.remove(stream));
    }
    body.write('retry: 2000\n\n');
    if (input.lastEventId === null) {
      body.write(`id: ${await repository.lastEventId(this.deps.db)}\n\n`);
    } else {
      await this.replay(stream, input.lastEventId);
      setTimeout(() => stream.replayed.clear(), replayMemoryMs).unref();
    }
    const queued = stream.queued ?? [];
    stream.queued = null;
    for (const row of queued) this.send(stream, row);
    if (input.once) body.end();
    return body;
  }

  /** Ends every stream (their clients reconnect to another process) and stops listening. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.endAll();
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.gathering !== null) clearTimeout(this.gathering);
    const listener = this.listener;
    this.listener = null;
    if (listener) await (await listener.catch(() => null))?.close();
  }

  endAll(): void {
    for (const stream of [...this.streams]) {
      stream.body.end();
      this.remove(stream);
    }
  }

  private async start(): Promise<void> {
    if (this.isClosed) throw new Error('the live hub is closed');
    if (this.listener === null) {
      this.listener = listen({
        url: this.options.databaseUrl,
        channel: liveChannel,
        onNotify: (transaction) => this.announce(transaction),
        onReconnect: () => void this.catchUp(),
        onError: (error) => this.options.log?.error(error, 'live listener'),
      });
      this.listener.catch(() => {
        this.listener = null;
      });
      this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs);
      this.heartbeat.unref();
    }
    await this.listener;
  }

  private async replay(stream: Stream, lastEventId: string): Promise<void> {
    const { at, now } = await repository.findEventTime(this.deps.db, lastEventId);
    const rows =
      at === null ? [] : await repository.listEventsAfter(this.deps.db, lastEventId, 501);
    const decision = replayDecision({ lastSeenAt: at, now, eventsSince: rows.length });
    if (decision === 'reload') {
      const last = await repository.lastEventId(this.deps.db);
      stream.body.write(`id: ${last}\nevent: reload\ndata: {"type":"reload"}\n\n`);
      return;
    }
    for (const row of rows) {
      this.send(stream, row);
      stream.replayed.add(row.id);
    }
  }

  private announce(transaction: string): void {
    this.pending.add(transaction);
    if (this.isFlushing || this.gathering !== null) return;
    this.gathering = setTimeout(() => {
      this.gathering = null;
      void this.flush();
    }, gatherMs);
  }

  /** Reads the announced transactions' events, many at a time when they come in a burst. */
  private async flush(): Promise<void> {
    this.isFlushing = true;
    try {
      while (this.pending.size > 0) {
        const transactions = [...this.pending];
        this.pending.clear();
        this.deliver(await repository.listEventsOfTransactions(this.deps.db, transactions));
      }
    } catch (error) {
      this.options.log?.error(error, 'live events not read');
    } finally {
      this.isFlushing = false;
    }
  }

  /** After the listener's connection came back: what was written while nobody listened. */
  private async catchUp(): Promise<void> {
    const from =
      this.highestId > BigInt(catchUpMargin) ? this.highestId - BigInt(catchUpMargin) : 0n;
    try {
      for (;;) {
        const rows = await repository.listEventsAfter(this.deps.db, from.toString(), 1000);
        this.deliver(rows);
        if (rows.length < 1000) return;
      }
    } catch (error) {
      this.options.log?.error(error, 'live events not caught up');
    }
  }

  /**
   * Each row's frame is built once, on the first stream that hears it; each stream gets what
   * it hears of a batch in one write (one system call, not one per event).
   */
  private deliver(rows: readonly LiveEventRow[]): void {
    const batches = new Map<Stream, string>();
    for (const row of rows) {
      if (this.delivered.has(row.id)) continue;
      this.remember(row.id);
      if (row.kind === 'rights.changed') this.takeRightsAgain(row.user_id);
      const audience = audienceOf(row);
      let frame: string | null = null;
      for (const stream of this.candidatesFor(row)) {
        if (stream.queued !== null) stream.queued.push(row);
        else if (!stream.replayed.has(row.id) && mayHear(stream.listener, audience)) {
          frame ??= frameOf(row);
          batches.set(stream, (batches.get(stream) ?? '') + frame);
        }
      }
    }
    for (const [stream, text] of batches) this.write(stream, text);
  }

  private remember(id: string): void {
    this.delivered.add(id);
    const value = BigInt(id);
    if (value > this.highestId) this.highestId = value;
    if (this.delivered.size > rememberedIds) {
      const oldest = this.delivered.values().next().value;
      if (oldest !== undefined) this.delivered.delete(oldest);
    }
  }

  private send(stream: Stream, row: LiveEventRow): void {
    if (stream.replayed.has(row.id) || !mayHear(stream.listener, audienceOf(row))) return;
    this.write(stream, frameOf(row));
  }

  private write(stream: Stream, text: string): void {
    stream.body.write(text);
    if (stream.body.writableLength > maxBufferedBytes) this.end(stream);
  }

  /**
   * A comment line on every stream, then whether their sessions and tokens are still live,
   * in one read each for all the process's streams: a revoked or expired one ends its stream.
   */
  private async beat(): Promise<void> {
    for (const stream of this.streams) stream.body.write(': heartbeat\n\n');
    if (this.isRechecking) return;
    this.isRechecking = true;
    try {
      const streams = [...this.streams];
      const [sessions, tokens] = await Promise.all([
        liveSessionIds(
          this.deps,
          streams.filter((stream) => stream.apiTokenId === null).map((stream) => stream.sessionId),
        ),
        liveTokenIds(
          this.deps,
          streams.flatMap((stream) => (stream.apiTokenId === null ? [] : [stream.apiTokenId])),
        ),
      ]);
      for (const stream of streams) {
        const isLive =
          stream.apiTokenId === null
            ? sessions.has(stream.sessionId)
            : tokens.has(stream.apiTokenId);
        if (!isLive) this.end(stream);
      }
    } catch {
      // the database is away: the streams stay, checked again at the next heartbeat
    } finally {
      this.isRechecking = false;
    }
  }

  private end(stream: Stream): void {
    stream.body.end();
    this.remove(stream);
  }

  /** A user's grants or perimeter changed: their streams take their rights again. */
  private takeRightsAgain(userId: string | null): void {
    for (const stream of this.index.get(`user:${userId}`) ?? []) void this.recheck(stream);
  }

  private add(stream: Stream): void {
    this.streams.add(stream);
    for (const key of keysOf(stream.listener)) {
      const streams = this.index.get(key) ?? new Set<Stream>();
      streams.add(stream);
      this.index.set(key, streams);
    }
  }

  private remove(stream: Stream): void {
    this.streams.delete(stream);
    for (const key of keysOf(stream.listener)) {
      const streams = this.index.get(key);
      streams?.delete(stream);
      if (streams?.size === 0) this.index.delete(key);
    }
  }

  /**
   * The streams that may hear of a row, found by its audience instead of trying all of
   * them: its user's, or its contract's customers' and the operators'. `mayHear` decides.
   */
  private candidatesFor(row: LiveEventRow): Iterable<Stream> {
    if (row.user_id !== null) return this.index.get(`user:${row.user_id}`) ?? [];
    const operators = this.index.get('operators') ?? new Set<Stream>();
    if (row.contract_id === null || row.is_internal) return operators;
    const customers = this.index.get(`contract:${row.contract_id}`) ?? new Set<Stream>();
    return [...operators, ...customers];
  }

  private async recheck(stream: Stream): Promise<void> {
    let auth: AuthContext | null;
    try {
      auth = await stream.reauthenticate();
    } catch {
      return; // the database is away: the stream stays, checked again at the next heartbeat
    }
    if (auth === null) {
      this.end(stream);
    } else if (this.streams.has(stream)) {
      this.remove(stream);
      stream.listener = listenerOf(auth);
      this.add(stream);
    }
  }
}

/** Where a stream is filed in the hub's index. */
function keysOf(listener: LiveListener): string[] {
  const keys = [`user:${listener.userId}`];
  if (listener.kind === 'operator') keys.push('operators');
  else keys.push(...new Set(listener.grants.map((grant) => `contract:${grant.contractId}`)));
  return keys;
}
