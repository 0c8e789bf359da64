import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../components/ui/loading.tsx';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAdminCatalog } from './catalog-admin-api.ts';
import { CatalogAdminHeader, CatalogAdminNotFound } from './catalog-admin-header.tsx';
import { Articles } from './catalog-articles.tsx';
import { Categories } from './catalog-categories.tsx';
import { CatalogSettings } from './catalog-settings.tsx';
import './catalog-admin.css';

/** `/back-office/catalogues/nouveau` and `/back-office/catalogues/:id`. */
export function CatalogPage() {
  const { id } = useParams();
  return id ? <ExistingCatalog id={id} /> : <NewCatalog />;
}

function NewCatalog() {
  const { t } = useTranslation();
  return (
    <div className="page catalog-admin">
      <CatalogAdminHeader title={t('catalogAdmin.catalog.newTitle')} />
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
    return <CatalogAdminNotFound title={t('catalogAdmin.catalog.notFound')} />;
  }
  const name = localize(catalog.data.name, locale);
  return (
    <div className="page catalog-admin">
      <CatalogAdminHeader title={name} />
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
