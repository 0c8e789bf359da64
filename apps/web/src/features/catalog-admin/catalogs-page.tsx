import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CatalogAdminView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { DataTable } from '../../components/ui/data-table.tsx';
import { LoadFailedNotice } from '../../components/ui/load-failed-notice.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { errorText } from '../../lib/field-errors.ts';
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
  const columns: Column<CatalogAdminView>[] = [
    {
      key: 'name',
      header: t('catalogAdmin.catalogs.name'),
      cell: (catalog) => (
        <>
          <Link className="table__link" to={`/back-office/catalogues/${catalog.id}`}>
            {localize(catalog.name, locale)}
          </Link>
          <span className="table__secondary mono">{catalog.code}</span>
        </>
      ),
    },
    {
      key: 'appliesTo',
      header: t('catalogAdmin.catalogs.appliesTo'),
      cell: (catalog) =>
        [...catalog.offers, ...catalog.contractIds].join(', ') || t('catalogAdmin.catalogs.nobody'),
    },
    {
      key: 'assetTypes',
      header: t('catalogAdmin.catalogs.assetTypes'),
      className: 'mono',
      cell: (catalog) => catalog.assetTypes.join(', '),
    },
    {
      key: 'articles',
      header: t('catalogAdmin.catalogs.articles'),
      cell: (catalog) => {
        const drafts = catalog.articles.filter((article) => article.hasDraft).length;
        return (
          <>
            {t('catalogAdmin.catalogs.articleCount', { count: catalog.articles.length })}
            {drafts > 0 ? (
              <>
                {' '}
                <Badge tone="warning">
                  {t('catalogAdmin.catalogs.draftCount', { count: drafts })}
                </Badge>
              </>
            ) : null}
          </>
        );
      },
    },
  ];

  const onExport = async () => {
    setIsExporting(true);
    setExportError(null);
    try {
      const file = await exportCatalogs();
      download(file.fileName, file.yaml);
    } catch (error) {
      setExportError(errorText(error, t));
    } finally {
      setIsExporting(false);
    }
  };

  return (
    <div className="page catalog-admin">
      <PageHeader
        title={t('catalogAdmin.catalogs.title')}
        subtitle={t('catalogAdmin.catalogs.intro')}
        actions={
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
        }
      />
      {exportError ? (
        <Notice tone="error" isLive>
          {exportError}
        </Notice>
      ) : null}
      {catalogs.isPending ? (
        <Loading />
      ) : catalogs.isError ? (
        <LoadFailedNotice title={t('errors.unavailable')} onRetry={catalogs.refetch} />
      ) : (
        <DataTable
          caption={t('catalogAdmin.catalogs.title')}
          columns={columns}
          rows={catalogs.data.items}
        />
      )}
    </div>
  );
}
