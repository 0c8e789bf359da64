import { z } from 'zod';
import { pageQuery } from './common.ts';

export const AuditQuery = z.object({
  kind: z.string().trim().max(50).optional(),
  actorEmail: z.string().trim().toLowerCase().max(254).optional(),
  ...pageQuery(50, 200, 200),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventView = z.object({
  at: z.string(),
  kind: z.string(),
  actorEmail: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditPage = z.object({
  items: z.array(AuditEventView),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
