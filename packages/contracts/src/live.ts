import { z } from 'zod';
import { requestStatuses } from '@guichet/domain';

/** `GET /api/events`: where a reconnecting stream starts again (besides `Last-Event-ID`). */
export const LiveEventsQuery = z.object({
  lastEventId: z.coerce.number().int().min(0).optional(),
  /** Send what was missed since `lastEventId` and end, for clients that poll. */
  once: z.enum(['true', 'false']).optional(),
});
export type LiveEventsQuery = z.infer<typeof LiveEventsQuery>;

const Actor = {
  /** Who made the change (null: the system, e.g. a quote expiring). */
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
};

const RequestState = {
  id: z.uuid(),
  number: z.string().nullable(),
  status: z.enum(requestStatuses),
  version: z.number().int(),
  contractId: z.string(),
  ...Actor,
};

/**
 * The events of the live stream, as the `data:` line of each (its `event:` line is `type`,
 * its `id:` line the number to send back as `Last-Event-ID`). Each says what to read again.
 */
export const LiveEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('request.changed'), ...RequestState }),
    z.object({ type: z.literal('queue.changed'), ...RequestState }),
    z.object({ type: z.literal('requests.changed'), contractId: z.string() }),
    z.object({
      type: z.literal('comment.added'),
      requestId: z.uuid(),
      number: z.string().nullable(),
      commentId: z.uuid(),
      contractId: z.string(),
      ...Actor,
    }),
    z.object({
      type: z.literal('quote.sent'),
      requestId: z.uuid(),
      number: z.string().nullable(),
      quoteId: z.uuid(),
      version: z.number().int(),
      contractId: z.string(),
      ...Actor,
    }),
    z.object({
      type: z.literal('notification.created'),
      id: z.uuid(),
      requestId: z.uuid().nullable(),
      kind: z.string(),
    }),
    z.object({ type: z.literal('inventory.changed'), contractId: z.string() }),
    /** Your rights changed (grants, perimeter): what you see may have changed. */
    z.object({ type: z.literal('rights.changed') }),
    /** Too much was missed to replay: read everything again. */
    z.object({ type: z.literal('reload') }),
  ])
  .meta({ id: 'LiveEvent' });
export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventType = LiveEvent['type'];
