import { useEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../lib/field-errors.ts';

export interface SummaryItem {
  path: string;
  message: string;
  /** The field's label, to say where the problem is. */
  label?: string;
  /** False when no field of the page carries this path: no link then. */
  hasField?: boolean;
}

interface ErrorSummaryProps {
  title: string;
  items: readonly SummaryItem[];
  /** Changes on each submit attempt, so focus comes back to the summary. */
  focusKey: number;
}

/** Moves to the field itself (a bare `#id` link would scroll without focusing it). */
function focusField(event: MouseEvent<HTMLAnchorElement>, path: string) {
  const field = document.getElementById(fieldId(path));
  if (!field) return;
  event.preventDefault();
  field.scrollIntoView({ block: 'center' });
  field.focus({ preventScroll: true });
}

/**
 * The items in the order of the form: by where their field sits in the page (Ligne 1, Ligne 2,
 * Ligne 3, then Justification, whatever order the checks found them in); those without a field
 * of the page come last, in the order given.
 */
export function inFormOrder(items: readonly SummaryItem[]): SummaryItem[] {
  const placed = items.map((item, index) => ({
    item,
    index,
    field: item.hasField === false ? null : document.getElementById(fieldId(item.path)),
  }));
  placed.sort((a, b) => {
    if (a.field && b.field && a.field !== b.field) {
      return a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    }
    if (a.field && !b.field) return -1;
    if (!a.field && b.field) return 1;
    return a.index - b.index;
  });
  return placed.map(({ item }) => item);
}

const keyOf = (item: SummaryItem) => `${item.path}:${item.message}`;

/** The list of problems at the top of a form, each linking to its field; focused on submit. */
export function ErrorSummary({ title, items, focusKey }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  // The summary shows after a submit, when the form's fields are in the page.
  const shown = inFormOrder(items);
  if (items.length === 0) return null;
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {title}
      </h2>
      <ul className="error-summary__list">
        {shown.map((item) => (
          <li key={keyOf(item)}>
            {item.hasField === false ? (
              <span>
                {item.label ? `${item.label} : ` : null}
                {item.message}
              </span>
            ) : (
              <a href={`#${fieldId(item.path)}`} onClick={(event) => focusField(event, item.path)}>
                {item.label
                  ? t('common.errorAt', { label: item.label, message: item.message })
                  : item.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
