import { initialValues, pruneHidden } from '@guichet/domain';
import type { FormDefinition, FormValues } from '@guichet/domain';
import type {
  ArticleView,
  AssetView,
  CatalogView,
  CategoryView,
  RequestDetail,
  RequestFields,
} from '@guichet/contracts';
import {
  applyPrefill,
  compactValues,
  isFormDefinition,
  pickKnownValues,
} from '../../lib/form-values.ts';

/** What the user has typed and chosen in the change form. */
export interface ChangeFormState {
  asset: AssetView | null;
  catalogId: string | null;
  /** Null until chosen; for a draft it is found from the article. */
  categoryId: string | null;
  articleId: string | null;
  values: FormValues;
  customerReference: string;
  comment: string;
  outsideBusinessHours: boolean;
  /** The execution window asked, as the two `datetime-local` inputs hold it ('' when empty). */
  window: { startsAt: string; endsAt: string };
  acknowledgeBilling: boolean;
  /** Whether a chosen catalog limits the item search (« Réinitialiser la recherche » lifts it). */
  isCatalogRestricted: boolean;
}

export type ChangeFormAction =
  | { type: 'chooseAsset'; asset: AssetView | null }
  | { type: 'chooseCatalog'; catalogId: string | null; onlyArticle: ArticleView | null }
  | { type: 'chooseCategory'; categoryId: string | null; onlyArticle: ArticleView | null }
  | { type: 'chooseArticle'; article: ArticleView | null }
  | { type: 'setValues'; values: FormValues }
  | { type: 'setCustomerReference'; value: string }
  | { type: 'setComment'; value: string }
  | { type: 'setOutsideBusinessHours'; value: boolean }
  | { type: 'setWindow'; window: { startsAt: string; endsAt: string } }
  | { type: 'setAcknowledgeBilling'; value: boolean }
  | { type: 'resetSearch' };

export function emptyChangeForm(): ChangeFormState {
  return {
    asset: null,
    catalogId: null,
    categoryId: null,
    articleId: null,
    values: {},
    customerReference: '',
    comment: '',
    outsideBusinessHours: false,
    window: { startsAt: '', endsAt: '' },
    acknowledgeBilling: false,
    isCatalogRestricted: true,
  };
}

/** The form as a saved draft left it. */
export function changeFormFromDraft(
  draft: RequestDetail,
  asset: AssetView | null,
): ChangeFormState {
  return {
    ...emptyChangeForm(),
    asset,
    catalogId: draft.catalogId,
    articleId: draft.articleId,
    values: draft.values,
    customerReference: draft.customerReference ?? '',
    comment: draft.comment ?? '',
    outsideBusinessHours: draft.outsideBusinessHours,
    window: draft.executionWindow?.local ?? { startsAt: '', endsAt: '' },
  };
}

function withArticle(state: ChangeFormState, article: ArticleView | null): ChangeFormState {
  return {
    ...state,
    articleId: article?.id ?? null,
    values: article && isFormDefinition(article.form) ? initialValues(article.form) : {},
    acknowledgeBilling: false,
  };
}

export function changeFormReducer(
  state: ChangeFormState,
  action: ChangeFormAction,
): ChangeFormState {
  switch (action.type) {
    case 'chooseAsset':
      // The catalog and article stay; if the new item is not offered them, the selects show it.
      return { ...state, asset: action.asset, acknowledgeBilling: false };
    case 'chooseCatalog':
      if (action.catalogId === state.catalogId) return state;
      return withArticle(
        { ...state, catalogId: action.catalogId, categoryId: null, isCatalogRestricted: true },
        action.onlyArticle,
      );
    case 'chooseCategory':
      if (action.categoryId === state.categoryId) return state;
      return withArticle({ ...state, categoryId: action.categoryId }, action.onlyArticle);
    case 'chooseArticle':
      if ((action.article?.id ?? null) === state.articleId) return state;
      return withArticle(state, action.article);
    case 'setValues':
      return { ...state, values: action.values };
    case 'setCustomerReference':
      return { ...state, customerReference: action.value };
    case 'setComment':
      return { ...state, comment: action.value };
    case 'setOutsideBusinessHours':
      return { ...state, outsideBusinessHours: action.value, acknowledgeBilling: false };
    case 'setWindow':
      return { ...state, window: action.window };
    case 'setAcknowledgeBilling':
      return { ...state, acknowledgeBilling: action.value };
    case 'resetSearch':
      return { ...state, isCatalogRestricted: false };
  }
}

/** The catalog, category and article the state points at, among those offered right now. */
export interface Selection {
  catalog: CatalogView | null;
  category: CategoryView | null;
  /** The articles the « Article de changement » select offers. */
  articles: ArticleView[];
  article: ArticleView | null;
  form: FormDefinition | null;
}

export function selectionOf(state: ChangeFormState, catalogs: readonly CatalogView[]): Selection {
  const catalog = catalogs.find((candidate) => candidate.id === state.catalogId) ?? null;
  const categories = catalog?.categories ?? [];
  const category =
    categories.find((candidate) => candidate.id === state.categoryId) ??
    (state.categoryId === null
      ? (categories.find((candidate) =>
          candidate.articles.some((article) => article.id === state.articleId),
        ) ?? null)
      : null);
  const articles = !catalog
    ? []
    : categories.length > 0
      ? (category?.articles ?? [])
      : catalog.articles;
  const article = articles.find((candidate) => candidate.id === state.articleId) ?? null;
  const form = article && isFormDefinition(article.form) ? article.form : null;
  return { catalog, category, articles, article, form };
}

/** The answers as shown and checked: prefilled fields taken from the item. */
export function effectiveValues(state: ChangeFormState, selection: Selection): FormValues {
  if (!selection.form) return {};
  return applyPrefill(
    selection.form,
    pickKnownValues(selection.form, state.values),
    state.asset?.attributes ?? {},
  );
}

/** The body fields shared by draft save and confirmation. */
export function requestFieldsOf(
  contractId: string,
  state: ChangeFormState,
  selection: Selection,
): RequestFields {
  const values = effectiveValues(state, selection);
  return {
    contractId,
    assetId: state.asset?.id ?? null,
    catalogId: selection.catalog?.id ?? null,
    articleId: selection.article?.id ?? null,
    // Answers to questions the rules hide are never sent (the server would drop them).
    values: compactValues(selection.form ? pruneHidden(selection.form, values) : values),
    customerReference: state.customerReference.trim() || null,
    comment: state.comment.trim() || null,
    outsideBusinessHours: state.outsideBusinessHours,
    executionWindow: askedWindowOf(state),
  };
}

/** The window asked, null when both inputs are empty (one alone is sent, and refused). */
export function askedWindowOf(state: ChangeFormState): { startsAt: string; endsAt: string } | null {
  return state.window.startsAt || state.window.endsAt ? state.window : null;
}

/** A fingerprint of what the user entered: differs from the last saved one when there are unsaved changes. */
export function snapshotOf(state: ChangeFormState): string {
  return JSON.stringify([
    state.asset?.id ?? null,
    state.catalogId,
    state.articleId,
    compactValues(state.values),
    state.customerReference.trim(),
    state.comment.trim(),
    state.outsideBusinessHours,
    askedWindowOf(state),
  ]);
}

/** What each section of the change form is given to show errors and report changes. */
export interface ChangeFormEvents {
  /** The message to show beside the field at `path`, if any. */
  errorFor: (path: string) => string | null;
  /** The user left the field at `path`: its errors may show from now on. */
  touch: (path: string) => void;
  /** The field at `path` changed: notices about the last save no longer hold. */
  changed: (path: string) => void;
}
