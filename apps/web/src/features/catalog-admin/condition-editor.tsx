import { useTranslation } from 'react-i18next';
import type { Condition, Field, Locale, ScalarValue } from '@guichet/domain';
import { localize } from '../../lib/form-values.ts';

type SimpleOp = Exclude<Condition['op'], 'all' | 'any'>;

/** The operators that make sense for a kind of field, in the order they are offered. */
export function operatorsFor(field: Field | undefined): SimpleOp[] {
  switch (field?.kind) {
    case 'choice':
      return ['equals', 'notEquals', 'filled', 'empty'];
    case 'boolean':
      return ['equals', 'filled', 'empty'];
    case 'integer':
    case 'decimal':
      return ['gt', 'gte', 'lt', 'lte', 'equals', 'notEquals', 'filled', 'empty'];
    case 'multichoice':
      return ['includes', 'filled', 'empty'];
    case 'rows':
      return ['filled', 'empty'];
    case 'text':
    case 'date':
    case undefined:
      return ['equals', 'notEquals', 'filled', 'empty'];
  }
}

/** A first value for an operator on a field (the first option, yes, 1…). */
function firstValue(field: Field | undefined): ScalarValue {
  if (field?.kind === 'choice' || field?.kind === 'multichoice')
    return field.options[0]?.value ?? '';
  if (field?.kind === 'boolean') return true;
  if (field?.kind === 'integer' || field?.kind === 'decimal') return field.min ?? 1;
  return '';
}

/** The condition for a field and an operator, keeping the value when it still fits. */
export function conditionFor(
  field: Field | undefined,
  op: SimpleOp,
  previous?: Condition,
): Condition {
  const key = field?.key ?? '';
  const kept = previous && 'value' in previous ? previous.value : undefined;
  switch (op) {
    case 'filled':
    case 'empty':
      return { op, field: key };
    case 'includes':
      return { op, field: key, value: typeof kept === 'string' ? kept : String(firstValue(field)) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { op, field: key, value: typeof kept === 'number' ? kept : Number(firstValue(field)) };
    case 'in':
      return { op, field: key, values: [firstValue(field)] };
    case 'equals':
    case 'notEquals': {
      const value =
        kept !== undefined && typeof kept === typeof firstValue(field) ? kept : firstValue(field);
      return { op, field: key, value };
    }
  }
}

interface ConditionEditorProps {
  id: string;
  /** The fields the condition may read (those before the field it belongs to). */
  candidates: readonly Field[];
  condition: Condition;
  locale: Locale;
  onChange: (condition: Condition) => void;
}

/**
 * « quand [champ] [est égal à] [valeur] »: one comparison on an earlier field. Conditions
 * that combine several (all / any) are shown as such and edited in JSON.
 */
export function ConditionEditor({
  id,
  candidates,
  condition,
  locale,
  onChange,
}: ConditionEditorProps) {
  const { t } = useTranslation();
  if ('conditions' in condition) {
    return (
      <p className="condition-editor__compound">
        {t('catalogAdmin.condition.compound', { count: condition.conditions.length })}
      </p>
    );
  }
  const field = candidates.find((candidate) => candidate.key === condition.field);
  const ops = operatorsFor(field);
  const value = 'value' in condition ? condition.value : undefined;
  return (
    <div className="condition-editor">
      <div className="condition-editor__part">
        <label htmlFor={`${id}-field`}>{t('catalogAdmin.condition.field')}</label>
        <select
          id={`${id}-field`}
          value={condition.field}
          onChange={(event) => {
            const next = candidates.find((candidate) => candidate.key === event.target.value);
            const nextOps = operatorsFor(next);
            onChange(
              conditionFor(
                next,
                nextOps.includes(condition.op) ? condition.op : (nextOps[0] ?? 'filled'),
              ),
            );
          }}
        >
          {field ? null : <option value={condition.field}>{condition.field || '—'}</option>}
          {candidates.map((candidate) => (
            <option key={candidate.key} value={candidate.key}>
              {localize(candidate.label, locale) || candidate.key}
            </option>
          ))}
        </select>
      </div>
      <div className="condition-editor__part">
        <label htmlFor={`${id}-op`}>{t('catalogAdmin.condition.op')}</label>
        <select
          id={`${id}-op`}
          value={condition.op}
          onChange={(event) =>
            onChange(conditionFor(field, event.target.value as SimpleOp, condition))
          }
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {t(`catalogAdmin.condition.ops.${op}`)}
            </option>
          ))}
        </select>
      </div>
      {value !== undefined ? (
        <div className="condition-editor__part">
          <label htmlFor={`${id}-value`}>{t('catalogAdmin.condition.value')}</label>
          {field?.kind === 'choice' || field?.kind === 'multichoice' ? (
            <select
              id={`${id}-value`}
              value={String(value)}
              onChange={(event) =>
                onChange({ ...condition, value: event.target.value } as Condition)
              }
            >
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {localize(option.label, locale) || option.value}
                </option>
              ))}
            </select>
          ) : field?.kind === 'boolean' ? (
            <select
              id={`${id}-value`}
              value={value === true ? 'true' : 'false'}
              onChange={(event) =>
                onChange({ ...condition, value: event.target.value === 'true' } as Condition)
              }
            >
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          ) : typeof value === 'number' ? (
            <input
              id={`${id}-value`}
              type="text"
              inputMode="decimal"
              value={String(value)}
              onChange={(event) => {
                const number = Number(event.target.value.replace(',', '.'));
                if (!Number.isNaN(number)) onChange({ ...condition, value: number } as Condition);
              }}
            />
          ) : (
            <input
              id={`${id}-value`}
              type="text"
              value={String(value)}
              onChange={(event) =>
                onChange({ ...condition, value: event.target.value } as Condition)
              }
            />
          )}
        </div>
      ) : null}
    </div>
  );
}
