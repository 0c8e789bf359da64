import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatementDetail, StatementLineView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Card } from '../../components/ui/card.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { formatCents, formatMonth } from './statement-format.ts';
import type { CsvSeparator } from './statements-api.ts';

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
  const captionId = `statement-${kind}-caption`;
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
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="table table--compact statement-table">
        <caption id={captionId} className="visually-hidden">
          {t(`statements.lines.${words.caption}`)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('statements.lines.number')}</th>
            <th scope="col">{t('statements.lines.article')}</th>
            <th scope="col">{t(`statements.lines.${words.at}`)}</th>
            {kind === 'free' ? null : (
              <th scope="col" className="statement-table__number">
                {t('statements.lines.tokens')}
              </th>
            )}
            {kind === 'change' ? (
              <th scope="col" className="statement-table__number">
                {t('statements.lines.tokenPrice')}
              </th>
            ) : null}
            <th scope="col" className="statement-table__number">
              {t('statements.lines.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.quoteId ?? line.requestId}>
              <td className="nowrap">
                <Link to={requestHref(line.requestId)}>{line.number}</Link>
              </td>
              <td>
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
              </td>
              <td className="nowrap">
                <time dateTime={line.at} title={formatDateTime(line.at, locale, timeZone)}>
                  {formatDate(line.at, locale, timeZone)}
                </time>
              </td>
              {kind === 'free' ? null : (
                <td className="statement-table__number">{formatNumber(line.tokens, locale)}</td>
              )}
              {kind === 'change' ? (
                <td className="statement-table__number nowrap">
                  {line.tokenPriceEur === null
                    ? '—'
                    : formatCents(Math.round(Number(line.tokenPriceEur) * 100), locale)}
                </td>
              ) : null}
              <td className="statement-table__number nowrap">
                {formatCents(line.amountCents, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

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
  const free = statement.lines.filter((line) => line.kind === 'free');
  const changes = statement.lines.filter((line) => line.kind === 'change');
  const quotes = statement.lines.filter((line) => line.kind === 'quote');
  return (
    <div className="statement">
      <Card>
        <dl className="facts">
          <div>
            <dt>{t('statements.facts.contract')}</dt>
            <dd className="mono">{statement.contractId}</dd>
          </div>
          <div>
            <dt>{t('statements.facts.customer')}</dt>
            <dd>{statement.customer.name}</dd>
          </div>
          <div>
            <dt>{t('statements.facts.month')}</dt>
            <dd>{formatMonth(statement.month, locale)}</dd>
          </div>
          <div>
            <dt>{t('statements.facts.status')}</dt>
            <dd>
              <StatementStatusBadge status={statement.status} />
            </dd>
          </div>
          <div>
            <dt>{t('statements.facts.freeIncluded')}</dt>
            <dd>{formatNumber(statement.freeChangesIncluded, locale)}</dd>
          </div>
          <div>
            <dt>{t('statements.facts.freeUsed')}</dt>
            <dd>{formatNumber(statement.freeChangesUsed, locale)}</dd>
          </div>
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
      <Card title={t('statements.lines.freeTitle')} titleId="statement-free">
        <p className="statement__note">{t('statements.lines.freeNote')}</p>
        <LinesTable
          lines={free}
          kind="free"
          timeZone={statement.timeZone}
          requestHref={requestHref}
        />
      </Card>
      <Card title={t('statements.lines.changesTitle')} titleId="statement-changes">
        <LinesTable
          lines={changes}
          kind="change"
          timeZone={statement.timeZone}
          requestHref={requestHref}
        />
      </Card>
      <Card title={t('statements.lines.quotesTitle')} titleId="statement-quotes">
        <LinesTable
          lines={quotes}
          kind="quote"
          timeZone={statement.timeZone}
          requestHref={requestHref}
        />
      </Card>
      <Card className="statement__total">
        <dl className="facts">
          <div>
            <dt>{t('statements.facts.tokens')}</dt>
            <dd>{formatNumber(statement.totals.tokens, locale)}</dd>
          </div>
          <div>
            <dt>{t('statements.facts.total')}</dt>
            <dd className="statement__amount">{formatCents(statement.totals.cents, locale)}</dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}

/**
 * A CSV download: a plain link (the browser saves the file), with the separator a spreadsheet
 * set to the user's language expects (`;` in French, where `,` is the decimal mark).
 */
export function CsvDownload({
  label,
  href,
  idPrefix,
}: {
  label: string;
  href: (separator: CsvSeparator) => string;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [separator, setSeparator] = useState<CsvSeparator>(locale === 'fr' ? 'semicolon' : 'comma');
  return (
    <div className="statement-export">
      <div className="statement-export__field">
        <label htmlFor={`${idPrefix}-separator`} className="field__label">
          {t('statements.separator.label')}
        </label>
        <select
          id={`${idPrefix}-separator`}
          value={separator}
          onChange={(event) => setSeparator(event.target.value === 'comma' ? 'comma' : 'semicolon')}
        >
          <option value="semicolon">{t('statements.separator.semicolon')}</option>
          <option value="comma">{t('statements.separator.comma')}</option>
        </select>
      </div>
      <a className="button button--secondary" href={href(separator)} download>
        {label}
      </a>
    </div>
  );
}
