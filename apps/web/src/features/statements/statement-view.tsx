import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatementDetail, StatementLineView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Card } from '../../components/ui/card.tsx';
import { DataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { Fact } from '../../components/ui/fact.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { formatCents, formatMonth } from './statement-format.ts';

export function StatementStatusBadge({ status }: { status: StatementDetail['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge tone={status === 'closed' ? 'success' : 'warning'}>
      {t(`statements.status.${status}`)}
    </Badge>
  );
}

function LinesTable({
  lines,
  kind,
  timeZone,
  requestHref,
}: {
  lines: StatementLineView[];
  kind: StatementLineView['kind'];
  timeZone: string;
  requestHref: (requestId: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const words = (
    {
      free: { empty: 'noFree', caption: 'freeCaption', at: 'confirmedAt' },
      change: { empty: 'noChanges', caption: 'changesCaption', at: 'confirmedAt' },
      quote: { empty: 'noQuotes', caption: 'quotesCaption', at: 'acceptedAt' },
    } as const
  )[kind];
  if (lines.length === 0) {
    return <p className="muted">{t(`statements.lines.${words.empty}`)}</p>;
  }
  const columns: Column<StatementLineView>[] = [
    {
      key: 'number',
      header: t('statements.lines.number'),
      className: 'nowrap',
      cell: (line) => <Link to={requestHref(line.requestId)}>{line.number}</Link>,
    },
    {
      key: 'article',
      header: t('statements.lines.article'),
      cell: (line) => (
        <>
          {line.articleName[locale]}
          {line.outsideBusinessHours && kind !== 'free' ? (
            <span className="table__secondary">
              <Badge tone="info">{t('statements.lines.outsideBusinessHours')}</Badge>
            </span>
          ) : null}
          {line.endedAs ? (
            <span className="table__secondary">
              <Badge tone="neutral">{t(`statements.lines.endedAs.${line.endedAs}`)}</Badge>
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'at',
      header: t(`statements.lines.${words.at}`),
      className: 'nowrap',
      cell: (line) => (
        <time dateTime={line.at} title={formatDateTime(line.at, locale, timeZone)}>
          {formatDate(line.at, locale, timeZone)}
        </time>
      ),
    },
  ];
  if (kind !== 'free') {
    columns.push({
      key: 'tokens',
      header: t('statements.lines.tokens'),
      isNumeric: true,
      cell: (line) => formatNumber(line.tokens, locale),
    });
  }
  if (kind === 'change') {
    columns.push({
      key: 'tokenPrice',
      header: t('statements.lines.tokenPrice'),
      isNumeric: true,
      className: 'nowrap',
      cell: (line) =>
        line.tokenPriceEur === null
          ? '—'
          : formatCents(Math.round(Number(line.tokenPriceEur) * 100), locale),
    });
  }
  columns.push({
    key: 'amount',
    header: t('statements.lines.amount'),
    isNumeric: true,
    className: 'nowrap',
    cell: (line) => formatCents(line.amountCents, locale),
  });
  return (
    <DataTable
      caption={t(`statements.lines.${words.caption}`)}
      columns={columns}
      rows={lines}
      rowKey={(line) => line.quoteId ?? line.requestId}
      className="table--compact statement-table"
    />
  );
}

/** The statement's three lists of lines, in this order. */
const lineCards = [
  { kind: 'free', id: 'statement-free', title: 'freeTitle', note: 'freeNote' },
  { kind: 'change', id: 'statement-changes', title: 'changesTitle', note: null },
  { kind: 'quote', id: 'statement-quotes', title: 'quotesTitle', note: null },
] as const;

/** A contract's statement for a month: its facts, its free and billed lines, its total. */
export function StatementView({
  statement,
  requestHref,
}: {
  statement: StatementDetail;
  requestHref: (requestId: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="statement">
      <Card>
        <dl className="facts">
          <Fact label={t('statements.facts.contract')} className="mono">
            {statement.contractId}
          </Fact>
          <Fact label={t('statements.facts.customer')}>{statement.customer.name}</Fact>
          <Fact label={t('statements.facts.month')}>{formatMonth(statement.month, locale)}</Fact>
          <Fact label={t('statements.facts.status')}>
            <StatementStatusBadge status={statement.status} />
          </Fact>
          <Fact label={t('statements.facts.freeIncluded')}>
            {formatNumber(statement.freeChangesIncluded, locale)}
          </Fact>
          <Fact label={t('statements.facts.freeUsed')}>
            {formatNumber(statement.freeChangesUsed, locale)}
          </Fact>
        </dl>
        <p className="statement__note">
          {statement.status === 'provisional'
            ? t('statements.statusNote.provisional', { timeZone: statement.timeZone })
            : statement.closedAt
              ? t('statements.statusNote.closed', {
                  date: formatDateTime(statement.closedAt, locale),
                })
              : t('statements.statusNote.closedEmpty')}
        </p>
      </Card>
      {lineCards.map(({ kind, id, title, note }) => (
        <Card key={kind} title={t(`statements.lines.${title}`)} titleId={id}>
          {note ? <p className="statement__note">{t(`statements.lines.${note}`)}</p> : null}
          <LinesTable
            lines={statement.lines.filter((line) => line.kind === kind)}
            kind={kind}
            timeZone={statement.timeZone}
            requestHref={requestHref}
          />
        </Card>
      ))}
      <Card className="statement__total">
        <dl className="facts">
          <Fact label={t('statements.facts.tokens')}>
            {formatNumber(statement.totals.tokens, locale)}
          </Fact>
          <Fact label={t('statements.facts.total')} className="statement__amount">
            {formatCents(statement.totals.cents, locale)}
          </Fact>
        </dl>
      </Card>
    </div>
  );
}
