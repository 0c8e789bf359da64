import { useTranslation } from 'react-i18next';
import type { Condition, Field, Locale } from '@guichet/domain';
import { sameJson } from './canonical-json.ts';
import { ConditionEditor, conditionFor, operatorsFor } from './condition-editor.tsx';
import { SelectProp, withProp } from './field-props.tsx';

type RequiredMode = 'no' | 'always' | 'whenShown' | 'when';

function requiredModeOf(field: Field): RequiredMode {
  if (field.required) return 'always';
  if (!field.requiredWhen) return 'no';
  return field.visibleWhen && sameJson(field.visibleWhen, field.requiredWhen)
    ? 'whenShown'
    : 'when';
}

function firstCondition(candidates: readonly Field[]): Condition {
  const field = candidates.at(-1);
  return conditionFor(field, operatorsFor(field)[0] ?? 'filled');
}

interface FieldConditionsProps {
  id: string;
  field: Field;
  /** Fields its conditions may read: those placed before it. */
  candidates: readonly Field[];
  locale: Locale;
  onChange: (field: Field) => void;
}

/** When a field shows and when it must be answered: always, never, or on a condition. */
export function FieldConditions({ id, field, candidates, locale, onChange }: FieldConditionsProps) {
  const { t } = useTranslation();
  const requiredMode = requiredModeOf(field);
  const isFirst = candidates.length === 0 && !field.visibleWhen;
  return (
    <>
      <div className="form-grid">
        <SelectProp
          id={`${id}-visible`}
          label={t('catalogAdmin.field.visible')}
          value={field.visibleWhen ? 'when' : 'always'}
          disabled={isFirst}
          hint={isFirst ? t('catalogAdmin.field.firstFieldHint') : null}
          onChange={(value) => {
            const visibleWhen = value === 'when' ? firstCondition(candidates) : undefined;
            const next = withProp(field, 'visibleWhen', visibleWhen);
            onChange(
              requiredMode === 'whenShown' ? withProp(next, 'requiredWhen', visibleWhen) : next,
            );
          }}
        >
          <option value="always">{t('catalogAdmin.field.visibleAlways')}</option>
          <option value="when">{t('catalogAdmin.field.visibleWhen')}</option>
        </SelectProp>
        <SelectProp
          id={`${id}-required`}
          label={t('catalogAdmin.field.required')}
          value={requiredMode}
          onChange={(value) => {
            const mode = value as RequiredMode;
            let next = withProp(
              withProp(field, 'required', mode === 'always'),
              'requiredWhen',
              undefined,
            );
            if (mode === 'whenShown') next = withProp(next, 'requiredWhen', field.visibleWhen);
            if (mode === 'when') next = withProp(next, 'requiredWhen', firstCondition(candidates));
            onChange(next);
          }}
        >
          <option value="no">{t('catalogAdmin.field.requiredNo')}</option>
          <option value="always">{t('catalogAdmin.field.requiredAlways')}</option>
          {field.visibleWhen ? (
            <option value="whenShown">{t('catalogAdmin.field.requiredWhenShown')}</option>
          ) : null}
          {candidates.length > 0 ? (
            <option value="when">{t('catalogAdmin.field.requiredWhen')}</option>
          ) : null}
        </SelectProp>
      </div>
      {field.visibleWhen ? (
        <fieldset className="field-editor__condition">
          <legend>{t('catalogAdmin.field.visibleWhenLegend')}</legend>
          <ConditionEditor
            id={`${id}-visible-when`}
            candidates={candidates}
            condition={field.visibleWhen}
            locale={locale}
            onChange={(condition) => {
              const next = { ...field, visibleWhen: condition };
              onChange(requiredMode === 'whenShown' ? { ...next, requiredWhen: condition } : next);
            }}
          />
        </fieldset>
      ) : null}
      {requiredMode === 'when' && field.requiredWhen ? (
        <fieldset className="field-editor__condition">
          <legend>{t('catalogAdmin.field.requiredWhenLegend')}</legend>
          <ConditionEditor
            id={`${id}-required-when`}
            candidates={candidates}
            condition={field.requiredWhen}
            locale={locale}
            onChange={(condition) => onChange({ ...field, requiredWhen: condition })}
          />
        </fieldset>
      ) : null}
    </>
  );
}
