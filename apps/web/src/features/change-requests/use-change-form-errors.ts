import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay, validateForm } from '@guichet/domain';
import type { FormValues } from '@guichet/domain';
import type { PreviewView } from '@guichet/contracts';
import type { SummaryItem } from '../../components/ui/error-summary.tsx';
import type { ErrorDetail } from '../../lib/api-client.ts';
import { isUnder, messagesByPath, withoutErrorsUnder } from '../../lib/field-errors.ts';
import { labelAtPath } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import type { ChangeFormState, Selection } from './change-form-state.ts';

/** Paths of the form's own fields (outside the article's), with their label keys. */
const ownFields = {
  assetId: 'changeForm.asset.label',
  catalogId: 'changeForm.catalog',
  categoryId: 'changeForm.category',
  articleId: 'changeForm.article',
  customerReference: 'changeForm.customerReference',
  comment: 'changeForm.comment',
  outsideBusinessHours: 'changeForm.outsideBusinessHours',
  'executionWindow.startsAt': 'windows.form.startsAt',
  'executionWindow.endsAt': 'windows.form.endsAt',
  acknowledgeBilling: 'billing.acknowledge',
} as const;
type OwnField = keyof typeof ownFields;
type RequiredField = 'assetId' | 'catalogId' | 'categoryId' | 'articleId' | 'acknowledgeBilling';

/** A window needs its start and its end: the one left empty is named (the server judges the rest). */
function windowInputErrors(state: ChangeFormState, message: string): ErrorDetail[] {
  const { startsAt, endsAt } = state.window;
  if (startsAt && !endsAt) return [{ path: 'executionWindow.endsAt', rule: 'required', message }];
  if (endsAt && !startsAt) return [{ path: 'executionWindow.startsAt', rule: 'required', message }];
  return [];
}

function isOwnField(path: string): path is OwnField {
  return path in ownFields;
}

/**
 * Today in this browser's time zone, for date rules as the user types; the server judges
 * again with the contract's time zone (they differ only around midnight abroad).
 */
function today(): string {
  return calendarDay(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

interface ChangeFormErrorsInput {
  state: ChangeFormState;
  selection: Selection;
  /** The answers as shown (prefilled fields included). */
  values: FormValues;
  billing: PreviewView['billing'];
}

/**
 * What is wrong in the change form, checked as the user types (the domain's rules) and as the
 * server answered: the message beside each field once it was left or a confirmation tried,
 * and the summary on top.
 */
export function useChangeFormErrors({ state, selection, values, billing }: ChangeFormErrorsInput) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitCount, setSubmitCount] = useState(0);
  const [summaryFocus, setSummaryFocus] = useState(0);
  const [serverErrors, setServerErrors] = useState<ErrorDetail[]>([]);

  const hasCategories = (selection.catalog?.categories.length ?? 0) > 0;
  const needsCategory = hasCategories && !selection.category;
  const required = (path: RequiredField): ErrorDetail => ({
    path,
    rule: 'required',
    message: t(`changeForm.errors.${path}`),
  });
  const clientErrors: ErrorDetail[] = [
    ...(state.asset ? [] : [required('assetId')]),
    ...(selection.catalog ? [] : [required('catalogId')]),
    ...(selection.catalog && needsCategory ? [required('categoryId')] : []),
    ...(selection.catalog && !needsCategory && !selection.article ? [required('articleId')] : []),
    ...(selection.form
      ? validateForm(selection.form, values, state.asset?.attributes ?? {}, locale, {
          today: today(),
        })
      : []),
    ...windowInputErrors(state, t('windows.form.bothNeeded')),
    ...(billing?.kind === 'billable' && !state.acknowledgeBilling
      ? [required('acknowledgeBilling')]
      : []),
  ];
  const serverMessages = messagesByPath(serverErrors);
  const clientMessages = messagesByPath(clientErrors);
  const isShown = (path: string) =>
    submitCount > 0 || [...touched].some((done) => isUnder(path, done));
  const errorFor = (path: string): string | null =>
    serverMessages.get(path) ?? (isShown(path) ? (clientMessages.get(path) ?? null) : null);

  const touch = (path: string) =>
    setTouched((current) => (current.has(path) ? current : new Set(current).add(path)));
  /** The user changed the field at `path`: what the server said of it no longer holds. */
  const clearServerErrorsUnder = (path: string) =>
    setServerErrors((current) =>
      current.some((detail) => isUnder(detail.path, path))
        ? withoutErrorsUnder(current, path)
        : current,
    );

  const describe = (path: string): SummaryItem['label'] => {
    if (isOwnField(path)) return t(ownFields[path]);
    return selection.form
      ? (labelAtPath(selection.form, path, locale, (number) => t('form.rowNumber', { number })) ??
          undefined)
      : undefined;
  };
  const hasField = (path: string) =>
    isOwnField(path) ||
    (selection.form !== null && labelAtPath(selection.form, path, locale, String) !== null);
  const summarySource = submitCount > 0 ? [...serverErrors, ...clientErrors] : serverErrors;
  const summaryItems: SummaryItem[] = [...messagesByPath(summarySource)].map(([path, message]) => ({
    path,
    message,
    label: describe(path),
    hasField: hasField(path),
  }));

  return {
    clientErrors,
    errorFor,
    touch,
    clearServerErrorsUnder,
    summaryItems,
    summaryFocus,
    setSummaryFocus,
    setSubmitCount,
    setServerErrors,
  };
}
