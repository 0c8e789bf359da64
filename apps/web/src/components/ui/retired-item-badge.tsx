import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { Badge } from './badge.tsx';

/**
 * « Élément retiré du parc » beside an item that the provider's inventory no longer holds
 * (a full sync retired it): its requests still show it, with the day it went.
 */
export function RetiredItemBadge({ retiredAt }: { retiredAt: string | null | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!retiredAt) return null;
  return (
    <span className="retired-item">
      <Badge tone="warning">{t('inventorySync.retired.badge')}</Badge>{' '}
      <time dateTime={retiredAt} title={formatDateTime(retiredAt, locale)}>
        {t('inventorySync.retired.since', { date: formatDate(retiredAt, locale) })}
      </time>
    </span>
  );
}
