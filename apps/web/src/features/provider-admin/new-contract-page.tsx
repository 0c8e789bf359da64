import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Card } from '../../components/ui/card.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { ContractForm } from './contract-form.tsx';
import { useCustomer } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/clients/:id/contrats/nouveau`: a new contract of the customer. */
export function NewContractPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  if (!customer.isSuccess) {
    return (
      <QueryFallback
        query={customer}
        loadFailed={t('providerAdmin.customer.loadFailed')}
        className="page provider-admin"
      />
    );
  }
  const title = t('providerAdmin.contract.newTitle', { customer: customer.data.name });
  return (
    <div className="page page--form provider-admin">
      <PageTitle title={title} />
      <nav className="breadcrumb" aria-label={t('providerAdmin.customers.title')}>
        <Link to={`/back-office/clients/${customer.data.id}`}>
          {t('providerAdmin.contract.backToCustomer', { customer: customer.data.name })}
        </Link>
      </nav>
      <h1 className="page__title">{title}</h1>
      <Card>
        <ContractForm
          mode="create"
          customer={customer.data}
          onCreated={(contractId) => void navigate(`/back-office/contrats/${contractId}`)}
        />
      </Card>
    </div>
  );
}
