import { z } from 'zod';
import { csvSeparators, monthPattern } from '@guichet/domain';
import { ContractId, LocalizedText, Uuid, pageQuery, searchText } from './common.ts';

/** A calendar month, `YYYY-MM`, in the contract's time zone. */
export const StatementMonth = z
  .string()
  .regex(monthPattern, 'A month looks like 2026-11')
  .meta({ id: 'StatementMonth' });

/** `semicolon` for spreadsheets set to French (where `,` is the decimal separator). */
export const CsvQuery = z.object({
  separator: z.enum(csvSeparators).default('comma'),
});
export type CsvQuery = z.infer<typeof CsvQuery>;

export const StatementParams = z.object({ contractId: ContractId, month: StatementMonth });
export type StatementParams = z.infer<typeof StatementParams>;

export const ContractStatementsParams = z.object({ contractId: ContractId });
export type ContractStatementsParams = z.infer<typeof ContractStatementsParams>;

export const StatementMonthQuery = z.object({ month: StatementMonth });
export type StatementMonthQuery = z.infer<typeof StatementMonthQuery>;

export const CsvMonthQuery = StatementMonthQuery.extend(CsvQuery.shape);
export type CsvMonthQuery = z.infer<typeof CsvMonthQuery>;

export const BackOfficeStatementsQuery = z.object({
  month: StatementMonth,
  /** A customer's name or a contract id, in part. */
  q: searchText(),
  ...pageQuery(50, 200),
});
export type BackOfficeStatementsQuery = z.infer<typeof BackOfficeStatementsQuery>;

/** `closed`: written once the month was over, never changes; `provisional`: computed live. */
export const StatementStatus = z.enum(['closed', 'provisional']);
export type StatementStatus = z.infer<typeof StatementStatus>;

export const StatementTotalsView = z.object({
  changeCount: z.number().int(),
  quoteCount: z.number().int(),
  tokens: z.number().int(),
  /** Integer cents: the exact figure. */
  cents: z.number().int(),
  /** The same amount in euros, a dot and two decimals (`1234.50`). */
  eur: z.string(),
});
export type StatementTotalsView = z.infer<typeof StatementTotalsView>;

export const StatementSummary = z
  .object({
    contractId: ContractId,
    customer: z.object({ id: Uuid, name: z.string() }),
    month: StatementMonth,
    status: StatementStatus,
    closedAt: z.string().nullable(),
    timeZone: z.string(),
    freeChangesIncluded: z.number().int(),
    /** Free changes taken by the month's confirmations: the detail's `free` lines. */
    freeChangesUsed: z.number().int(),
    /** The billed changes and the quotes; free lines add nothing. */
    totals: StatementTotalsView,
  })
  .meta({ id: 'StatementSummary' });
export type StatementSummary = z.infer<typeof StatementSummary>;

export const StatementLineView = z.object({
  /** `change`: a billed change; `free`: a change that took a free change (0 €); `quote`. */
  kind: z.enum(['change', 'free', 'quote']),
  requestId: Uuid,
  quoteId: Uuid.nullable(),
  number: z.string(),
  articleName: LocalizedText,
  /** A change's confirmation, a quote's acceptance. */
  at: z.string(),
  tokens: z.number().int(),
  /** The token price in force at the change's confirmation; null for a quote. */
  tokenPriceEur: z.string().nullable(),
  amountCents: z.number().int(),
  amountEur: z.string(),
  /** × 2: the tokens already include it. */
  outsideBusinessHours: z.boolean(),
  /** A free line's request rejected or cancelled (its free change stays used); else null. */
  endedAs: z.enum(['rejected', 'cancelled']).nullable(),
});
export type StatementLineView = z.infer<typeof StatementLineView>;

export const StatementDetail = StatementSummary.extend({
  offer: z.string(),
  lines: z.array(StatementLineView),
}).meta({ id: 'StatementDetail' });
export type StatementDetail = z.infer<typeof StatementDetail>;

export const BackOfficeStatementsPage = z.object({
  month: StatementMonth,
  items: z.array(StatementSummary),
  nextCursor: z.string().nullable(),
  /** Contracts matching the search, and their totals across every page. */
  total: z.number().int(),
  grandTotals: StatementTotalsView,
});
export type BackOfficeStatementsPage = z.infer<typeof BackOfficeStatementsPage>;

export const ContractStatementList = z.object({
  contractId: ContractId,
  /** Months with something on their statement, and the current month; newest first. */
  items: z.array(StatementSummary),
});
export type ContractStatementList = z.infer<typeof ContractStatementList>;
