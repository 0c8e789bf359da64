import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKinds } from '@guichet/domain';
import type { Field, FieldKind, Locale, ScalarField, Text } from '@guichet/domain';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { localize } from '../../lib/form-values.ts';
import { FieldConditions } from './field-conditions.tsx';
import { FieldConstraints } from './field-constraints.tsx';
import { SelectProp, TextProp, withProp } from './field-props.tsx';
import { LocalizedInput } from './localized-input.tsx';
import { OptionsEditor } from './options-editor.tsx';

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

/** The kinds a field may take: rows cannot hold rows. */
function kindsFor(isColumn: boolean): FieldKind[] {
  return fieldKinds.filter((kind) => !(isColumn && kind === 'rows'));
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
  isColumn = false,
  onChange,
}: FieldEditorProps) {
  const { t } = useTranslation();
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
        <SelectProp
          id={`${id}-kind`}
          label={t('catalogAdmin.field.kind')}
          value={field.kind}
          onChange={(kind) => onChange(fieldOfKind(kind as FieldKind, field))}
        >
          {kindsFor(isColumn).map((kind) => (
            <option key={kind} value={kind}>
              {t(`catalogAdmin.kinds.${kind}`)}
            </option>
          ))}
        </SelectProp>
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
        onChange={(help) =>
          onChange(withProp(field, 'help', help.fr || help.en ? help : undefined))
        }
      />
      <FieldConditions
        id={id}
        field={field}
        candidates={candidates}
        locale={locale}
        onChange={onChange}
      />
      <FieldConstraints id={id} field={field} locale={locale} onChange={onChange} />
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
  const kinds = kindsFor(isColumns);
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
