import type { Db } from '@guichet/db';
import { sql } from 'kysely';

export interface AuditRow {
  actorId: string | null;
  actorEmail: string | null;
  kind: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export async function insertAuditEvent(db: Db, row: AuditRow): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_id: row.actorId,
      actor_email: row.actorEmail,
      kind: row.kind,
      target_type: row.targetType,
      target_id: row.targetId,
      ip: row.ip,
      data: JSON.stringify(row.data),
      at: row.at,
    })
    .execute();
}

export async function listAuditEvents(
  db: Db,
  filter: { kind?: string; actorEmail?: string; before?: [string, string]; limit: number },
) {
  let query = db
    .selectFrom('audit_events')
    .select(['id', 'at', 'actor_email', 'kind', 'target_type', 'target_id', 'ip', 'data']);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.actorEmail) query = query.where('actor_email', '=', filter.actorEmail);
  if (filter.before) {
    const [at, id] = filter.before;
    query = query.where(sql<boolean>`(at, id) < (${at}::timestamptz, ${id}::bigint)`);
  }
  return query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
