import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuoteView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import type { QuoteCardProps } from '../../lib/activity-slots.ts';
import { formatDate, formatDateTime, formatEuros, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';

const tones: Record<QuoteView['status'], BadgeTone> = {
  sent: 'warning',
  accepted: 'success',
  refused: 'danger',
  expired: 'neutral',
  superseded: 'muted',
};

interface QuoteCardWithActionsProps extends QuoteCardProps {
  /** Accept and refuse buttons, on the customer's side. */
  actions?: ReactNode;
}

/** One quote: amount in tokens and euros, validity, text, PDF, and who answered it when. */
export function QuoteCard({
  quote,
  downloadUrl,
  actions,
  isCompact = false,
}: QuoteCardWithActionsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  // the validity day is a calendar day: shown as is, whatever the browser's zone
  const validUntil = formatDate(`${quote.validUntil}T12:00:00Z`, locale, 'UTC');
  return (
    <article className={`quote-card${isCompact ? ' quote-card--compact' : ''}`}>
      <header className="quote-card__header">
        <h3 className="quote-card__title">
          {t('operations.quote.version', { version: quote.version })}
        </h3>
        <Badge tone={tones[quote.status]}>{t(`operations.quote.statuses.${quote.status}`)}</Badge>
      </header>
      <dl className="quote-card__facts">
        <div>
          <dt>{t('operations.quote.amount')}</dt>
          <dd className="quote-card__amount">
            {t('operations.quote.amountValue', {
              tokens: formatNumber(quote.amountTokens, locale),
              euros: formatEuros(quote.amountEur, locale),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('operations.quote.validUntil')}</dt>
          <dd>{t('operations.quote.validUntilValue', { date: validUntil })}</dd>
        </div>
      </dl>
      {isCompact ? null : (
        <>
          <h4 className="quote-card__subtitle">{t('operations.quote.text')}</h4>
          <p className="prewrap quote-card__text">{quote.text}</p>
          {quote.attachment ? (
            <p>
              <a href={downloadUrl(quote.attachment.id)} download={quote.attachment.fileName}>
                {t('operations.quote.attachment')} — {quote.attachment.fileName}
              </a>
            </p>
          ) : null}
        </>
      )}
      <p className="quote-card__meta">
        {t('operations.quote.sentBy', {
          name: quote.createdByName,
          date: formatDateTime(quote.createdAt, locale),
        })}
        {quote.answeredAt && quote.answeredByName
          ? ` · ${t('operations.quote.answeredBy', {
              status: t(`operations.quote.statuses.${quote.status}`),
              name: quote.answeredByName,
              date: formatDateTime(quote.answeredAt, locale),
            })}`
          : null}
      </p>
      {actions ? <div className="quote-card__actions">{actions}</div> : null}
    </article>
  );
}
