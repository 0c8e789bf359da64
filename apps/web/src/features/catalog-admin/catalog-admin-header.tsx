import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';

interface CatalogAdminHeaderProps {
  title: string;
  subtitle?: ReactNode;
  /** The crumbs after « Catalogues » (the article's catalog). */
  crumbs?: ReactNode;
}

/** A catalog authoring page's heading, under « Catalogues » and whatever leads to it. */
export function CatalogAdminHeader({ title, subtitle, crumbs }: CatalogAdminHeaderProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/back-office/catalogues">{t('catalogAdmin.catalogs.title')}</Link>
        {crumbs}
      </p>
      <PageHeader title={title} subtitle={subtitle} />
    </>
  );
}

/** A catalog or an article that cannot be read, and the way back to the catalogs. */
export function CatalogAdminNotFound({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Notice tone="error" isLive title={title}>
      <Link to="/back-office/catalogues">{t('catalogAdmin.catalogs.back')}</Link>
    </Notice>
  );
}
