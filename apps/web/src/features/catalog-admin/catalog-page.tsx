import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ArticleAdminSummary, CatalogAdminView, CategoryAdminView } from '@guichet/contracts';
import type { Text } from '@guichet/domain';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { isApiError } from '../../lib/api-client.ts';
import type { ErrorDetail } from '../../lib/api-client.ts';
import { messagesByPath } from '../../lib/field-errors.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import {
  useAdminCatalog,
  useCreateArticle,
  usePlaceArticle,
  useSaveCatalog,
  useSaveCategory,
} from './catalog-admin-api.ts';
import { LocalizedInput } from './localized-input.tsx';
import './catalog-admin.css';

const emptyText: Text = { fr: '', en: '' };

/** `a, b ,c` → `['a', 'b', 'c']` */
function listOf(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A code from a name: `Gérer mes licences` → `gerer-mes-licences`. */
export function codeFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

function useErrors() {
  const { t } = useTranslation();
  const [details, setDetails] = useState<ErrorDetail[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  return {
    messages: messagesByPath(details),
    general,
    clear: () => {
      setDetails([]);
      setGeneral(null);
    },
    take: (error: unknown) => {
      if (isApiError(error) && error.details.length > 0) setDetails(error.details);
      setGeneral(
        isApiError(error) ? error.message || t(`errors.${error.code}`) : t('errors.internal'),
      );
    },
  };
}

interface CatalogSettingsProps {
  catalog: CatalogAdminView | null;
}

/** The catalog itself: names, help, the item types, offers and contracts it applies to. */
function CatalogSettings({ catalog }: CatalogSettingsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveCatalog(catalog?.id ?? null);
  const errors = useErrors();
  const [name, setName] = useState<Text>(catalog?.name ?? emptyText);
  const [code, setCode] = useState(catalog?.code ?? '');
  const [isCodeTouched, setIsCodeTouched] = useState(false);
  const [help, setHelp] = useState<Text>(catalog?.help ?? emptyText);
  const [assetTypes, setAssetTypes] = useState(catalog?.assetTypes.join(', ') ?? 'fe_tenant');
  const [offers, setOffers] = useState(catalog?.offers.join(', ') ?? 'Flexible Engine');
  const [contracts, setContracts] = useState(catalog?.contractIds.join(', ') ?? '');
  const [position, setPosition] = useState(String(catalog?.position ?? 0));
  const [isSaved, setIsSaved] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setIsSaved(false);
    save.mutate(
      {
        code,
        name,
        help: help.fr.trim() || help.en.trim() ? help : null,
        assetTypes: listOf(assetTypes),
        offers: listOf(offers),
        contractIds: listOf(contracts),
        position: Number.parseInt(position, 10) || 0,
      },
      {
        onSuccess: (saved) => {
          if (catalog === null) void navigate(`/back-office/catalogues/${saved.id}`);
          else setIsSaved(true);
        },
        onError: errors.take,
      },
    );
  };

  return (
    <Card title={t('catalogAdmin.catalog.settings')} titleId="catalog-settings">
      <form className="catalog-admin__form" onSubmit={onSubmit} noValidate>
        {errors.general ? (
          <Notice tone="error" isLive>
            {errors.general}
          </Notice>
        ) : null}
        {isSaved ? (
          <Notice tone="success" isLive>
            {t('catalogAdmin.catalog.saved')}
          </Notice>
        ) : null}
        <LocalizedInput
          id="catalog-name"
          label={t('catalogAdmin.catalog.name')}
          value={name}
          isRequired
          error={errors.messages.get('name') ?? null}
          onChange={(next) => {
            setName(next);
            if (catalog === null && !isCodeTouched) setCode(codeFrom(next.fr));
          }}
        />
        <div className="form-grid">
          <FormField
            id="catalog-code"
            label={t('catalogAdmin.catalog.code')}
            isRequired
            hint={
              catalog === null
                ? t('catalogAdmin.catalog.codeHint')
                : t('catalogAdmin.catalog.codeFixed')
            }
            error={errors.messages.get('code') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                className="mono"
                value={code}
                readOnly={catalog !== null}
                onChange={(event) => {
                  setCode(event.target.value);
                  setIsCodeTouched(true);
                }}
              />
            )}
          </FormField>
          <FormField
            id="catalog-position"
            label={t('catalogAdmin.catalog.position')}
            hint={t('catalogAdmin.catalog.positionHint')}
            error={errors.messages.get('position') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="numeric"
                value={position}
                onChange={(event) => setPosition(event.target.value)}
              />
            )}
          </FormField>
        </div>
        <LocalizedInput
          id="catalog-help"
          label={t('catalogAdmin.catalog.help')}
          value={help}
          isMultiline
          error={errors.messages.get('help') ?? null}
          onChange={setHelp}
        />
        <FormField
          id="catalog-asset-types"
          label={t('catalogAdmin.catalog.assetTypes')}
          isRequired
          hint={t('catalogAdmin.catalog.assetTypesHint')}
          error={[...errors.messages].find(([path]) => path.startsWith('assetTypes'))?.[1] ?? null}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              className="mono"
              value={assetTypes}
              onChange={(event) => setAssetTypes(event.target.value)}
            />
          )}
        </FormField>
        <div className="form-grid">
          <FormField
            id="catalog-offers"
            label={t('catalogAdmin.catalog.offers')}
            hint={t('catalogAdmin.catalog.offersHint')}
            error={[...errors.messages].find(([path]) => path.startsWith('offers'))?.[1] ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                value={offers}
                onChange={(event) => setOffers(event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="catalog-contracts"
            label={t('catalogAdmin.catalog.contracts')}
            hint={t('catalogAdmin.catalog.contractsHint')}
            error={
              [...errors.messages].find(([path]) => path.startsWith('contractIds'))?.[1] ?? null
            }
          >
            {(control) => (
              <input
                {...control}
                type="text"
                className="mono"
                value={contracts}
                onChange={(event) => setContracts(event.target.value)}
              />
            )}
          </FormField>
        </div>
        <div className="form-actions">
          {catalog === null ? (
            <ButtonLink to="/back-office/catalogues">{t('catalogAdmin.common.cancel')}</ButtonLink>
          ) : (
            <span />
          )}
          <Button type="submit" variant="primary" isBusy={save.isPending}>
            {catalog === null
              ? t('catalogAdmin.catalog.createSubmit')
              : t('catalogAdmin.catalog.saveSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function CategoryForm({
  catalogId,
  category,
  onDone,
}: {
  catalogId: string;
  category: CategoryAdminView | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCategory(catalogId);
  const errors = useErrors();
  const [name, setName] = useState<Text>(category?.name ?? emptyText);
  const [code, setCode] = useState(category?.code ?? '');
  const [help, setHelp] = useState<Text>(category?.help ?? emptyText);
  const idBase = `category-${category?.id ?? 'new'}`;
  return (
    <form
      className="catalog-admin__subform"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        errors.clear();
        save.mutate(
          {
            id: category?.id ?? null,
            body: {
              code,
              name,
              help: help.fr.trim() || help.en.trim() ? help : null,
              position: category?.position ?? 0,
            },
          },
          { onSuccess: onDone, onError: errors.take },
        );
      }}
    >
      {errors.general ? (
        <Notice tone="error" isLive>
          {errors.general}
        </Notice>
      ) : null}
      <LocalizedInput
        id={`${idBase}-name`}
        label={t('catalogAdmin.category.name')}
        value={name}
        isRequired
        error={errors.messages.get('name') ?? null}
        onChange={(next) => {
          setName(next);
          if (category === null) setCode(codeFrom(next.fr));
        }}
      />
      {category === null ? (
        <FormField
          id={`${idBase}-code`}
          label={t('catalogAdmin.category.code')}
          isRequired
          error={errors.messages.get('code') ?? null}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              className="mono"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </FormField>
      ) : null}
      <LocalizedInput
        id={`${idBase}-help`}
        label={t('catalogAdmin.category.help')}
        value={help}
        isMultiline
        onChange={setHelp}
      />
      <div className="form-actions">
        <Button onClick={onDone}>{t('catalogAdmin.common.cancel')}</Button>
        <Button type="submit" variant="primary" isBusy={save.isPending}>
          {t('catalogAdmin.common.save')}
        </Button>
      </div>
    </form>
  );
}

function Categories({ catalog }: { catalog: CatalogAdminView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Card
      title={t('catalogAdmin.category.title')}
      titleId="catalog-categories"
      actions={
        editing === 'new' ? null : (
          <Button onClick={() => setEditing('new')}>{t('catalogAdmin.category.add')}</Button>
        )
      }
    >
      <p className="muted">{t('catalogAdmin.category.intro')}</p>
      {editing === 'new' ? (
        <CategoryForm catalogId={catalog.id} category={null} onDone={() => setEditing(null)} />
      ) : null}
      {catalog.categories.length === 0 ? (
        <p className="muted">{t('catalogAdmin.category.none')}</p>
      ) : (
        <ul className="catalog-admin__list">
          {catalog.categories.map((category) => (
            <li key={category.id}>
              {editing === category.id ? (
                <CategoryForm
                  catalogId={catalog.id}
                  category={category}
                  onDone={() => setEditing(null)}
                />
              ) : (
                <div className="catalog-admin__list-row">
                  <span>
                    <strong>{localize(category.name, locale)}</strong>{' '}
                    <span className="mono muted">{category.code}</span>
                  </span>
                  <Button variant="ghost" onClick={() => setEditing(category.id)}>
                    {t('catalogAdmin.category.edit', { name: localize(category.name, locale) })}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

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
  const errors = useErrors();
  const [name, setName] = useState<Text>(emptyText);
  const [code, setCode] = useState('');
  const [categoryId, setCategoryId] = useState(catalog.categories[0]?.id ?? '');
  return (
    <form
      className="catalog-admin__subform"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
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
      {errors.general ? (
        <Notice tone="error" isLive>
          {errors.general}
        </Notice>
      ) : null}
      <LocalizedInput
        id="new-article-name"
        label={t('catalogAdmin.article.name')}
        value={name}
        isRequired
        error={errors.messages.get('definition.name') ?? null}
        onChange={(next) => {
          setName(next);
          setCode(codeFrom(next.fr));
        }}
      />
      <div className="form-grid">
        <FormField
          id="new-article-code"
          label={t('catalogAdmin.article.code')}
          isRequired
          error={errors.messages.get('code') ?? null}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              className="mono"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </FormField>
        {catalog.categories.length > 0 ? (
          <FormField
            id="new-article-category"
            label={t('catalogAdmin.article.category')}
            isRequired
          >
            {(control) => (
              <select
                {...control}
                value={categoryId}
                onChange={(event) => setCategoryId(event.target.value)}
              >
                {catalog.categories.map((category) => (
                  <option key={category.id} value={category.id}>
                    {localize(category.name, 'fr')}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
      </div>
      <div className="form-actions">
        <Button onClick={onCancel}>{t('catalogAdmin.common.cancel')}</Button>
        <Button type="submit" variant="primary" isBusy={create.isPending}>
          {t('catalogAdmin.article.createSubmit')}
        </Button>
      </div>
    </form>
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

function Articles({ catalog }: { catalog: CatalogAdminView }) {
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

/** `/back-office/catalogues/nouveau` and `/back-office/catalogues/:id`. */
export function CatalogPage() {
  const { id } = useParams();
  return id ? <ExistingCatalog id={id} /> : <NewCatalog />;
}

function NewCatalog() {
  const { t } = useTranslation();
  return (
    <div className="page catalog-admin">
      <PageTitle title={t('catalogAdmin.catalog.newTitle')} />
      <p className="breadcrumb">
        <Link to="/back-office/catalogues">{t('catalogAdmin.catalogs.title')}</Link>
      </p>
      <h1 className="page__title">{t('catalogAdmin.catalog.newTitle')}</h1>
      <CatalogSettings catalog={null} />
    </div>
  );
}

function ExistingCatalog({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const catalog = useAdminCatalog(id);
  if (catalog.isPending) return <Loading />;
  if (catalog.isError) {
    return (
      <Notice tone="error" isLive title={t('catalogAdmin.catalog.notFound')}>
        <Link to="/back-office/catalogues">{t('catalogAdmin.catalogs.back')}</Link>
      </Notice>
    );
  }
  const name = localize(catalog.data.name, locale);
  return (
    <div className="page catalog-admin">
      <PageTitle title={name} />
      <p className="breadcrumb">
        <Link to="/back-office/catalogues">{t('catalogAdmin.catalogs.title')}</Link>
      </p>
      <h1 className="page__title">{name}</h1>
      <div className="catalog-admin__columns">
        <CatalogSettings key={catalog.data.id} catalog={catalog.data} />
        <div className="catalog-admin__stack">
          <Categories catalog={catalog.data} />
          <Articles catalog={catalog.data} />
        </div>
      </div>
    </div>
  );
}
