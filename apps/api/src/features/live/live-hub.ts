import { PassThrough } from 'node:stream';
import { listen } from '@guichet/db';
import type { Listener } from '@guichet/db';
import { mayHear, replayDecision } from '@guichet/domain';
import type { LiveListener } from '@guichet/domain';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as repository from './live.repository.ts';
import type { LiveEventRow } from './live.repository.ts';
import { audienceOf, frameOf, listenerOf } from './live.service.ts';

export const liveChannel = 'guichet_live';

/** A stream whose client reads slower than this many bytes behind is ended (it reconnects). */
const maxBufferedBytes = 1024 * 1024;
/** Event ids delivered recently, so that a catch-up after a reconnect sends nothing twice. */
const rememberedIds = 10_000;
/** How far behind the highest id delivered a catch-up reads again (late commits). */
const catchUpMargin = 200;
/** Streams whose rights are checked again at the same time, at each heartbeat. */
const recheckConcurrency = 8;

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
  /** The session or token again: null once it was revoked or expired. */
  reauthenticate(): Promise<AuthContext | null>;
  /** While its replay is read, live events wait here. */
  queued: LiveEventRow[] | null;
}

/**
 * The live stream's fan-out in one API process (decision 0018): one dedicated connection
 * LISTENs, each NOTIFY (one per writing transaction) names a transaction whose `live_events`
 * rows are read once, and each row goes to the connected streams whose rights cover it.
 * Started by the first stream, so that processes and tests without streams hold no connection.
 */
export class LiveHub {
  private readonly streams = new Set<Stream>();
  private listener: Promise<Listener> | null = null;
  private readonly pending = new Set<string>();
  private isFlushing = false;
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
      reauthenticate: input.reauthenticate,
      queued: [],
    };
    if (!input.once) {
      await this.start();
      this.streams.add(stream);
      body.on('close', () => this.streams.delete(stream));
    }
    body.write('retry: 2000\n\n');
    let replayedUpTo = 0n;
    if (input.lastEventId === null) {
      body.write(`id: ${await repository.lastEventId(this.deps.db)}\n\n`);
    } else {
      replayedUpTo = await this.replay(stream, input.lastEventId);
    }
    const queued = stream.queued ?? [];
    stream.queued = null;
    for (const row of queued) if (BigInt(row.id) > replayedUpTo) this.send(stream, row);
    if (input.once) body.end();
    return body;
  }

  /** Ends every stream (their clients reconnect to another process) and stops listening. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.endAll();
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    const listener = this.listener;
    this.listener = null;
    if (listener) await (await listener.catch(() => null))?.close();
  }

  endAll(): void {
    for (const stream of this.streams) stream.body.end();
    this.streams.clear();
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

  private async replay(stream: Stream, lastEventId: string): Promise<bigint> {
    const { at, now } = await repository.findEventTime(this.deps.db, lastEventId);
    const rows =
      at === null ? [] : await repository.listEventsAfter(this.deps.db, lastEventId, 501);
    const decision = replayDecision({ lastSeenAt: at, now, eventsSince: rows.length });
    if (decision === 'reload') {
      const last = await repository.lastEventId(this.deps.db);
      stream.body.write(`id: ${last}\nevent: reload\ndata: {"type":"reload"}\n\n`);
      return BigInt(last);
    }
    let upTo = BigInt(lastEventId);
    for (const row of rows) {
      this.send(stream, row);
      upTo = BigInt(row.id);
    }
    return upTo;
  }

  private announce(transaction: string): void {
    this.pending.add(transaction);
    if (!this.isFlushing) void this.flush();
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

  private deliver(rows: readonly LiveEventRow[]): void {
    for (const row of rows) {
      if (this.delivered.has(row.id)) continue;
      this.remember(row.id);
      for (const stream of this.streams) {
        if (stream.queued !== null) stream.queued.push(row);
        else this.send(stream, row);
      }
    }
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
    if (!mayHear(stream.listener, audienceOf(row))) return;
    stream.body.write(frameOf(row));
    if (stream.body.writableLength > maxBufferedBytes) stream.body.end();
  }

  /** A comment line on every stream, then each one's session or token checked again. */
  private async beat(): Promise<void> {
    for (const stream of this.streams) stream.body.write(': heartbeat\n\n');
    if (this.isRechecking) return;
    this.isRechecking = true;
    try {
      const streams = [...this.streams];
      let next = 0;
      const worker = async () => {
        while (next < streams.length) {
          const stream = streams[next++];
          if (stream) await this.recheck(stream);
        }
      };
      await Promise.all(Array.from({ length: recheckConcurrency }, worker));
    } finally {
      this.isRechecking = false;
    }
  }

  private async recheck(stream: Stream): Promise<void> {
    let auth: AuthContext | null;
    try {
      auth = await stream.reauthenticate();
    } catch {
      return; // the database is away: the stream stays, checked again at the next heartbeat
    }
    if (auth === null) {
      stream.body.end();
      this.streams.delete(stream);
    } else {
      stream.listener = listenerOf(auth);
    }
  }
}
