import type { ComponentType, Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogView } from '@guichet/contracts';
import type { FormValues } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { ArticleSelects } from './article-selects.tsx';
import type {
  ChangeFormAction,
  ChangeFormEvents,
  ChangeFormState,
  Selection,
} from './change-form-state.ts';
import { RequestDetailsFields } from './request-details-fields.tsx';

interface DescriptionSectionProps {
  /** The contract's catalogs offered for the chosen item, as the query holds them. */
  catalogs: { isPending: boolean; isError: boolean; items: readonly CatalogView[] };
  onRetryCatalogs: () => void;
  state: ChangeFormState;
  /** The contract's time zone (the execution window is typed in it). */
  timeZone: string;
  selection: Selection;
  /** The article's answers as shown (prefilled fields included). */
  values: FormValues;
  ArticleFields: ComponentType<ArticleFieldsProps>;
  dispatch: Dispatch<ChangeFormAction>;
  events: ChangeFormEvents;
}

/** « 2 - Description de la demande de changement »: the article, its fields, the request's own. */
export function DescriptionSection({
  catalogs,
  onRetryCatalogs,
  state,
  timeZone,
  selection,
  values,
  ArticleFields,
  dispatch,
  events,
}: DescriptionSectionProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card title={t('changeForm.section2')} titleId="section-description">
      {catalogs.isPending ? (
        <Loading label={t('changeForm.loadingCatalogs')} />
      ) : catalogs.isError ? (
        <Notice tone="error">
          {t('changeForm.catalogsFailed')}{' '}
          <Button onClick={onRetryCatalogs}>{t('common.retry')}</Button>
        </Notice>
      ) : catalogs.items.length === 0 ? (
        <Notice tone="info">{t('changeForm.noCatalog')}</Notice>
      ) : null}

      <ArticleSelects
        catalogs={catalogs.items}
        selection={selection}
        hasAsset={state.asset !== null}
        dispatch={dispatch}
        events={events}
      />

      {selection.form ? (
        <div className="article-fields">
          <ArticleFields
            form={selection.form}
            values={values}
            locale={locale}
            errorFor={events.errorFor}
            onChange={(next, changedPath) => {
              dispatch({ type: 'setValues', values: next });
              events.changed(changedPath);
            }}
            onTouch={events.touch}
          />
        </div>
      ) : null}

      <RequestDetailsFields state={state} timeZone={timeZone} dispatch={dispatch} events={events} />
    </Card>
  );
}
