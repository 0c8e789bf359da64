import { z } from 'zod';
import { maxTargetMinutes, supportLevels } from '@guichet/domain';
import { LocalizedText, Uuid } from './common.ts';

/** Due dates (issue 20, decision 0036): targets in business minutes, and each request's clock. */

const Minutes = z.number().int().min(1).max(maxTargetMinutes);

export const dueStates = [
  'not_started',
  'paused',
  'on_time',
  'at_risk',
  'late',
  'met',
  'missed',
] as const;

export const DueTargetView = z.object({
  minutes: z.number().int(),
  dueAt: z.string().nullable(),
  metAt: z.string().nullable(),
  /** When the breach was recorded (by the watch job or at the move); null if none. */
  breachedAt: z.string().nullable(),
  state: z.enum(dueStates),
});
export type DueTargetView = z.infer<typeof DueTargetView>;

/** The agent's view: both targets. */
export const DueDatesView = z
  .object({
    startedAt: z.string().nullable(),
    paused: z.boolean(),
    timeZone: z.string(),
    takeCharge: DueTargetView,
    carryOut: DueTargetView,
  })
  .meta({ id: 'DueDatesView' });
export type DueDatesView = z.infer<typeof DueDatesView>;

/** The customer's view: « Réalisation prévue avant le … ». */
export const CustomerDueDateView = z.object({
  carryOutDueAt: z.string().nullable(),
  paused: z.boolean(),
  state: z.enum(dueStates),
});
export type CustomerDueDateView = z.infer<typeof CustomerDueDateView>;

export const DueTargetsBody = z.object({
  takeChargeMinutes: Minutes,
  carryOutMinutes: Minutes,
});
export type DueTargetsBody = z.infer<typeof DueTargetsBody>;

/** An article's override; both null removes it (the support level's targets apply). */
export const ArticleDueTargetsBody = z.object({
  takeChargeMinutes: Minutes.nullable(),
  carryOutMinutes: Minutes.nullable(),
});
export type ArticleDueTargetsBody = z.infer<typeof ArticleDueTargetsBody>;

export const SupportLevelParams = z.object({ level: z.enum(supportLevels) });
export type SupportLevelParams = z.infer<typeof SupportLevelParams>;
export const ArticleIdParams = z.object({ articleId: Uuid });
export type ArticleIdParams = z.infer<typeof ArticleIdParams>;

export const DueTargetsSettings = z
  .object({
    levels: z.array(
      z.object({
        supportLevel: z.enum(supportLevels),
        takeChargeMinutes: z.number().int(),
        carryOutMinutes: z.number().int(),
      }),
    ),
    /** Every current article, with its override (nulls: its support level's targets). */
    articles: z.array(
      z.object({
        articleId: Uuid,
        catalogName: LocalizedText,
        articleName: LocalizedText,
        takeChargeMinutes: z.number().int().nullable(),
        carryOutMinutes: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'DueTargetsSettings' });
export type DueTargetsSettings = z.infer<typeof DueTargetsSettings>;

/** The queue's due-date filter: late (a due date passed), at risk (under 20 % left). */
export const queueDueFilters = ['late', 'at_risk'] as const;
