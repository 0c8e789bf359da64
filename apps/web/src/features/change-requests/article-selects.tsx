import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleView, CatalogView } from '@guichet/contracts';
import type { Text } from '@guichet/domain';
import { FormField } from '../../components/ui/form-field.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import type { ChangeFormAction, ChangeFormEvents, Selection } from './change-form-state.ts';

interface Choice {
  id: string;
  name: Text;
  help?: Text | null;
}

interface ChoiceSelectProps<C extends Choice> {
  path: 'catalogId' | 'categoryId' | 'articleId';
  label: string;
  /** The chosen one's help, else this. */
  help?: string;
  hint?: string | null;
  choices: readonly C[];
  chosen: C | null;
  isDisabled?: boolean;
  events: ChangeFormEvents;
  onChoose: (choice: C | null) => void;
}

/** One of the three selects, « — Choisir — » first; a choice empties the article's answers. */
function ChoiceSelect<C extends Choice>({
  path,
  label,
  help,
  hint,
  choices,
  chosen,
  isDisabled,
  events,
  onChoose,
}: ChoiceSelectProps<C>) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <FormField
      id={fieldId(path)}
      label={label}
      isRequired
      help={chosen?.help ? localize(chosen.help, locale) : help}
      hint={hint}
      error={events.errorFor(path)}
    >
      {(control) => (
        <select
          {...control}
          value={chosen?.id ?? ''}
          disabled={isDisabled}
          onChange={(event) => {
            onChoose(choices.find((candidate) => candidate.id === event.target.value) ?? null);
            events.touch(path);
            events.changed(path);
            events.changed('values');
          }}
          onBlur={() => events.touch(path)}
        >
          <option value="">{t('form.choose')}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {localize(choice.name, locale)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** An article alone where it is chosen: no need to choose it. */
function onlyOf(articles: readonly ArticleView[]): ArticleView | null {
  return articles.length === 1 ? (articles[0] ?? null) : null;
}

interface ArticleSelectsProps {
  catalogs: readonly CatalogView[];
  selection: Selection;
  hasAsset: boolean;
  dispatch: Dispatch<ChangeFormAction>;
  events: ChangeFormEvents;
}

/** « Catalogue de changements », « Catégorie » when it has some, « Article de changement ». */
export function ArticleSelects({
  catalogs,
  selection,
  hasAsset,
  dispatch,
  events,
}: ArticleSelectsProps) {
  const { t } = useTranslation();
  const categories = selection.catalog?.categories ?? [];
  const hasCategories = categories.length > 0;
  return (
    <div className="select-stack">
      <ChoiceSelect
        path="catalogId"
        label={t('changeForm.catalog')}
        help={t('changeForm.catalogHelp')}
        hint={hasAsset ? null : t('changeForm.catalogHintNoAsset')}
        choices={catalogs}
        chosen={selection.catalog}
        isDisabled={catalogs.length === 0}
        events={events}
        onChoose={(catalog) =>
          dispatch({
            type: 'chooseCatalog',
            catalogId: catalog?.id ?? null,
            onlyArticle:
              catalog && catalog.categories.length === 0 ? onlyOf(catalog.articles) : null,
          })
        }
      />
      {hasCategories && selection.catalog ? (
        <ChoiceSelect
          path="categoryId"
          label={t('changeForm.category')}
          choices={categories}
          chosen={selection.category}
          events={events}
          onChoose={(category) =>
            dispatch({
              type: 'chooseCategory',
              categoryId: category?.id ?? null,
              onlyArticle: category ? onlyOf(category.articles) : null,
            })
          }
        />
      ) : null}
      {selection.catalog && (!hasCategories || selection.category) ? (
        <ChoiceSelect
          path="articleId"
          label={t('changeForm.article')}
          choices={selection.articles}
          chosen={selection.article}
          events={events}
          onChoose={(article) => dispatch({ type: 'chooseArticle', article })}
        />
      ) : null}
    </div>
  );
}
