import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Card } from '../../components/ui/card.tsx';
import { AdminPage, AdminPageFallback } from './admin-page.tsx';
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
      <AdminPageFallback query={customer} loadFailed={t('providerAdmin.customer.loadFailed')} />
    );
  }
  const title = t('providerAdmin.contract.newTitle', { customer: customer.data.name });
  return (
    <AdminPage
      title={title}
      back={{
        to: `/back-office/clients/${customer.data.id}`,
        label: t('providerAdmin.contract.backToCustomer', { customer: customer.data.name }),
      }}
      isForm
    >
      <h1 className="page__title">{title}</h1>
      <Card>
        <ContractForm
          mode="create"
          customer={customer.data}
          onCreated={(contractId) => void navigate(`/back-office/contrats/${contractId}`)}
        />
      </Card>
    </AdminPage>
  );
}
