import { z } from 'zod';
import { errorCodes } from '@guichet/domain';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      requestId: z.string().optional(),
      details: z
        .array(z.object({ path: z.string(), message: z.string(), rule: z.string().optional() }))
        .optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Uuid = z.uuid();
export const ContractId = z
  .string()
  .regex(/^[A-Z]{3}\d{7}$/, 'A contract id looks like OCB0005121');
export const Locale = z.enum(['fr', 'en']);
export const LocalizedText = z.object({ fr: z.string(), en: z.string() });

export const IdParams = z.object({ id: Uuid });
export type IdParams = z.infer<typeof IdParams>;

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Opaque cursor of the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    total: z.number().int(),
  });
}
