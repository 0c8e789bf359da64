import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminCustomerView } from '@guichet/contracts';
import { ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { DataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { formatDate } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { ContractStatusBadge } from './contract-status-badge.tsx';
import { CustomerForm } from './customer-form.tsx';
import { useCustomer } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/clients/:id`: a customer, its details to edit, its contracts and users. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  // The form starts again from what was read only when the admin reloads after a conflict.
  const [generation, setGeneration] = useState(0);
  if (!customer.isSuccess) {
    return (
      <QueryFallback
        query={customer}
        loadFailed={t('providerAdmin.customer.loadFailed')}
        className="page provider-admin"
      />
    );
  }
  const data = customer.data;
  return (
    <div className="page provider-admin">
      <PageTitle title={data.name} />
      <nav className="breadcrumb" aria-label={t('providerAdmin.customers.title')}>
        <Link to="/back-office/clients">{t('providerAdmin.customer.back')}</Link>
      </nav>
      <div className="page__header">
        <div>
          <h1 className="page__title">{data.name}</h1>
          {data.registrationNumber ? (
            <p className="page__subtitle mono">{data.registrationNumber}</p>
          ) : null}
        </div>
        <div className="page__actions">
          <ButtonLink to={`/back-office/clients/${data.id}/contrats/nouveau`} variant="primary">
            {t('providerAdmin.customer.newContract')}
          </ButtonLink>
        </div>
      </div>
      <div className="provider-admin__columns provider-admin__columns--wide-first">
        <div className="provider-admin__stack">
          <ContractsCard customer={data} />
          <UsersCard customer={data} />
        </div>
        <Card title={t('providerAdmin.customer.editTitle')} titleId="customer-edit">
          <CustomerForm
            key={generation}
            customer={data}
            onReload={() => void customer.refetch().then(() => setGeneration((count) => count + 1))}
          />
        </Card>
      </div>
    </div>
  );
}

function ContractsCard({ customer }: { customer: AdminCustomerView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns: Column<AdminCustomerView['contracts'][number]>[] = [
    {
      key: 'id',
      header: t('providerAdmin.contract.id'),
      cell: (contract) => (
        <>
          <Link className="table__link mono" to={`/back-office/contrats/${contract.id}`}>
            {contract.id}
          </Link>
          <span className="table__secondary">
            {contract.offer} · {contract.supportLevel}
          </span>
        </>
      ),
    },
    {
      key: 'status',
      header: t('providerAdmin.contract.status'),
      cell: (contract) => <ContractStatusBadge status={contract.status} />,
    },
    {
      key: 'period',
      header: t('providerAdmin.contract.period'),
      className: 'nowrap',
      cell: (contract) => (
        <>
          {formatDate(contract.startsOn, locale, 'UTC')} →{' '}
          {contract.endsOn
            ? formatDate(contract.endsOn, locale, 'UTC')
            : t('providerAdmin.contract.noEnd')}
        </>
      ),
    },
    {
      key: 'referent',
      header: t('providerAdmin.contract.currentReferent'),
      cell: (contract) => contract.referentName ?? t('providerAdmin.contract.noReferent'),
    },
  ];
  return (
    <Card title={t('providerAdmin.customer.contracts')} titleId="customer-contracts">
      {customer.contracts.length === 0 ? (
        <p className="muted">{t('providerAdmin.customer.noContracts')}</p>
      ) : (
        <DataTable
          caption={t('providerAdmin.customer.contracts')}
          columns={columns}
          rows={customer.contracts}
        />
      )}
    </Card>
  );
}

function UsersCard({ customer }: { customer: AdminCustomerView }) {
  const { t } = useTranslation();
  return (
    <Card title={t('providerAdmin.customer.users')} titleId="customer-users">
      {customer.users.length === 0 ? (
        <p className="muted">{t('providerAdmin.customer.noUsers')}</p>
      ) : (
        <ul className="provider-admin__people">
          {customer.users.map((user) => (
            <li key={user.id}>
              <span>{user.displayName}</span>{' '}
              <span className="muted">
                {user.email}
                {user.status === 'invited' ? ` · ${t('providerAdmin.contract.invited')}` : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
