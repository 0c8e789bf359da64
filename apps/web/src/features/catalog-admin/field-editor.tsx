import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKinds } from '@guichet/domain';
import type {
  ChoiceOption,
  Condition,
  Field,
  FieldKind,
  Locale,
  ScalarField,
  Text,
} from '@guichet/domain';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { localize } from '../../lib/form-values.ts';
import { sameJson } from './canonical-json.ts';
import { ConditionEditor, conditionFor, operatorsFor } from './condition-editor.tsx';
import { LocalizedInput } from './localized-input.tsx';

const emptyText: Text = { fr: '', en: '' };

/** A new field of a kind, keeping what every kind shares (key, label, help, conditions). */
export function fieldOfKind(kind: FieldKind, from?: Field): Field {
  const shared = {
    key: from?.key ?? '',
    label: from?.label ?? emptyText,
    ...(from?.help ? { help: from.help } : {}),
    ...(from?.required ? { required: from.required } : {}),
    ...(from?.requiredWhen ? { requiredWhen: from.requiredWhen } : {}),
    ...(from?.visibleWhen ? { visibleWhen: from.visibleWhen } : {}),
  };
  switch (kind) {
    case 'choice':
    case 'multichoice':
      return {
        ...shared,
        kind,
        options:
          from && (from.kind === 'choice' || from.kind === 'multichoice')
            ? from.options
            : [{ value: 'option1', label: { fr: 'Option 1', en: 'Option 1' } }],
      };
    case 'rows':
      return { ...shared, kind, fields: [] };
    default:
      return { ...shared, kind };
  }
}

/** A key no field of the level has yet: `champ1`, `champ2`… */
export function freshKey(fields: readonly Field[], prefix = 'champ'): string {
  for (let index = fields.length + 1; ; index += 1) {
    const key = `${prefix}${index}`;
    if (!fields.some((field) => field.key === key)) return key;
  }
}

function optionalNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isNaN(value) ? undefined : value;
}

/** Sets or removes an optional property (an empty one is no constraint). */
function withProp<F extends Field>(field: F, key: string, value: unknown): F {
  const next = { ...field } as Record<string, unknown>;
  if (value === undefined || value === '' || value === false) delete next[key];
  else next[key] = value;
  return next as F;
}

interface NumberPropProps {
  id: string;
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}

function NumberProp({ id, label, value, onChange }: NumberPropProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const shown = optionalNumber(text) === value ? text : value === undefined ? '' : String(value);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={shown}
        onChange={(event) => {
          setText(event.target.value);
          onChange(optionalNumber(event.target.value));
        }}
      />
    </div>
  );
}

