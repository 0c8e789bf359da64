import { useTranslation } from 'react-i18next';
import type { BillingDecisionView } from '@guichet/contracts';
import { formatEuros, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';

/** The cost decision in one sentence: before confirmation (preview) and on the detail page. */
export function BillingSentence({
  billing,
  isPreview,
}: {
  billing: BillingDecisionView;
  isPreview: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  switch (billing.kind) {
    case 'included':
      return <>{t('billing.included')}</>;
    case 'free':
      return (
        <>
          {isPreview
            ? t('billing.free', {
                count: billing.freeChangesLeft,
                formatted: formatNumber(billing.freeChangesLeft, locale),
              })
            : t('billing.freeRecorded')}
        </>
      );
    case 'billable':
      return (
        <>
          {t('billing.billable', {
            tokens: formatNumber(billing.priceTokens, locale),
            euros: formatEuros(billing.priceEur, locale),
          })}
        </>
      );
    case 'quote':
      return <>{t('billing.quote')}</>;
  }
}

export function billingTone(billing: BillingDecisionView): 'success' | 'info' | 'warning' {
  switch (billing.kind) {
    case 'included':
    case 'free':
      return 'success';
    case 'billable':
      return 'warning';
    case 'quote':
      return 'info';
  }
}
