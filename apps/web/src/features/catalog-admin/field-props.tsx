import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Field } from '@guichet/domain';

/** `1,5` or `1.5` → 1.5; blank or not a number → no value. */
function optionalNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isNaN(value) ? undefined : value;
}

/** Sets or removes an optional property (an empty one is no constraint). */
export function withProp<F extends Field>(field: F, key: string, value: unknown): F {
  const next = { ...field } as Record<string, unknown>;
  if (value === undefined || value === '' || value === false) delete next[key];
  else next[key] = value;
  return next as F;
}

interface PropFieldProps {
  id: string;
  label: string;
  hint?: string | null;
  children: ReactNode;
}

/** A property's label, its control, and a hint (`<id>-hint`) under it. */
function PropField({ id, label, hint, children }: PropFieldProps) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface NumberPropProps {
  id: string;
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}

/** Keeps the text as typed (`1,` on the way to `1,5`) and gives out the number it reads. */
export function NumberProp({ id, label, value, onChange }: NumberPropProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const shown = optionalNumber(text) === value ? text : value === undefined ? '' : String(value);
  return (
    <PropField id={id} label={label}>
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
    </PropField>
  );
}

interface TextPropProps {
  id: string;
  label: string;
  value: string | undefined;
  hint?: string;
  onChange: (value: string) => void;
}

export function TextProp({ id, label, value, hint, onChange }: TextPropProps) {
  return (
    <PropField id={id} label={label} hint={hint}>
      <input
        id={id}
        type="text"
        className="mono"
        value={value ?? ''}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </PropField>
  );
}

interface CheckPropProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckProp({ id, label, checked, onChange }: CheckPropProps) {
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

interface SelectPropProps {
  id: string;
  label: string;
  value: string;
  disabled?: boolean;
  /** Under the select, e.g. why it is disabled. */
  hint?: string | null;
  onChange: (value: string) => void;
  /** The `<option>`s. */
  children: ReactNode;
}

export function SelectProp({
  id,
  label,
  value,
  disabled,
  hint,
  onChange,
  children,
}: SelectPropProps) {
  return (
    <PropField id={id} label={label} hint={hint}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
    </PropField>
  );
}
