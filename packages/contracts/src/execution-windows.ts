import { z } from 'zod';
import { changePeriodKinds, localDateTimePattern, requestStatuses } from '@guichet/domain';
import { Uuid, singleLineText } from './common.ts';

/**
 * A local date and time to the minute, `YYYY-MM-DDTHH:mm` (a `datetime-local` input's value),
 * read in the contract's time zone (decision 0037).
 */
export const LocalDateTime = z
  .string()
  .regex(localDateTimePattern, 'A local date and time looks like 2026-12-20T22:00')
  .meta({ example: '2026-12-20T22:00' });

/** An execution window as the customer or the agent types it: local, in the contract's zone. */
export const WindowInput = z
  .object({ startsAt: LocalDateTime, endsAt: LocalDateTime })
  .meta({ id: 'WindowInput' });
export type WindowInput = z.infer<typeof WindowInput>;

/** A window as stored (instants) and as the contract's time zone reads it. */
export const WindowView = z
  .object({
    startsAt: z.string(),
    endsAt: z.string(),
    /** The contract's time zone, and the window's local start and end in it. */
    timeZone: z.string(),
    local: WindowInput,
  })
  .meta({ id: 'WindowView' });
export type WindowView = z.infer<typeof WindowView>;

/** What the confirmation warns about (never a refusal): freezes hit, overlapping changes. */
export const WindowWarnings = z
  .object({
    /** The freeze periods of the item's offer or region the window falls in. */
    freezes: z.array(
      z.object({ id: Uuid, label: z.string(), startsAt: z.string(), endsAt: z.string() }),
    ),
    /** Other open changes on the same item whose window (planned, else asked) overlaps. */
    overlaps: z.array(
      z.object({
        id: Uuid,
        number: z.string(),
        status: z.enum(requestStatuses),
        window: WindowView,
      }),
    ),
  })
  .meta({ id: 'WindowWarnings' });
export type WindowWarnings = z.infer<typeof WindowWarnings>;

/** The window « Planifier » proposes: the customer's, or the next maintenance period. */
export const ProposedWindow = WindowView.extend({
  source: z.enum(['customer', 'maintenance']),
}).meta({ id: 'ProposedWindow' });
export type ProposedWindow = z.infer<typeof ProposedWindow>;

/** An instant with its offset, as the back-office's period form sends it. */
const Instant = z.iso.datetime({ offset: true });

const scopeText = singleLineText(100).min(1);

export const ChangePeriodInput = z
  .object({
    kind: z.enum(changePeriodKinds),
    label: singleLineText(200).min(1),
    /** The contracts' offer it applies to (« Flexible Engine »); absent: every offer. */
    offer: scopeText.nullable().default(null),
    /** The items' region (`eu-west-0`, else their site); absent: every region. */
    region: scopeText.nullable().default(null),
    startsAt: Instant,
    endsAt: Instant,
  })
  .meta({ id: 'ChangePeriodInput' });
export type ChangePeriodInput = z.infer<typeof ChangePeriodInput>;

export const ChangePeriodUpdate = ChangePeriodInput.extend({ version: z.number().int().min(1) });
export type ChangePeriodUpdate = z.infer<typeof ChangePeriodUpdate>;

export const ChangePeriodView = z
  .object({
    id: Uuid,
    kind: z.enum(changePeriodKinds),
    label: z.string(),
    offer: z.string().nullable(),
    region: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ChangePeriodView' });
export type ChangePeriodView = z.infer<typeof ChangePeriodView>;

export const ChangePeriodQuery = z.object({
  kind: z.enum(changePeriodKinds).optional(),
  /** Periods ended before now are left out unless asked for (`true`). */
  includePast: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type ChangePeriodQuery = z.infer<typeof ChangePeriodQuery>;
/** The periods by start (a provider declares a few dozen a year: no paging). */
export const ChangePeriodList = z.object({ items: z.array(ChangePeriodView) });
export type ChangePeriodList = z.infer<typeof ChangePeriodList>;
