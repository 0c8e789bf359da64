import { useState } from 'react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay, initialValues, validateForm } from '@guichet/domain';
import type { FormDefinition, FormValues, Locale } from '@guichet/domain';
import type { PreviewAsset } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { SelectField } from '../../components/ui/select-field.tsx';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { isUnder, messagesByPath } from '../../lib/field-errors.ts';
import { applyPrefill, pickKnownValues } from '../../lib/form-values.ts';

interface FormPreviewProps {
  form: FormDefinition;
  assets: readonly PreviewAsset[];
  locale: Locale;
  ArticleFields: ComponentType<ArticleFieldsProps>;
}

/**
 * The form as a customer sees it, with an item's attributes to prefill it: fields show and
 * hide, and rules answer, as the manager types — the same engine as the customer's form.
 */
export function FormPreview({ form, assets, locale, ArticleFields }: FormPreviewProps) {
  const { t } = useTranslation();
  const [assetId, setAssetId] = useState(assets[0]?.id ?? '');
  const [values, setValues] = useState<FormValues>(() => initialValues(form));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const asset = assets.find((candidate) => candidate.id === assetId) ?? assets[0] ?? null;
  const attributes = asset?.attributes ?? {};
  const shown = applyPrefill(form, pickKnownValues(form, values), attributes);
  const today = calendarDay(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const messages = messagesByPath(validateForm(form, shown, attributes, locale, { today }));
  const errorFor = (path: string) =>
    [...touched].some((done) => isUnder(path, done)) ? (messages.get(path) ?? null) : null;

  return (
    <div className="form-preview">
      <div className="form-preview__toolbar">
        <SelectField
          id="preview-asset"
          label={t('catalogAdmin.preview.asset')}
          value={asset?.id ?? ''}
          disabled={assets.length === 0}
          options={
            assets.length === 0
              ? [{ value: '', label: t('catalogAdmin.preview.noAsset') }]
              : assets.map((candidate) => ({
                  value: candidate.id,
                  label: `${candidate.reference} — ${candidate.label}`,
                }))
          }
          onChange={setAssetId}
        />
        <Button
          variant="ghost"
          onClick={() => {
            setValues(initialValues(form));
            setTouched(new Set());
          }}
        >
          {t('catalogAdmin.preview.reset')}
        </Button>
      </div>
      <div className="form-preview__frame">
        {form.fields.length === 0 ? (
          <p className="muted">{t('catalogAdmin.preview.empty')}</p>
        ) : (
          <ArticleFields
            form={form}
            values={shown}
            locale={locale}
            errorFor={errorFor}
            onChange={(next) => setValues(next)}
            onTouch={(path) =>
              setTouched((current) => (current.has(path) ? current : new Set(current).add(path)))
            }
          />
        )}
      </div>
      <p className="field__hint">
        {messages.size === 0
          ? t('catalogAdmin.preview.valid')
          : t('catalogAdmin.preview.problems', { count: messages.size })}
      </p>
    </div>
  );
}
