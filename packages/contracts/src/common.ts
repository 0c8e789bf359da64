import { z } from 'zod';
import { errorCodes, textFault, textFaultMessages } from '@guichet/domain';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      requestId: z.string().optional(),
      details: z
        .array(
          z.object({
            path: z.string(),
            /** In the caller's locale, from the message catalog when the rule has params. */
            message: z.string(),
            rule: z.string().optional(),
            /** What the rule's words interpolate, e.g. `{ max: 10 }` (decision 0024). */
            params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
          }),
        )
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

/**
 * The issue a refinement adds: its English words and the catalog's rule that words it in each
 * locale (decision 0024), on `path` when an object's refinement names one of its fields.
 */
export function ruleIssue(rule: string, message: string, path?: string) {
  return { code: 'custom' as const, message, params: { rule }, ...(path ? { path: [path] } : {}) };
}

/** A list's search box: trimmed, 100 characters at most. */
export function searchText() {
  return z.string().trim().max(100).optional();
}

/**
 * A keyset-paged list's query fields: the page's size (`limit`, `size` unless asked, `max` at
 * most) and where it starts (`cursor`: the `nextCursor` of the page before).
 */
export function pageQuery(size: number, max: number, cursorMax = 300) {
  return {
    limit: z.coerce.number().int().min(1).max(max).default(size),
    cursor: z.string().max(cursorMax).optional(),
  };
}

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Opaque cursor of the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    total: z.number().int(),
  });
}

/**
 * A single-line text stored exactly as sent: no trim, no rewriting, no tab or line break
 * (rule `line_break`). NUL, other control characters and lone surrogates are refused in every
 * string of every request before any schema runs (`apps/api/src/http/text-boundary.ts`, the
 * rule in `packages/domain/src/text.ts`); this adds the single-line half of that rule.
 */
export function singleLineText(maxLength: number) {
  return z
    .string()
    .max(maxLength)
    .refine((text) => textFault(text, { allowsLineBreaks: false }) === null, {
      message: textFaultMessages.line_break.en,
      params: { rule: 'line_break' },
    });
}

/**
 * The error of a field documented as trimmed (names, e-mails, the back-office's texts): its
 * leading and trailing spaces are removed before it is checked and stored, and the error says
 * so when nothing is left (issue 18: no silent trimming).
 */
export const emptyOnceTrimmed = 'Empty once leading and trailing spaces are removed';
