import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { AdminContractView } from '@guichet/contracts';
import { Card } from '../../components/ui/card.tsx';
import { formatEuros, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useReloadedForm } from '../../lib/query-hooks.ts';
import { AdminPage, AdminPageFallback, formatContractPeriod } from './admin-page.tsx';
import { ContractForm } from './contract-form.tsx';
import { ContractStatusBadge } from './contract-status-badge.tsx';
import { useAdminContract } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/contrats/:contractId`: a contract, its customer, referent, counts and terms. */
export function ContractPage() {
  const { t } = useTranslation();
  const { contractId = '' } = useParams();
  const contract = useAdminContract(contractId);
  const form = useReloadedForm(contract);
  if (!contract.isSuccess) {
    return (
      <AdminPageFallback query={contract} loadFailed={t('providerAdmin.contract.loadFailed')} />
    );
  }
  const data = contract.data;
  return (
    <AdminPage
      title={data.id}
      back={{
        to: `/back-office/clients/${data.customerId}`,
        label: t('providerAdmin.contract.backToCustomer', { customer: data.customerName }),
      }}
    >
      <div className="page__header">
        <div>
          <h1 className="page__title">
            <span className="mono">{data.id}</span> <ContractStatusBadge status={data.status} />
          </h1>
          <p className="page__subtitle">
            {data.customerName} · {data.offer} · {data.supportLevel}
          </p>
        </div>
      </div>
      <div className="provider-admin__columns">
        <ContractFacts contract={data} />
        <Card title={t('providerAdmin.contract.editTitle')} titleId="contract-edit">
          <ContractForm key={form.generation} mode="edit" contract={data} onReload={form.reload} />
        </Card>
      </div>
    </AdminPage>
  );
}

function ContractFacts({ contract }: { contract: AdminContractView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const facts: [string, string][] = [
    [t('providerAdmin.contract.customer'), contract.customerName],
    [
      t('providerAdmin.contract.currentReferent'),
      contract.referent
        ? `${contract.referent.displayName} (${contract.referent.email})${
            contract.referent.status === 'invited'
              ? ` · ${t('providerAdmin.contract.invited')}`
              : ''
          }`
        : t('providerAdmin.contract.noReferent'),
    ],
    [
      t('providerAdmin.contract.period'),
      formatContractPeriod(contract, locale, t('providerAdmin.contract.noEnd')),
    ],
    [
      t('providerAdmin.contract.freeChangesPerMonth'),
      formatNumber(contract.freeChangesPerMonth, locale),
    ],
    [t('providerAdmin.contract.tokenPriceEur'), formatEuros(contract.tokenPriceEur, locale)],
    [t('providerAdmin.contract.timeZone'), contract.timeZone],
    [t('providerAdmin.contract.users'), formatNumber(contract.counts.users, locale)],
    [t('providerAdmin.contract.assets'), formatNumber(contract.counts.assets, locale)],
    [t('providerAdmin.contract.requests'), formatNumber(contract.counts.requests, locale)],
    [t('providerAdmin.contract.openRequests'), formatNumber(contract.counts.openRequests, locale)],
  ];
  return (
    <Card title={t('providerAdmin.contract.counts')} titleId="contract-facts">
      <dl className="provider-admin__facts">
        {facts.map(([term, value]) => (
          <div key={term} className="provider-admin__fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
