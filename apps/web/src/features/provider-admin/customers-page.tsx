import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AdminCustomerSummary } from '@guichet/contracts';
import { ButtonLink } from '../../components/ui/button.tsx';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SearchBox } from '../../components/ui/search-box.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useCustomers } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/clients`: the provider's customers, searched by name, number or contract. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q')?.trim() ?? '';
  return (
    <div className="page provider-admin">
      <PageHeader
        title={t('providerAdmin.customers.title')}
        subtitle={t('providerAdmin.customers.intro')}
        actions={
          <div className="page__actions">
            <ButtonLink to="/back-office/clients/nouveau" variant="primary">
              {t('providerAdmin.customers.create')}
            </ButtonLink>
          </div>
        }
      />
      <div className="filters">
        <SearchBox
          id="customers-search"
          texts="providerAdmin.customers"
          value={q}
          onSearch={(next) => setSearchParams(next ? { q: next } : {}, { replace: true })}
        />
      </div>
      <CustomersTable q={q} />
    </div>
  );
}

function CustomersTable({ q }: { q: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useCustomers(q);
  const columns: Column<AdminCustomerSummary>[] = [
    {
      key: 'name',
      header: t('providerAdmin.customers.columns.name'),
      cell: (customer) => (
        <Link className="table__link" to={`/back-office/clients/${customer.id}`}>
          {customer.name}
        </Link>
      ),
    },
    {
      key: 'registrationNumber',
      header: t('providerAdmin.customers.columns.registrationNumber'),
      className: 'mono',
      cell: (customer) => customer.registrationNumber ?? '—',
    },
    {
      key: 'locale',
      header: t('providerAdmin.customers.columns.locale'),
      cell: (customer) => t(`providerAdmin.locales.${customer.locale}`),
    },
    {
      key: 'contracts',
      header: t('providerAdmin.customers.columns.contracts'),
      isNumeric: true,
      cell: (customer) => formatNumber(customer.contractCount, locale),
    },
  ];
  return (
    <PagedDataTable
      list={list}
      caption={t('providerAdmin.customers.title')}
      columns={columns}
      texts="providerAdmin.customers"
    />
  );
}
