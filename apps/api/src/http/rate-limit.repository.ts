import type { Db } from '@guichet/db';
import { sql } from 'kysely';

/** Windows a day old are pruned as others are written. */
const pruneAfterMs = 24 * 60 * 60_000;

/**
 * Counts one hit of `key` on `route` in its current window (a new window once `windowMs` has
 * passed), in one statement shared by every API process; prunes old windows on the way.
 */
export async function hit(
  db: Db,
  input: { route: string; key: string; windowMs: number; now: Date },
): Promise<{ hits: number; startedAt: Date }> {
  const { route, key, windowMs, now } = input;
  const { rows } = await sql<{ hits: number; started_at: Date }>`
    WITH pruned AS (
      DELETE FROM rate_limit_windows
      WHERE started_at < ${new Date(now.getTime() - pruneAfterMs)}
        AND NOT (route = ${route} AND key = ${key})
    )
    INSERT INTO rate_limit_windows AS w (route, key, started_at, hits)
    VALUES (${route}, ${key}, ${now}, 1)
    ON CONFLICT (route, key) DO UPDATE SET
      hits = CASE WHEN w.started_at <= ${new Date(now.getTime() - windowMs)} THEN 1
                  ELSE w.hits + 1 END,
      started_at = CASE WHEN w.started_at <= ${new Date(now.getTime() - windowMs)}
                        THEN EXCLUDED.started_at ELSE w.started_at END
    RETURNING hits, started_at`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('rate limit window not written');
  return { hits: row.hits, startedAt: row.started_at };
}
