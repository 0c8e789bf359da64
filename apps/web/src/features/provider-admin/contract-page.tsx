import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminContractView } from '@guichet/contracts';
import { Card } from '../../components/ui/card.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { formatDate, formatEuros, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { ContractForm } from './contract-form.tsx';
import { ContractStatusBadge } from './contract-status-badge.tsx';
import { useAdminContract } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/contrats/:contractId`: a contract, its customer, referent, counts and terms. */
export function ContractPage() {
  const { t } = useTranslation();
  const { contractId = '' } = useParams();
  const contract = useAdminContract(contractId);
  // The form starts again from what was read only when the admin reloads after a conflict.
  const [generation, setGeneration] = useState(0);
  if (!contract.isSuccess) {
    return (
      <QueryFallback
        query={contract}
        loadFailed={t('providerAdmin.contract.loadFailed')}
        className="page provider-admin"
      />
    );
  }
  const data = contract.data;
  return (
    <div className="page provider-admin">
      <PageTitle title={data.id} />
      <nav className="breadcrumb" aria-label={t('providerAdmin.customers.title')}>
        <Link to={`/back-office/clients/${data.customerId}`}>
          {t('providerAdmin.contract.backToCustomer', { customer: data.customerName })}
        </Link>
      </nav>
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
          <ContractForm
            key={generation}
            mode="edit"
            contract={data}
            onReload={() => void contract.refetch().then(() => setGeneration((count) => count + 1))}
          />
        </Card>
      </div>
    </div>
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
      `${formatDate(contract.startsOn, locale, 'UTC')} → ${
        contract.endsOn
          ? formatDate(contract.endsOn, locale, 'UTC')
          : t('providerAdmin.contract.noEnd')
      }`,
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
