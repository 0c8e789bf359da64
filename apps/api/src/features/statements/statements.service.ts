import {
  DomainError,
  addTotals,
  billedLines,
  billingMonth,
  calendarDay,
  centsToDecimal,
  csvByteOrderMark,
  csvRecord,
  denialReason,
  isMonthClosable,
  monthStart,
  nextMonthStart,
  rolesWith,
  statementTotals,
  termsOfMonth,
} from '@guichet/domain';
import type {
  TermsInForce,
  CsvSeparator,
  StatementCandidate,
  StatementLine,
  StatementTotals,
} from '@guichet/domain';
import type {
  BackOfficeStatementsPage,
  BackOfficeStatementsQuery,
  ContractStatementList,
  StatementDetail,
  StatementSummary,
  StatementTotalsView,
} from '@guichet/contracts';
import type { Db } from '@guichet/db';
import { requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import type { CsvExport } from '../../http/csv-reply.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import * as repository from './statements.repository.ts';
import type { StatementContractRow, StoredStatementRow } from './statements.repository.ts';

/** A contract's statement for a month, before it is shaped for HTTP. */
interface Statement {
  contract: StatementContractRow;
  /** `YYYY-MM-01` */
  month: string;
  status: 'closed' | 'provisional';
  closedAt: Date | null;
  freeChangesIncluded: number;
  freeChangesUsed: number;
  totals: StatementTotals;
  lines: StatementLine[] | null;
}

const dayMs = 86_400_000;

// ---- computing (live) and closing --------------------------------------------------------

interface LiveFigures {
  lines: StatementLine[];
  totals: StatementTotals;
  freeChangesIncluded: number;
  freeChangesUsed: number;
}

/**
 * The month's figures computed now from the requests' stored decisions, for the given
 * contracts (null: every contract with something billed or used that month).
 */
async function computeLive(
  db: Db,
  month: string,
  contracts: readonly StatementContractRow[] | null,
): Promise<Map<string, LiveFigures>> {
  const ids = contracts === null ? null : contracts.map((contract) => contract.contractId);
  const from = new Date(Date.parse(`${month}T00:00:00Z`) - dayMs);
  const to = new Date(Date.parse(`${nextMonthStart(month)}T00:00:00Z`) + dayMs);
  const [changes, quotes, used] = await Promise.all([
    repository.changeCandidates(db, month, ids),
    repository.quoteCandidates(db, from, to, ids),
    repository.freeChangesUsed(db, month, ids),
  ]);
  const byContract = new Map<string, StatementCandidate[]>();
  for (const row of changes) {
    const list = byContract.get(row.contractId) ?? [];
    list.push({ ...row, kind: 'change' });
    byContract.set(row.contractId, list);
  }
  for (const row of quotes) {
    const list = byContract.get(row.contractId) ?? [];
    list.push({ ...row, kind: 'quote' });
    byContract.set(row.contractId, list);
  }
  const involved =
    contracts ??
    (await repository.findContracts(db, [...new Set([...byContract.keys(), ...used.keys()])]));
  const history = await repository.termsHistory(
    db,
    involved.map((contract) => contract.contractId),
  );
  const figures = new Map<string, LiveFigures>();
  for (const contract of involved) {
    const terms = history.get(contract.contractId) ?? [];
    const lines = billedLines(
      byContract.get(contract.contractId) ?? [],
      terms,
      month,
      contract.timeZone,
    );
    figures.set(contract.contractId, {
      lines,
      totals: statementTotals(lines),
      freeChangesIncluded: includedIn(terms, month, contract.timeZone),
      freeChangesUsed: used.get(contract.contractId) ?? 0,
    });
  }
  return figures;
}

function includedIn(terms: readonly TermsInForce[], month: string, timeZone: string): number {
  return terms.length === 0 ? 0 : termsOfMonth(terms, month, timeZone).freeChangesPerMonth;
}

function hasContent(figures: LiveFigures): boolean {
  return figures.lines.length > 0 || figures.freeChangesUsed > 0;
}

/**
 * Closes a contract's month in one transaction: its figures are computed and written once;
 * when another process closed it first, `ON CONFLICT DO NOTHING` writes nothing and both
 * read the same stored statement.
 */
async function closeStatement(
  deps: Deps,
  contract: StatementContractRow,
  month: string,
): Promise<boolean> {
  return deps.db.transaction().execute(async (transaction) => {
    const figures = (await computeLive(transaction, month, [contract])).get(contract.contractId);
    if (!figures) return false;
    return repository.insertStatement(
      transaction,
      {
        contractId: contract.contractId,
        month,
        closedAt: deps.clock(),
        freeChangesIncluded: figures.freeChangesIncluded,
        freeChangesUsed: figures.freeChangesUsed,
        changeCount: figures.totals.changeCount,
        quoteCount: figures.totals.quoteCount,
        totalTokens: figures.totals.tokens,
        totalCents: figures.totals.cents,
      },
      figures.lines,
    );
  });
}

/**
 * Closes every contract month with activity that is over (in its contract's time zone) and
 * not closed yet; the daily job runs it, reads close lazily what they need. Returns how many
 * this call wrote.
 */
export async function closeOverMonths(
  deps: Deps,
  filter: { month?: string; contractId?: string } = {},
): Promise<number> {
  const now = deps.clock();
  const before = filter.month
    ? nextMonthStart(filter.month)
    : nextMonthStart(billingMonth(now, 'UTC'));
  const pending = await repository.unclosedActivity(deps.db, { before, ...filter });
  if (pending.length === 0) return 0;
  const contracts = new Map(
    (
      await repository.findContracts(deps.db, [...new Set(pending.map((row) => row.contractId))])
    ).map((contract) => [contract.contractId, contract]),
  );
  let written = 0;
  for (const { contractId, month } of pending) {
    const contract = contracts.get(contractId);
    if (!contract || !isMonthClosable(month, now, contract.timeZone)) continue;
    if (await closeStatement(deps, contract, month)) written += 1;
  }
  return written;
}

function storedTotals(stored: StoredStatementRow): StatementTotals {
  return {
    changeCount: stored.changeCount,
    quoteCount: stored.quoteCount,
    tokens: stored.totalTokens,
    cents: stored.totalCents,
  };
}

function fromStored(contract: StatementContractRow, stored: StoredStatementRow): Statement {
  return {
    contract,
    month: stored.month,
    status: 'closed',
    closedAt: stored.closedAt,
    freeChangesIncluded: stored.freeChangesIncluded,
    freeChangesUsed: stored.freeChangesUsed,
    totals: storedTotals(stored),
    lines: null,
  };
}

function fromLive(
  contract: StatementContractRow,
  month: string,
  figures: LiveFigures,
  isClosed: boolean,
): Statement {
  return {
    contract,
    month,
    // a month over with nothing billed or used: nothing will ever land in it
    status: isClosed ? 'closed' : 'provisional',
    closedAt: null,
    freeChangesIncluded: figures.freeChangesIncluded,
    freeChangesUsed: figures.freeChangesUsed,
    totals: figures.totals,
    lines: figures.lines,
  };
}

/** One contract's statement: the stored one once the month is over (closed now if need be). */
async function statementOf(
  deps: Deps,
  contract: StatementContractRow,
  month: string,
  withLines: boolean,
): Promise<Statement> {
  const isClosable = isMonthClosable(month, deps.clock(), contract.timeZone);
  if (isClosable) {
    const stored = (await repository.findStatements(deps.db, month, [contract.contractId])).get(
      contract.contractId,
    );
    if (stored) return withStoredLines(deps.db, fromStored(contract, stored), withLines);
  }
  const figures = (await computeLive(deps.db, month, [contract])).get(contract.contractId);
  if (!figures) throw new Error('computeLive answers for every contract asked');
  if (!isClosable || !hasContent(figures)) return fromLive(contract, month, figures, isClosable);
  await closeStatement(deps, contract, month);
  const stored = (await repository.findStatements(deps.db, month, [contract.contractId])).get(
    contract.contractId,
  );
  if (!stored) throw new Error(`statement ${contract.contractId} ${month} not closed`);
  return withStoredLines(deps.db, fromStored(contract, stored), withLines);
}

async function withStoredLines(db: Db, statement: Statement, withLines: boolean) {
  if (!withLines) return statement;
  return {
    ...statement,
    lines: await repository.statementLines(db, statement.contract.contractId, statement.month),
  };
}

// ---- presenters ----------------------------------------------------------------------------

function totalsView(totals: StatementTotals): StatementTotalsView {
  return { ...totals, eur: centsToDecimal(totals.cents) };
}

function summaryView(statement: Statement): StatementSummary {
  return {
    contractId: statement.contract.contractId,
    customer: { id: statement.contract.customerId, name: statement.contract.customerName },
    month: statement.month.slice(0, 7),
    status: statement.status,
    closedAt: statement.closedAt?.toISOString() ?? null,
    timeZone: statement.contract.timeZone,
    freeChangesIncluded: statement.freeChangesIncluded,
    freeChangesUsed: statement.freeChangesUsed,
    totals: totalsView(statement.totals),
  };
}

function detailView(statement: Statement): StatementDetail {
  return {
    ...summaryView(statement),
    offer: statement.contract.offer,
    lines: (statement.lines ?? []).map((line) => ({
      kind: line.kind,
      requestId: line.requestId,
      quoteId: line.quoteId,
      number: line.number,
      articleName: { fr: line.articleNameFr, en: line.articleNameEn },
      at: line.at.toISOString(),
      tokens: line.tokens,
      tokenPriceEur: line.tokenPriceEur,
      amountCents: line.amountCents,
      amountEur: centsToDecimal(line.amountCents),
      outsideBusinessHours: line.outsideBusinessHours,
      endedAs: line.endedAs,
    })),
  };
}

// ---- access --------------------------------------------------------------------------------

/**
 * A contract's statements are for its Gestionnaires of the section Contrats: no grant is a
 * 404 (as an unknown contract), a Visiteur a 403 saying which profile is needed.
 */
function requireStatementGrant(auth: AuthContext, contractId: string): void {
  const reason = denialReason(auth.grants, contractId, 'contracts', 'manager');
  if (reason === 'no_access') throw new DomainError('not_found', 'Contract not found');
  if (reason === 'viewer_read_only') {
    throw new DomainError(
      'forbidden',
      'Les relevés mensuels sont réservés au profil Gestionnaire sur Contrats',
      [
        {
          path: 'contractId',
          message: 'Profil Gestionnaire sur Contrats requis',
          rule: 'manager_required',
        },
      ],
    );
  }
}

async function contractOrNotFound(db: Db, contractId: string): Promise<StatementContractRow> {
  const contract = await repository.findContract(db, contractId);
  if (!contract) throw new DomainError('not_found', 'Contract not found');
  return contract;
}

// ---- use cases -----------------------------------------------------------------------------

/** Every contract's statement summary for a month, by customer name, with grand totals. */
export async function listBackOfficeStatements(
  deps: Deps,
  auth: AuthContext,
  query: BackOfficeStatementsQuery,
): Promise<BackOfficeStatementsPage> {
  requireOperator(auth, rolesWith('read_statements'));
  const month = monthStart(query.month);
  const after = keysetOf(query.cursor);
  await closeOverMonths(deps, { month });
  const page = await repository.pageContracts(deps.db, {
    limit: query.limit,
    ...omitEmpty({ q: query.q, after }),
  });
  const { items: rows, nextCursor } = keysetPage(
    page.rows,
    query.limit,
    (row) => row,
    (last) => [last.customerName, last.contractId],
  );
  const [stored, live, pageHistory] = await Promise.all([
    repository.findStatements(deps.db, month, page.matchedIds),
    computeLive(deps.db, month, null),
    repository.termsHistory(
      deps.db,
      rows.map((row) => row.contractId),
    ),
  ]);
  const matched = page.matchedIds === null ? null : new Set(page.matchedIds);
  const matches = (contractId: string) => matched === null || matched.has(contractId);
  const now = deps.clock();
  const summaries = rows.map((contract) => {
    const closed = stored.get(contract.contractId);
    if (closed) return fromStored(contract, closed);
    const isClosable = isMonthClosable(month, now, contract.timeZone);
    const figures = live.get(contract.contractId) ?? {
      lines: [],
      totals: statementTotals([]),
      freeChangesIncluded: includedIn(
        pageHistory.get(contract.contractId) ?? [],
        month,
        contract.timeZone,
      ),
      freeChangesUsed: 0,
    };
    return fromLive(contract, month, figures, isClosable);
  });
  const grand = addTotals([
    ...[...stored.values()].map(storedTotals),
    ...[...live.entries()]
      .filter(([contractId]) => !stored.has(contractId) && matches(contractId))
      .map(([, figures]) => figures.totals),
  ]);
  return {
    month: query.month,
    items: summaries.map(summaryView),
    nextCursor,
    total: page.total,
    grandTotals: totalsView(grand),
  };
}

/** One contract's statement of a month with its lines (the caller's right checked). */
async function statementDetail(
  deps: Deps,
  contractId: string,
  month: string,
): Promise<StatementDetail> {
  const contract = await contractOrNotFound(deps.db, contractId);
  return detailView(await statementOf(deps, contract, monthStart(month), true));
}

/**
 * Who reads one contract's statement: the back-office (operators who may read statements) or
 * the customer (the contract's Gestionnaires on Contrats).
 */
export type StatementReader = 'back-office' | 'customer';

function requireStatementReader(
  auth: AuthContext,
  reader: StatementReader,
  contractId: string,
): void {
  if (reader === 'back-office') requireOperator(auth, rolesWith('read_statements'));
  else requireStatementGrant(auth, contractId);
}

/** One contract's statement for a month, with its lines. */
export async function getStatement(
  deps: Deps,
  auth: AuthContext,
  reader: StatementReader,
  contractId: string,
  month: string,
): Promise<StatementDetail> {
  requireStatementReader(auth, reader, contractId);
  return statementDetail(deps, contractId, month);
}

/** The months of a contract with something on their statement, and the current one. */
export async function listContractStatements(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
): Promise<ContractStatementList> {
  requireStatementGrant(auth, contractId);
  const contract = await contractOrNotFound(deps.db, contractId);
  const current = billingMonth(deps.clock(), contract.timeZone);
  const months = new Set([
    current,
    ...(await repository.activityMonths(deps.db, contractId, nextMonthStart(current))),
  ]);
  const stored = new Map(
    (await repository.contractStatements(deps.db, contractId)).map((row) => [row.month, row]),
  );
  const items: StatementSummary[] = [];
  for (const month of [...months].sort().reverse()) {
    const closed = stored.get(month);
    items.push(
      summaryView(
        closed ? fromStored(contract, closed) : await statementOf(deps, contract, month, false),
      ),
    );
  }
  return { contractId, items };
}

// ---- CSV -----------------------------------------------------------------------------------

const csvHeaders = {
  fr: [
    'Contrat',
    'Client',
    'Mois',
    'Statut',
    'Type',
    'Numéro',
    'Article',
    'Date',
    'Jetons',
    'Prix du jeton (EUR)',
    'Montant (EUR)',
    'Hors heures ouvrées (x2)',
    'Demande refusée ou annulée',
  ],
  en: [
    'Contract',
    'Customer',
    'Month',
    'Status',
    'Kind',
    'Number',
    'Article',
    'Date',
    'Tokens',
    'Token price (EUR)',
    'Amount (EUR)',
    'Outside business hours (x2)',
    'Request rejected or cancelled',
  ],
} as const;

const csvWords = {
  fr: {
    closed: 'clos',
    provisional: 'provisoire',
    change: 'changement',
    free: 'changement gratuit',
    quote: 'devis',
    rejected: 'refusée',
    cancelled: 'annulée',
    yes: 'oui',
    no: 'non',
  },
  en: {
    closed: 'closed',
    provisional: 'provisional',
    change: 'change',
    free: 'free change',
    quote: 'quote',
    rejected: 'rejected',
    cancelled: 'cancelled',
    yes: 'yes',
    no: 'no',
  },
} as const;

function csvLines(statement: Statement, locale: 'fr' | 'en', separator: CsvSeparator): string[] {
  const words = csvWords[locale];
  return (statement.lines ?? []).map((line) =>
    csvRecord(
      [
        statement.contract.contractId,
        statement.contract.customerName,
        statement.month.slice(0, 7),
        words[statement.status],
        words[line.kind],
        line.number,
        locale === 'fr' ? line.articleNameFr : line.articleNameEn,
        calendarDay(line.at, statement.contract.timeZone),
        line.tokens,
        line.tokenPriceEur ?? '',
        centsToDecimal(line.amountCents),
        line.outsideBusinessHours ? words.yes : words.no,
        line.endedAs ? words[line.endedAs] : '',
      ],
      separator,
    ),
  );
}

/** Every contract's lines of a month (free changes at 0 € included), as CSV (operators). */
export async function exportBackOfficeStatements(
  deps: Deps,
  auth: AuthContext,
  month: string,
  separator: CsvSeparator,
): Promise<CsvExport> {
  requireOperator(auth, rolesWith('read_statements'));
  const start = monthStart(month);
  await closeOverMonths(deps, { month: start });
  const locale = auth.user.locale;
  // Only the contracts with something that month: the others have no line to write.
  const [stored, live] = await Promise.all([
    repository.findStatements(deps.db, start, null),
    computeLive(deps.db, start, null),
  ]);
  const contracts = (
    await repository.findContracts(deps.db, [...new Set([...stored.keys(), ...live.keys()])])
  ).sort(
    (a, b) =>
      a.customerName.localeCompare(b.customerName) || a.contractId.localeCompare(b.contractId),
  );
  async function* records(): AsyncGenerator<string> {
    yield csvByteOrderMark + csvRecord(csvHeaders[locale], separator);
    for (const contract of contracts) {
      const statement = await statementOf(deps, contract, start, true);
      for (const record of csvLines(statement, locale, separator)) yield record;
    }
  }
  return { fileName: `releves-${month}.csv`, records: records() };
}

function* oneStatementRecords(
  statement: Statement,
  locale: 'fr' | 'en',
  separator: CsvSeparator,
): Generator<string> {
  yield csvByteOrderMark + csvRecord(csvHeaders[locale], separator);
  for (const record of csvLines(statement, locale, separator)) yield record;
}

/** One contract's statement for a month, as CSV. */
export async function exportStatement(
  deps: Deps,
  auth: AuthContext,
  reader: StatementReader,
  contractId: string,
  month: string,
  separator: CsvSeparator,
): Promise<CsvExport> {
  requireStatementReader(auth, reader, contractId);
  const contract = await contractOrNotFound(deps.db, contractId);
  const statement = await statementOf(deps, contract, monthStart(month), true);
  return {
    fileName: `releve-${contractId}-${month}.csv`,
    records: oneStatementRecords(statement, auth.user.locale, separator),
  };
}
