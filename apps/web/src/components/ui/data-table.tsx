import { Fragment, useId } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { Button } from './button.tsx';
import { LoadFailedNotice } from './load-failed-notice.tsx';
import { Loading } from './loading.tsx';
import './data-table.css';

/** One column, declared once: its title, and what a row shows in it. */
export interface Column<Row> {
  key: string;
  header: string;
  /** The title is for screen readers only (a column of buttons, « Actions »). */
  isHeaderHidden?: boolean;
  /** Numbers line up on the right. */
  isNumeric?: boolean;
  /** Extra classes on each cell (`nowrap`, `mono`…). */
  className?: string;
  cell: (row: Row) => ReactNode;
}

/** A row's React key: its `id` unless it has none, then `rowKey` says which. */
type RowKey<Row> = [Row] extends [{ id: string }]
  ? { rowKey?: (row: Row) => string }
  : { rowKey: (row: Row) => string };

interface TableProps<Row> {
  caption: string;
  /** Shown above the table (a list among others on the page); else for screen readers only. */
  isCaptionShown?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  className?: string;
  /** Rows of a `<tfoot>` (totals). */
  footer?: ReactNode;
  /** A row spanning the table under a row (a mail's text opened under it). */
  rowDetail?: (row: Row) => ReactNode;
}

export type DataTableProps<Row> = RowKey<Row> & TableProps<Row>;

function keyOf<Row>(props: RowKey<Row>): (row: Row) => string {
  // RowKey makes `rowKey` required where a row has no `id`: without it, the row has one.
  return props.rowKey ?? ((row) => (row as { id: string }).id);
}

function cellClass(column: Column<unknown>): string | undefined {
  const classes = [column.isNumeric ? 'data-table__number' : null, column.className ?? null];
  return classes.filter(Boolean).join(' ') || undefined;
}

/**
 * A table on wide screens; under 720 px each row is a card where every cell says its column's
 * title before its value (data-table.css). The DOM stays a table, the roles are spelled out so
 * that restyled rows keep their semantics in every browser.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  return <Table {...props} rowKey={keyOf(props)} />;
}

function Table<Row>({
  caption,
  isCaptionShown = false,
  columns,
  rows,
  rowKey,
  className,
  footer,
  rowDetail,
}: TableProps<Row> & { rowKey: (row: Row) => string }) {
  const captionId = useId();
  return (
    <div
      className="table-scroll data-table__scroll"
      tabIndex={0}
      role="region"
      aria-labelledby={captionId}
    >
      <table className={['table', 'data-table', className].filter(Boolean).join(' ')} role="table">
        <caption
          id={captionId}
          className={isCaptionShown ? 'data-table__caption' : 'visually-hidden'}
        >
          {caption}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                role="columnheader"
                className={column.isNumeric ? 'data-table__number' : undefined}
              >
                {column.isHeaderHidden ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => {
            const detail = rowDetail?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr role="row">
                  {columns.map((column) => (
                    <td
                      key={column.key}
                      role="cell"
                      className={cellClass(column as Column<unknown>)}
                      data-label={column.isHeaderHidden ? undefined : column.header}
                    >
                      <div className="data-table__value">{column.cell(row)}</div>
                    </td>
                  ))}
                </tr>
                {detail ? (
                  <tr role="row" className="data-table__detail">
                    <td role="cell" colSpan={columns.length}>
                      {detail}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
        {footer ? (
          <tfoot role="rowgroup" className="data-table__footer">
            {footer}
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty-state">{children}</div>;
}

/** What a paged list query gives (a `useInfiniteQuery` over `{ items, total }` pages). */
export interface PagedQuery<Row, Page extends { items: readonly Row[] }> {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  data?: { pages: readonly Page[] } | undefined;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The dictionary branches of the lists that follow the convention: `loadFailed`, `empty`,
 * `count` (plural, with `formatted`) and `loadMore` (with `shown` and `total`).
 */
export type ListTexts =
  | 'requests'
  | 'operations.queue'
  | 'operations.outbox'
  | 'rights.users'
  | 'providerAdmin.customers'
  | 'statements.backOffice';

/** A list's words: its dictionary branch, or each of them (a list with other keys). */
type ListWords =
  | { texts: ListTexts }
  | {
      texts?: undefined;
      loadFailed: string;
      /** Nothing matches the criteria. */
      empty: ReactNode;
      /** The totals line (« 12 demandes »), from the first page's `total`. */
      count?: (total: number) => string;
      /** « Afficher plus (20 sur 42) ». */
      loadMore: (shown: number, total: number) => string;
    };

export type PagedDataTableProps<Row, Page extends { items: readonly Row[] }> = RowKey<Row> &
  Omit<TableProps<Row>, 'rows' | 'footer'> &
  ListWords & {
    list: PagedQuery<Row, Page>;
    /**
     * Nothing at all yet and no criterion set: what to do first (« Créer une demande »)
     * rather than « nothing matches ».
     */
    firstUse?: ReactNode;
    hasCriteria?: boolean;
    /** Also say « 0 … » above the empty state (a queue that empties is news). */
    isCountShownWhenEmpty?: boolean;
    /** Rows of a `<tfoot>`, from the first page (grand totals). */
    footer?: (firstPage: Page) => ReactNode;
    /** Above the count: the news of what was just done in the list. */
    children?: ReactNode;
  };

function useListWords(words: ListWords) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { texts } = words;
  if (texts === undefined) return words;
  return {
    loadFailed: t(`${texts}.loadFailed`),
    empty: t(`${texts}.empty`),
    count: (total: number) =>
      t(`${texts}.count`, { count: total, formatted: formatNumber(total, locale) }),
    loadMore: (shown: number, total: number) => t(`${texts}.loadMore`, { shown, total }),
  };
}

/**
 * A keyset-paged list: loading, failure, empty or first use, the totals line, the table and
 * « Afficher plus ». Every list page of the web app is one of these.
 */
export function PagedDataTable<Row, Page extends { items: readonly Row[]; total?: number }>(
  props: PagedDataTableProps<Row, Page>,
) {
  const {
    list,
    firstUse,
    hasCriteria = false,
    isCountShownWhenEmpty = false,
    footer,
    children,
    caption,
    isCaptionShown,
    columns,
    className,
    rowDetail,
  } = props;
  const { loadFailed, empty, count, loadMore } = useListWords(props);
  const table = { caption, isCaptionShown, columns, rowKey: keyOf(props), className, rowDetail };
  if (list.isPending) return <Loading />;
  if (list.isError || !list.data) {
    return <LoadFailedNotice title={loadFailed} onRetry={list.refetch} />;
  }
  const rows = list.data.pages.flatMap((page) => page.items);
  const first = list.data.pages[0];
  const total = first?.total ?? rows.length;
  const isEmpty = rows.length === 0;
  if (isEmpty && !children && !isCountShownWhenEmpty) {
    return <EmptyState>{firstUse && !hasCriteria ? firstUse : <p>{empty}</p>}</EmptyState>;
  }
  return (
    <div className="table-block" aria-busy={list.isFetching || undefined}>
      {children}
      {count && (!isEmpty || isCountShownWhenEmpty) ? (
        <p className="table-block__count" role="status">
          {count(total)}
        </p>
      ) : null}
      {isEmpty ? (
        <EmptyState>{firstUse && !hasCriteria ? firstUse : <p>{empty}</p>}</EmptyState>
      ) : (
        <Table {...table} rows={rows} footer={footer && first ? footer(first) : undefined} />
      )}
      {list.hasNextPage ? (
        <div className="table-block__more">
          <Button onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
            {loadMore(rows.length, total)}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
