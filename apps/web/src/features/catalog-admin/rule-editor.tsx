import { useTranslation } from 'react-i18next';
import type { CompareRule, Field, FormDefinition, FormRule, Locale, Text } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { localize } from '../../lib/form-values.ts';
import { LocalizedInput } from './localized-input.tsx';

/** A field a rule may check: `key`, or `rows.column` inside rows, with what it compares with. */
interface Target {
  path: string;
  field: Field;
  label: string;
  siblings: readonly Field[];
}

function targetsOf(form: FormDefinition, locale: Locale): Target[] {
  const checkable = (field: Field) =>
    field.kind === 'integer' || field.kind === 'decimal' || field.kind === 'date';
  return form.fields.flatMap((field) =>
    field.kind === 'rows'
      ? field.fields.filter(checkable).map((column) => ({
          path: `${field.key}.${column.key}`,
          field: column,
          label: `${localize(field.label, locale)} › ${localize(column.label, locale)}`,
          siblings: field.fields,
        }))
      : checkable(field)
        ? [{ path: field.key, field, label: localize(field.label, locale), siblings: form.fields }]
        : [],
  );
}

type ThanKind = 'field' | 'asset' | 'value';

function thanKindOf(rule: CompareRule): ThanKind {
  return 'field' in rule.than ? 'field' : 'asset' in rule.than ? 'asset' : 'value';
}

interface RuleEditorProps {
  id: string;
  rule: FormRule;
  form: FormDefinition;
  locale: Locale;
  onChange: (rule: FormRule) => void;
  onRemove: () => void;
}