function TextProp({
  id,
  label,
  value,
  hint,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  hint?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        className="mono"
        value={value ?? ''}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function CheckProp({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="field field--inline">
      <div className="field__inline">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}

function OptionsEditor({
  id,
  options,
  onChange,
}: {
  id: string;
  options: ChoiceOption[];
  onChange: (options: ChoiceOption[]) => void;
}) {
  const { t } = useTranslation();
  const set = (index: number, option: ChoiceOption) =>
    onChange(options.map((candidate, position) => (position === index ? option : candidate)));
  return (
    <fieldset className="options-editor">
      <legend className="field__label">{t('catalogAdmin.field.options')}</legend>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('catalogAdmin.field.optionValue')}</th>
            <th scope="col">{t('catalogAdmin.languages.fr')}</th>
            <th scope="col">{t('catalogAdmin.languages.en')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('catalogAdmin.common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {options.map((option, index) => (
            <tr key={index}>
              <td>
                <input
                  type="text"
                  className="mono"
                  id={`${id}-option-${index}-value`}
                  aria-label={t('catalogAdmin.field.optionValueOf', { number: index + 1 })}
                  value={option.value}
                  onChange={(event) => set(index, { ...option, value: event.target.value })}
                />
              </td>
              {(['fr', 'en'] as const).map((language) => (
                <td key={language}>
                  <input
                    type="text"
                    lang={language}
                    aria-label={t('catalogAdmin.field.optionLabelOf', {
                      number: index + 1,
                      language: t(`catalogAdmin.languages.${language}`),
                    })}
                    value={option.label[language]}
                    onChange={(event) =>
                      set(index, {
                        ...option,
                        label: { ...option.label, [language]: event.target.value },
                      })
                    }
                  />
                </td>
              ))}
              <td>
                <Button
                  variant="ghost"
                  disabled={options.length <= 1}
                  onClick={() => onChange(options.filter((_, position) => position !== index))}
                >
                  {t('catalogAdmin.field.removeOption', { number: index + 1 })}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        onClick={() =>
          onChange([
            ...options,
            {
              value: `option${options.length + 1}`,
              label: {
                fr: `Option ${options.length + 1}`,
                en: `Option ${options.length + 1}`,
              },
            },
          ])
        }
      >
        {t('catalogAdmin.field.addOption')}
      </Button>
    </fieldset>
  );
}

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

interface FieldEditorProps {
  id: string;
  field: Field;
  /** Fields its conditions may read: those placed before it. */
  candidates: readonly Field[];
  locale: Locale;
  /** Rows cannot hold rows. */
  isColumn?: boolean;
  onChange: (field: Field) => void;
}

/** Everything about one field: what it asks, when it shows, when it must be answered, its constraints. */
export function FieldEditor({
  id,
  field,
  candidates,
  locale,
  isColumn,
  onChange,
}: FieldEditorProps) {
  const { t } = useTranslation();
  const requiredMode = requiredModeOf(field);
  const set = (key: string, value: unknown) => onChange(withProp(field, key, value));
  const kinds = fieldKinds.filter((kind) => !(isColumn && kind === 'rows'));
  const canPrefill = field.kind === 'text' || field.kind === 'integer' || field.kind === 'decimal';

  return (
    <div className="field-editor">
      <div className="form-grid">
        <TextProp
          id={`${id}-key`}
          label={t('catalogAdmin.field.key')}
          hint={t('catalogAdmin.field.keyHint')}
          value={field.key}
          onChange={(value) => onChange({ ...field, key: value })}
        />
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('catalogAdmin.field.kind')}
          </label>
          <select
            id={`${id}-kind`}
            value={field.kind}
            onChange={(event) => onChange(fieldOfKind(event.target.value as FieldKind, field))}
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`catalogAdmin.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LocalizedInput
        id={`${id}-label`}
        label={t('catalogAdmin.field.label')}
        value={field.label}
        isRequired
        onChange={(label) => onChange({ ...field, label })}
      />
      <LocalizedInput
        id={`${id}-help`}
        label={t('catalogAdmin.field.help')}
        value={field.help ?? emptyText}
        isMultiline
        onChange={(help) => set('help', help.fr || help.en ? help : undefined)}
      />

      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-visible`}>
            {t('catalogAdmin.field.visible')}
          </label>
          <select
            id={`${id}-visible`}
            value={field.visibleWhen ? 'when' : 'always'}
            disabled={candidates.length === 0 && !field.visibleWhen}
            onChange={(event) => {
              const visibleWhen =
                event.target.value === 'when' ? firstCondition(candidates) : undefined;
              const next = withProp(field, 'visibleWhen', visibleWhen);
              onChange(
                requiredMode === 'whenShown' ? withProp(next, 'requiredWhen', visibleWhen) : next,
              );
            }}
          >
            <option value="always">{t('catalogAdmin.field.visibleAlways')}</option>
            <option value="when">{t('catalogAdmin.field.visibleWhen')}</option>
          </select>
          {candidates.length === 0 && !field.visibleWhen ? (
            <p className="field__hint">{t('catalogAdmin.field.firstFieldHint')}</p>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-required`}>
            {t('catalogAdmin.field.required')}
          </label>
          <select
            id={`${id}-required`}
            value={requiredMode}
            onChange={(event) => {
              const mode = event.target.value as RequiredMode;
              let next = withProp(
                withProp(field, 'required', mode === 'always'),
                'requiredWhen',
                undefined,
              );
              if (mode === 'whenShown') next = withProp(next, 'requiredWhen', field.visibleWhen);
              if (mode === 'when')
                next = withProp(next, 'requiredWhen', firstCondition(candidates));
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
          </select>
        </div>
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

      <div className="form-grid">
        {field.kind === 'text' ? (
          <>
            <CheckProp
              id={`${id}-multiline`}
              label={t('catalogAdmin.field.multiline')}
              checked={field.multiline === true}
              onChange={(checked) => set('multiline', checked)}
            />
            <NumberProp
              id={`${id}-min-length`}
              label={t('catalogAdmin.field.minLength')}
              value={field.minLength}
              onChange={(value) => set('minLength', value)}
            />
            <NumberProp
              id={`${id}-max-length`}
              label={t('catalogAdmin.field.maxLength')}
              value={field.maxLength}
              onChange={(value) => set('maxLength', value)}
            />
            <TextProp
              id={`${id}-pattern`}
              label={t('catalogAdmin.field.pattern')}
              hint={t('catalogAdmin.field.patternHint')}
              value={field.pattern}
              onChange={(value) => set('pattern', value)}
            />
          </>
        ) : null}
        {field.kind === 'integer' || field.kind === 'decimal' ? (
          <>
            <NumberProp
              id={`${id}-min`}
              label={t('catalogAdmin.field.min')}
              value={field.min}
              onChange={(value) => set('min', value)}
            />
            <NumberProp
              id={`${id}-max`}
              label={t('catalogAdmin.field.max')}
              value={field.max}
              onChange={(value) => set('max', value)}
            />
            <NumberProp
              id={`${id}-step`}
              label={t('catalogAdmin.field.step')}
              value={field.step}
              onChange={(value) => set('step', value)}
            />
            <NumberProp
              id={`${id}-default`}
              label={t('catalogAdmin.field.default')}
              value={field.default}
              onChange={(value) => set('default', value)}
            />
          </>
        ) : null}
        {field.kind === 'multichoice' ? (
          <>
            <NumberProp
              id={`${id}-min-items`}
              label={t('catalogAdmin.field.minItems')}
              value={field.minItems}
              onChange={(value) => set('minItems', value)}
            />
            <NumberProp
              id={`${id}-max-items`}
              label={t('catalogAdmin.field.maxItems')}
              value={field.maxItems}
              onChange={(value) => set('maxItems', value)}
            />
          </>
        ) : null}
        {field.kind === 'choice' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-default`}>
              {t('catalogAdmin.field.default')}
            </label>
            <select
              id={`${id}-default`}
              value={field.default ?? ''}
              onChange={(event) => set('default', event.target.value || undefined)}
            >
              <option value="">{t('catalogAdmin.field.noDefault')}</option>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {localize(option.label, locale) || option.value}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {field.kind === 'boolean' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-default`}>
              {t('catalogAdmin.field.default')}
            </label>
            <select
              id={`${id}-default`}
              value={field.default === undefined ? '' : String(field.default)}
              onChange={(event) =>
                onChange(
                  event.target.value === ''
                    ? withProp(field, 'default', undefined)
                    : { ...field, default: event.target.value === 'true' },
                )
              }
            >
              <option value="">{t('catalogAdmin.field.noDefault')}</option>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          </div>
        ) : null}
        {field.kind === 'rows' ? (
          <>
            <NumberProp
              id={`${id}-min-rows`}
              label={t('catalogAdmin.field.minRows')}
              value={field.minRows}
              onChange={(value) => set('minRows', value)}
            />
            <NumberProp
              id={`${id}-max-rows`}
              label={t('catalogAdmin.field.maxRows')}
              value={field.maxRows}
              onChange={(value) => set('maxRows', value)}
            />
          </>
        ) : null}
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
      {field.kind === 'choice' || field.kind === 'multichoice' ? (
        <OptionsEditor
          id={id}
          options={field.options}
          onChange={(options) => onChange({ ...field, options })}
        />
      ) : null}
      {field.kind === 'rows' ? (
        <div className="field-editor__columns">
          <h4 className="field-editor__columns-title">{t('catalogAdmin.field.columns')}</h4>
          <FieldList
            idPrefix={`${id}-c`}
            fields={field.fields}
            outer={candidates}
            locale={locale}
            isColumns
            onChange={(fields) => onChange({ ...field, fields: fields as ScalarField[] })}
          />
        </div>
      ) : null}
    </div>
  );
}

interface FieldListProps {
  idPrefix: string;
  fields: readonly Field[];
  /** Inside rows: the top-level fields before the rows, which columns' conditions may read. */
  outer?: readonly Field[];
  locale: Locale;
  isColumns?: boolean;
  /** The field opened from outside (a lint problem's « Voir »). */
  openIndex?: number | null;
  onOpen?: (index: number | null) => void;
  onChange: (fields: Field[]) => void;
}

/** The fields of a form (or the columns of rows), in order: open one to edit it. */
export function FieldList({
  idPrefix,
  fields,
  outer = [],
  locale,
  isColumns = false,
  openIndex,
  onOpen,
  onChange,
}: FieldListProps) {
  const { t } = useTranslation();
  const [localOpen, setLocalOpen] = useState<number | null>(null);
  const open = openIndex !== undefined ? openIndex : localOpen;
  const setOpen = (index: number | null) => (onOpen ? onOpen(index) : setLocalOpen(index));
  const [newKind, setNewKind] = useState<FieldKind>('text');
  const move = (from: number, to: number) => {
    const next = [...fields];
    const [moved] = next.splice(from, 1);
    if (moved) next.splice(to, 0, moved);
    onChange(next);
    setOpen(open === from ? to : open);
  };
  const kinds = fieldKinds.filter((kind) => !(isColumns && kind === 'rows'));
  return (
    <div className="field-list">
      {fields.length === 0 ? (
        <p className="muted">
          {isColumns ? t('catalogAdmin.field.noColumns') : t('catalogAdmin.field.none')}
        </p>
      ) : null}
      <ol className="field-list__items">
        {fields.map((field, index) => {
          const id = `${idPrefix}${index}`;
          const isOpen = open === index;
          const label = localize(field.label, locale) || t('catalogAdmin.field.untitled');
          return (
            <li
              key={index}
              className={['field-list__item', isOpen ? 'is-open' : null].filter(Boolean).join(' ')}
            >
              <div className="field-list__summary">
                <button
                  type="button"
                  id={`${id}-toggle`}
                  className="field-list__toggle"
                  aria-expanded={isOpen}
                  aria-controls={`${id}-panel`}
                  onClick={() => setOpen(isOpen ? null : index)}
                >
                  <span className="field-list__label">{label}</span>
                  <span className="mono muted">{field.key || '—'}</span>
                  <Badge tone="neutral">{t(`catalogAdmin.kinds.${field.kind}`)}</Badge>
                  {field.required || field.requiredWhen ? (
                    <Badge tone="info">
                      {field.required
                        ? t('catalogAdmin.field.requiredAlways')
                        : t('catalogAdmin.field.requiredBadge')}
                    </Badge>
                  ) : null}
                  {field.visibleWhen ? (
                    <Badge tone="progress">{t('catalogAdmin.field.conditionalBadge')}</Badge>
                  ) : null}
                </button>
                <div className="field-list__tools">
                  <Button
                    variant="ghost"
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                    aria-label={t('catalogAdmin.field.moveUp', { label })}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    disabled={index === fields.length - 1}
                    onClick={() => move(index, index + 1)}
                    aria-label={t('catalogAdmin.field.moveDown', { label })}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="ghost"
                    onClick={() => {
                      onChange(fields.filter((_, position) => position !== index));
                      setOpen(null);
                    }}
                    aria-label={t('catalogAdmin.field.remove', { label })}
                  >
                    ✕
                  </Button>
                </div>
              </div>
              {isOpen ? (
                <div id={`${id}-panel`} className="field-list__panel">
                  <FieldEditor
                    id={id}
                    field={field}
                    candidates={[...outer, ...fields.slice(0, index)]}
                    locale={locale}
                    isColumn={isColumns}
                    onChange={(next) =>
                      onChange(
                        fields.map((candidate, position) =>
                          position === index ? next : candidate,
                        ),
                      )
                    }
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="field-list__add">
        <label htmlFor={`${idPrefix}new-kind`} className="field__label">
          {isColumns ? t('catalogAdmin.field.newColumnKind') : t('catalogAdmin.field.newKind')}
        </label>
        <select
          id={`${idPrefix}new-kind`}
          value={newKind}
          onChange={(event) => setNewKind(event.target.value as FieldKind)}
        >
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`catalogAdmin.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <Button
          onClick={() => {
            const key = freshKey(fields, isColumns ? 'colonne' : 'champ');
            const number = fields.length + 1;
            const field = fieldOfKind(newKind, {
              ...fieldOfKind('text'),
              key,
              label: isColumns
                ? { fr: `Colonne ${number}`, en: `Column ${number}` }
                : { fr: `Champ ${number}`, en: `Field ${number}` },
            });
            onChange([...fields, field]);
            setOpen(fields.length);
          }}
        >
          {isColumns ? t('catalogAdmin.field.addColumn') : t('catalogAdmin.field.add')}
        </Button>
      </div>
    </div>
  );
}
