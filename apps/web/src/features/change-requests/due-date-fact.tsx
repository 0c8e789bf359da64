import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '@guichet/contracts';
import { Fact } from '../../components/ui/fact.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';

/**
 * « Réalisation prévue avant le … » (issue 20, decision 0036): while the request is with the
 * provider; paused while it waits for the customer or an approval; gone once answered.
 */
export function DueDateFact({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const due = detail.dueDate;
  if (!due || due.state === 'met' || due.state === 'missed') return null;
  return (
    <Fact label={t('dueDates.customer.plannedBefore')}>
      {due.carryOutDueAt ? (
        <time dateTime={due.carryOutDueAt} data-testid="due-date">
          {formatDateTime(due.carryOutDueAt, locale)}
        </time>
      ) : (
        <span className="muted">{t('dueDates.customer.paused')}</span>
      )}
    </Fact>
  );
}
