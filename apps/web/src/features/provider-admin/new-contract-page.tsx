import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Card } from '../../components/ui/card.tsx';
import { LoadFailedNotice } from '../../components/ui/load-failed-notice.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { ContractForm } from './contract-form.tsx';
import { useCustomer } from './provider-admin-api.ts';
import './provider-admin.css';

/** `/back-office/clients/:id/contrats/nouveau`: a new contract of the customer. */
export function NewContractPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  if (customer.isPending) return <Loading />;
  if (customer.isError) {
    return (
      <div className="page provider-admin">
        <LoadFailedNotice
          title={t('providerAdmin.customer.loadFailed')}
          onRetry={customer.refetch}
        />
      </div>
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
