import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminCustomerView } from '@guichet/contracts';
import { ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { DataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { useLocale } from '../../lib/i18n/index.ts';
import { useReloadedForm } from '../../lib/query-hooks.ts';
import { AdminPage, AdminPageFallback, formatContractPeriod } from './admin-page.tsx';
import { ContractStatusBadge } from './contract-status-badge.tsx';
import { CustomerForm } from './customer-form.tsx';
import { useCustomer } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/clients/:id`: a customer, its details to edit, its contracts and users. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  const form = useReloadedForm(customer);
  if (!customer.isSuccess) {
    return (
      <AdminPageFallback query={customer} loadFailed={t('providerAdmin.customer.loadFailed')} />
    );
  }
  const data = customer.data;
  return (
    <AdminPage
      title={data.name}
      back={{ to: '/back-office/clients', label: t('providerAdmin.customer.back') }}
    >
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
          <CustomerForm key={form.generation} customer={data} onReload={form.reload} />
        </Card>
      </div>
    </AdminPage>
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
      cell: (contract) => formatContractPeriod(contract, locale, t('providerAdmin.contract.noEnd')),
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
