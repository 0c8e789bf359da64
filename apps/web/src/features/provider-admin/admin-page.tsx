import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Locale } from '@guichet/domain';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import type { QueryFallbackProps } from '../../components/ui/query-fallback.tsx';
import { formatDate } from '../../lib/format.ts';
import './provider-admin.css';

interface AdminPageProps {
  /** The browser tab's title. */
  title: string;
  /** The way back to the page above (the customers, the contract's customer). */
  back: { to: string; label: string };
  /** A page that is one form (narrower). */
  isForm?: boolean;
  children: ReactNode;
}

/** The frame of a customer's or a contract's page: its tab title and the way back. */
export function AdminPage({ title, back, isForm = false, children }: AdminPageProps) {
  const { t } = useTranslation();
  return (
    <div className={isForm ? 'page page--form provider-admin' : 'page provider-admin'}>
      <PageTitle title={title} />
      <nav className="breadcrumb" aria-label={t('providerAdmin.customers.title')}>
        <Link to={back.to}>{back.label}</Link>
      </nav>
      {children}
    </div>
  );
}

/** Until the page's customer or contract is read: loading, then its failure, in the frame. */
export function AdminPageFallback(props: {
  query: QueryFallbackProps['query'];
  loadFailed: string;
}) {
  return <QueryFallback {...props} className="page provider-admin" />;
}

/** « 1 janv. 2026 → 31 déc. 2026 », the end « sans fin » when open (dates are UTC days). */
export function formatContractPeriod(
  contract: { startsOn: string; endsOn: string | null },
  locale: Locale,
  noEnd: string,
): string {
  const end = contract.endsOn ? formatDate(contract.endsOn, locale, 'UTC') : noEnd;
  return `${formatDate(contract.startsOn, locale, 'UTC')} → ${end}`;
}
