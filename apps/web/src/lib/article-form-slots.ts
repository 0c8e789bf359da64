import type { FormDefinition, FormValues, Locale } from '@guichet/domain';

/**
 * The shapes by which `app/` plugs the dynamic-form renderers into the change-request
 * screens (features do not import each other; the app composes them).
 */
export interface ArticleFieldsProps {
  form: FormDefinition;
  /** The answers, prefilled fields included. */
  values: FormValues;
  locale: Locale;
  /** The message to show beside the field at `path` (e.g. `values.lines.0.requested`), if any. */
  errorFor: (path: string) => string | null;
  /** `changedPath` is the field (or rows list) that changed, e.g. `values.lines`. */
  onChange: (values: FormValues, changedPath: string) => void;
  /** The user left the field at `path`: its errors may show from now on. */
  onTouch: (path: string) => void;
}

export interface ArticleValuesProps {
  form: FormDefinition;
  values: FormValues;
  locale: Locale;
}
