import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ArticleAdminSummary, CatalogAdminView } from '@guichet/contracts';
import type { Text } from '@guichet/domain';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { SelectField } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useCreateArticle, usePlaceArticle } from './catalog-admin-api.ts';
import { codeFrom, emptyText } from './code-from.ts';
import { CatalogSubform } from './catalog-subform.tsx';
import { LocalizedInput } from './localized-input.tsx';
import { useFormErrors } from './use-form-errors.ts';

function NewArticleForm({
  catalog,
  onCancel,
}: {
  catalog: CatalogAdminView;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateArticle(catalog.id);
  const errors = useFormErrors();
  const [name, setName] = useState<Text>(emptyText);
  const [code, setCode] = useState('');
  const [categoryId, setCategoryId] = useState(catalog.categories[0]?.id ?? '');
  return (
    <CatalogSubform
      general={errors.general}
      submitLabel={t('catalogAdmin.article.createSubmit')}
      isBusy={create.isPending}
      onCancel={onCancel}
      onSubmit={() => {
        errors.clear();
        create.mutate(
          {
            code,
            categoryId: categoryId || null,
            position: catalog.articles.length,
            definition: {
              name,
              help: null,
              billingMode: 'included',
              priceTokens: 0,
              form: { fields: [] },
            },
          },
          {
            onSuccess: (article) => void navigate(`/back-office/catalogues/articles/${article.id}`),
            onError: errors.take,
          },
        );
      }}
    >
      <LocalizedInput
        id="new-article-name"
        label={t('catalogAdmin.article.name')}
        value={name}
        isRequired
        error={errors.at('definition.name')}
        onChange={(next) => {
          setName(next);
          setCode(codeFrom(next.fr));
        }}
      />
      <div className="form-grid">
        <TextField
          id="new-article-code"
          label={t('catalogAdmin.article.code')}
          isRequired
          className="mono"
          error={errors.at('code')}
          value={code}
          onChange={setCode}
        />
        {catalog.categories.length > 0 ? (
          <SelectField
            id="new-article-category"
            label={t('catalogAdmin.article.category')}
            isRequired
            value={categoryId}
            options={catalog.categories.map((category) => ({
              value: category.id,
              label: localize(category.name, 'fr'),
            }))}
            onChange={setCategoryId}
          />
        ) : null}
      </div>
    </CatalogSubform>
  );
}

function ArticleRow({
  article,
  catalog,
}: {
  article: ArticleAdminSummary;
  catalog: CatalogAdminView;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const place = usePlaceArticle();
  const label = localize(article.name, locale);
  return (
    <tr>
      <td>
        <Link className="table__link" to={`/back-office/catalogues/articles/${article.id}`}>
          {label}
        </Link>
        <span className="table__secondary mono">{article.code}</span>
      </td>
      <td>
        {catalog.categories.length > 0 ? (
          <select
            aria-label={t('catalogAdmin.article.categoryOf', { name: label })}
            value={article.categoryId ?? ''}
            disabled={place.isPending}
            onChange={(event) =>
              place.mutate({
                id: article.id,
                placement: { categoryId: event.target.value || null, position: article.position },
              })
            }
          >
            <option value="">{t('catalogAdmin.article.noCategory')}</option>
            {catalog.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {localize(category.name, locale)}
              </option>
            ))}
          </select>
        ) : (
          '—'
        )}
      </td>
      <td>{t(`catalogAdmin.billing.${article.billingMode}`)}</td>
      <td>
        {article.publishedVersion === null ? (
          <Badge tone="muted">{t('catalogAdmin.article.unpublished')}</Badge>
        ) : (
          <Badge tone="success">
            {t('catalogAdmin.article.version', { version: article.publishedVersion })}
          </Badge>
        )}{' '}
        {article.hasDraft ? <Badge tone="warning">{t('catalogAdmin.article.draft')}</Badge> : null}
      </td>
    </tr>
  );
}

/** The catalog's articles: their category, billing, published version; add one. */
export function Articles({ catalog }: { catalog: CatalogAdminView }) {
  const { t } = useTranslation();
  const [isAdding, setIsAdding] = useState(false);
  const stray =
    catalog.categories.length > 0 && catalog.articles.some((article) => !article.categoryId);
  return (
    <Card
      title={t('catalogAdmin.article.title')}
      titleId="catalog-articles"
      actions={
        isAdding ? null : (
          <Button variant="primary" onClick={() => setIsAdding(true)}>
            {t('catalogAdmin.article.add')}
          </Button>
        )
      }
    >
      {isAdding ? <NewArticleForm catalog={catalog} onCancel={() => setIsAdding(false)} /> : null}
      {stray ? <Notice tone="warning">{t('catalogAdmin.article.stray')}</Notice> : null}
      {catalog.articles.length === 0 ? (
        <p className="muted">{t('catalogAdmin.article.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('catalogAdmin.article.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogAdmin.article.name')}</th>
                <th scope="col">{t('catalogAdmin.article.category')}</th>
                <th scope="col">{t('catalogAdmin.article.billingMode')}</th>
                <th scope="col">{t('catalogAdmin.article.status')}</th>
              </tr>
            </thead>
            <tbody>
              {catalog.articles.map((article) => (
                <ArticleRow key={article.id} article={article} catalog={catalog} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