/** One cross-field rule: a comparison (with a field, the item, a number) or a date in the future. */
function RuleEditor({ id, rule, form, locale, onChange, onRemove }: RuleEditorProps) {
  const { t } = useTranslation();
  const targets = targetsOf(form, locale);
  const target = targets.find((candidate) => candidate.path === rule.field);
  const isDate = target?.field.kind === 'date';
  return (
    <fieldset className="rule-editor">
      <legend>{t('catalogAdmin.rule.legend', { number: Number(id.split('-').at(-1)) + 1 })}</legend>
      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('catalogAdmin.rule.kind')}
          </label>
          <select
            id={`${id}-kind`}
            value={rule.kind}
            onChange={(event) =>
              onChange(
                event.target.value === 'futureDate'
                  ? { kind: 'futureDate', field: rule.field, message: rule.message }
                  : {
                      kind: 'compare',
                      field: rule.field,
                      op: 'gt',
                      than: { value: 0 },
                      message: rule.message,
                    },
              )
            }
          >
            <option value="compare">{t('catalogAdmin.rule.compare')}</option>
            <option value="futureDate">{t('catalogAdmin.rule.futureDate')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-field`}>
            {t('catalogAdmin.rule.field')}
          </label>
          <select
            id={`${id}-field`}
            value={rule.field}
            onChange={(event) => onChange({ ...rule, field: event.target.value })}
          >
            {target ? null : <option value={rule.field}>{rule.field || '—'}</option>}
            {targets
              .filter((candidate) =>
                rule.kind === 'futureDate' ? candidate.field.kind === 'date' : true,
              )
              .map((candidate) => (
                <option key={candidate.path} value={candidate.path}>
                  {candidate.label}
                </option>
              ))}
          </select>
        </div>
        {rule.kind === 'futureDate' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-days`}>
              {t('catalogAdmin.rule.minDays')}
            </label>
            <input
              id={`${id}-days`}
              type="text"
              inputMode="numeric"
              value={String(rule.minDays ?? 1)}
              onChange={(event) => {
                const days = Number.parseInt(event.target.value, 10);
                onChange({ ...rule, minDays: Number.isNaN(days) ? 1 : days });
              }}
            />
          </div>
        ) : (
          <>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-op`}>
                {t('catalogAdmin.rule.op')}
              </label>
              <select
                id={`${id}-op`}
                value={rule.op}
                onChange={(event) =>
                  onChange({ ...rule, op: event.target.value as CompareRule['op'] })
                }
              >
                {(['gt', 'gte', 'lt', 'lte'] as const).map((op) => (
                  <option key={op} value={op}>
                    {t(`catalogAdmin.rule.ops.${op}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-than-kind`}>
                {t('catalogAdmin.rule.than')}
              </label>
              <select
                id={`${id}-than-kind`}
                value={thanKindOf(rule)}
                onChange={(event) => {
                  const kind = event.target.value as ThanKind;
                  const sibling = target?.siblings.find(
                    (candidate) => candidate.key !== target.field.key,
                  );
                  onChange({
                    ...rule,
                    than:
                      kind === 'field'
                        ? { field: sibling?.key ?? '' }
                        : kind === 'asset'
                          ? { asset: '' }
                          : { value: 0 },
                  });
                }}
              >
                <option value="field">{t('catalogAdmin.rule.thanField')}</option>
                <option value="asset">{t('catalogAdmin.rule.thanAsset')}</option>
                {isDate ? null : <option value="value">{t('catalogAdmin.rule.thanValue')}</option>}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-than`}>
                {t(`catalogAdmin.rule.thanInput.${thanKindOf(rule)}`)}
              </label>
              {'field' in rule.than ? (
                <select
                  id={`${id}-than`}
                  value={rule.than.field}
                  onChange={(event) => onChange({ ...rule, than: { field: event.target.value } })}
                >
                  {(target?.siblings ?? [])
                    .filter((candidate) => candidate.key !== target?.field.key)
                    .map((candidate) => (
                      <option key={candidate.key} value={candidate.key}>
                        {localize(candidate.label, locale) || candidate.key}
                      </option>
                    ))}
                </select>
              ) : 'asset' in rule.than ? (
                <input
                  id={`${id}-than`}
                  type="text"
                  className="mono"
                  placeholder="licencesHeld"
                  value={rule.than.asset}
                  onChange={(event) => onChange({ ...rule, than: { asset: event.target.value } })}
                />
              ) : (
                <input
                  id={`${id}-than`}
                  type="text"
                  inputMode="decimal"
                  value={String(rule.than.value)}
                  onChange={(event) => {
                    const value = Number(event.target.value.replace(',', '.'));
                    if (!Number.isNaN(value)) onChange({ ...rule, than: { value } });
                  }}
                />
              )}
            </div>
          </>
        )}
      </div>
      <LocalizedInput
        id={`${id}-message`}
        label={t('catalogAdmin.rule.message')}
        value={rule.message}
        isRequired
        onChange={(message: Text) => onChange({ ...rule, message })}
      />
      <div className="rule-editor__actions">
        <Button variant="ghost" onClick={onRemove}>
          {t('catalogAdmin.rule.remove')}
        </Button>
      </div>
    </fieldset>
  );
}

interface RulesEditorProps {
  form: FormDefinition;
  locale: Locale;
  onChange: (rules: FormRule[]) => void;
}

/** The form's cross-field rules: checked as the customer types, and again by the server. */
export function RulesEditor({ form, locale, onChange }: RulesEditorProps) {
  const { t } = useTranslation();
  const rules = form.rules ?? [];
  const first = targetsOf(form, locale)[0];
  return (
    <div className="rules-editor">
      {rules.length === 0 ? <p className="muted">{t('catalogAdmin.rule.none')}</p> : null}
      {rules.map((rule, index) => (
        <RuleEditor
          key={index}
          id={`rule-${index}`}
          rule={rule}
          form={form}
          locale={locale}
          onChange={(next) =>
            onChange(rules.map((candidate, position) => (position === index ? next : candidate)))
          }
          onRemove={() => onChange(rules.filter((_, position) => position !== index))}
        />
      ))}
      <Button
        disabled={!first}
        onClick={() =>
          onChange([
            ...rules,
            {
              kind: 'compare',
              field: first?.path ?? '',
              op: 'gt',
              than: { value: 0 },
              message: { fr: '', en: '' },
            },
          ])
        }
      >
        {t('catalogAdmin.rule.add')}
      </Button>
      {first ? null : <p className="field__hint">{t('catalogAdmin.rule.needsField')}</p>}
    </div>
  );
}
