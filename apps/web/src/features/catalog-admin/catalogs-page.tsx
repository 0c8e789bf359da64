import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { exportCatalogs, useAdminCatalogs } from './catalog-admin-api.ts';
import './catalog-admin.css';

/** Saves a text as a file in the browser (the export is an ordinary download). */
function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** `/back-office/catalogues`: every change catalog, its articles and what is not published yet. */
export function CatalogsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const catalogs = useAdminCatalogs();
  const [isExporting, setIsExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const onExport = async () => {
    setIsExporting(true);
    setExportError(null);
    try {
      const file = await exportCatalogs();
      download(file.fileName, file.yaml);
    } catch (error) {
      setExportError(isApiError(error) ? t(`errors.${error.code}`) : t('errors.internal'));
    } finally {
      setIsExporting(false);
    }
  };

  return (
    <div className="page catalog-admin">
      <PageTitle title={t('catalogAdmin.catalogs.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('catalogAdmin.catalogs.title')}</h1>
          <p className="page__subtitle">{t('catalogAdmin.catalogs.intro')}</p>
        </div>
        <div className="page__actions">
          <Button onClick={() => void onExport()} isBusy={isExporting}>
            {t('catalogAdmin.catalogs.export')}
          </Button>
          <ButtonLink to="/back-office/catalogues/importer">
            {t('catalogAdmin.catalogs.import')}
          </ButtonLink>
          <ButtonLink to="/back-office/catalogues/nouveau" variant="primary">
            {t('catalogAdmin.catalogs.create')}
          </ButtonLink>
        </div>
      </div>
      {exportError ? (
        <Notice tone="error" isLive>
          {exportError}
        </Notice>
      ) : null}
      {catalogs.isPending ? (
        <Loading />
      ) : catalogs.isError ? (
        <Notice tone="error" isLive title={t('errors.unavailable')}>
          <Button onClick={() => void catalogs.refetch()}>{t('common.retry')}</Button>
        </Notice>
      ) : (
        <div className="table-block">
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('catalogAdmin.catalogs.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalogAdmin.catalogs.name')}</th>
                  <th scope="col">{t('catalogAdmin.catalogs.appliesTo')}</th>
                  <th scope="col">{t('catalogAdmin.catalogs.assetTypes')}</th>
                  <th scope="col">{t('catalogAdmin.catalogs.articles')}</th>
                </tr>
              </thead>
              <tbody>
                {catalogs.data.items.map((catalog) => {
                  const drafts = catalog.articles.filter((article) => article.hasDraft).length;
                  return (
                    <tr key={catalog.id}>
                      <td>
                        <Link className="table__link" to={`/back-office/catalogues/${catalog.id}`}>
                          {localize(catalog.name, locale)}
                        </Link>
                        <span className="table__secondary mono">{catalog.code}</span>
                      </td>
                      <td>
                        {[...catalog.offers, ...catalog.contractIds].join(', ') ||
                          t('catalogAdmin.catalogs.nobody')}
                      </td>
                      <td className="mono">{catalog.assetTypes.join(', ')}</td>
                      <td>
                        {t('catalogAdmin.catalogs.articleCount', {
                          count: catalog.articles.length,
                        })}
                        {drafts > 0 ? (
                          <>
                            {' '}
                            <Badge tone="warning">
                              {t('catalogAdmin.catalogs.draftCount', { count: drafts })}
                            </Badge>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
