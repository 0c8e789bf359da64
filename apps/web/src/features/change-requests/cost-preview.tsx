import { useTranslation } from 'react-i18next';
import type { PreviewView } from '@guichet/contracts';
import { FormField } from '../../components/ui/form-field.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { BillingSentence, billingTone } from '../../components/ui/billing-sentence.tsx';

interface CostPreviewProps {
  preview: PreviewView | undefined;
  isLoading: boolean;
  isError: boolean;
  hasArticle: boolean;
  acknowledgeBilling: boolean;
  acknowledgeError: string | null;
  onAcknowledge: (value: boolean) => void;
}

/** What the request will cost, shown before « Confirmer la demande » (DESIGN §5). */
export function CostPreview({
  preview,
  isLoading,
  isError,
  hasArticle,
  acknowledgeBilling,
  acknowledgeError,
  onAcknowledge,
}: CostPreviewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const billing = preview?.billing ?? null;
  return (
    <div className="cost-preview" aria-live="polite">
      <h3 className="cost-preview__title">{t('billing.title')}</h3>
      {!hasArticle ? (
        <p className="muted">{t('billing.chooseArticle')}</p>
      ) : isLoading && !billing ? (
        <Loading label={t('billing.computing')} />
      ) : isError || !billing ? (
        <p className="muted">{t('billing.unknown')}</p>
      ) : (
        <div className={`cost-preview__decision cost-preview__decision--${billingTone(billing)}`}>
          <p className="cost-preview__sentence">
            <BillingSentence billing={billing} isPreview />
          </p>
          {billing.kind === 'billable' ? (
            <FormField
              id={fieldId('acknowledgeBilling')}
              label={t('billing.acknowledge')}
              isRequired
              layout="inline"
              error={acknowledgeError}
            >
              {(control) => (
                <input
                  {...control}
                  type="checkbox"
                  checked={acknowledgeBilling}
                  onChange={(event) => onAcknowledge(event.target.checked)}
                />
              )}
            </FormField>
          ) : null}
        </div>
      )}
      {preview && preview.freeChangesPerMonth > 0 ? (
        <p className="cost-preview__allowance">
          {t('billing.allowance', {
            count: preview.freeChangesLeft,
            left: formatNumber(preview.freeChangesLeft, locale),
            perMonth: formatNumber(preview.freeChangesPerMonth, locale),
          })}
        </p>
      ) : null}
    </div>
  );
}
