import { useTranslation } from 'react-i18next';
import type { Field, Locale } from '@guichet/domain';
import { localize } from '../../lib/form-values.ts';
import { CheckProp, NumberProp, SelectProp, TextProp, withProp } from './field-props.tsx';

/** The numeric constraints, each under its label `catalogAdmin.field.<key>`. */
type NumberKey =
  | 'minLength'
  | 'maxLength'
  | 'min'
  | 'max'
  | 'step'
  | 'default'
  | 'minItems'
  | 'maxItems'
  | 'minRows'
  | 'maxRows';

/** `minLength` → `min-length`, for ids. */
function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

interface FieldConstraintsProps {
  id: string;
  field: Field;
  locale: Locale;
  onChange: (field: Field) => void;
}

/** What a field of each kind accepts: lengths, bounds, counts, its default, its prefill. */
export function FieldConstraints({ id, field, locale, onChange }: FieldConstraintsProps) {
  const { t } = useTranslation();
  const set = (key: string, value: unknown) => onChange(withProp(field, key, value));
  const numbers = (keys: readonly NumberKey[]) =>
    keys.map((key) => {
      const value = (field as Partial<Record<NumberKey, unknown>>)[key];
      return (
        <NumberProp
          key={key}
          id={`${id}-${kebab(key)}`}
          label={t(`catalogAdmin.field.${key}`)}
          value={typeof value === 'number' ? value : undefined}
          onChange={(next) => set(key, next)}
        />
      );
    });
  const canPrefill = field.kind === 'text' || field.kind === 'integer' || field.kind === 'decimal';

  return (
    <div className="form-grid">
      {field.kind === 'text' ? (
        <>
          <CheckProp
            id={`${id}-multiline`}
            label={t('catalogAdmin.field.multiline')}
            checked={field.multiline === true}
            onChange={(checked) => set('multiline', checked)}
          />
          {numbers(['minLength', 'maxLength'])}
          <TextProp
            id={`${id}-pattern`}
            label={t('catalogAdmin.field.pattern')}
            hint={t('catalogAdmin.field.patternHint')}
            value={field.pattern}
            onChange={(value) => set('pattern', value)}
          />
        </>
      ) : null}
      {field.kind === 'integer' || field.kind === 'decimal'
        ? numbers(['min', 'max', 'step', 'default'])
        : null}
      {field.kind === 'multichoice' ? numbers(['minItems', 'maxItems']) : null}
      {field.kind === 'choice' ? (
        <SelectProp
          id={`${id}-default`}
          label={t('catalogAdmin.field.default')}
          value={field.default ?? ''}
          onChange={(value) => set('default', value || undefined)}
        >
          <option value="">{t('catalogAdmin.field.noDefault')}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {localize(option.label, locale) || option.value}
            </option>
          ))}
        </SelectProp>
      ) : null}
      {field.kind === 'boolean' ? (
        <SelectProp
          id={`${id}-default`}
          label={t('catalogAdmin.field.default')}
          value={field.default === undefined ? '' : String(field.default)}
          onChange={(value) =>
            onChange(
              value === ''
                ? withProp(field, 'default', undefined)
                : { ...field, default: value === 'true' },
            )
          }
        >
          <option value="">{t('catalogAdmin.field.noDefault')}</option>
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </SelectProp>
      ) : null}
      {field.kind === 'rows' ? numbers(['minRows', 'maxRows']) : null}
      {canPrefill ? (
        <>
          <TextProp
            id={`${id}-prefill`}
            label={t('catalogAdmin.field.prefill')}
            hint={t('catalogAdmin.field.prefillHint')}
            value={field.prefill}
            onChange={(value) => set('prefill', value)}
          />
          <CheckProp
            id={`${id}-read-only`}
            label={t('catalogAdmin.field.readOnly')}
            checked={field.readOnly === true}
            onChange={(checked) => set('readOnly', checked)}
          />
        </>
      ) : null}
    </div>
  );
}
