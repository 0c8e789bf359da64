import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Card } from '../../components/ui/card.tsx';
import { AdminPage } from './admin-page.tsx';
import { CustomerForm } from './customer-form.tsx';
import './provider-admin.css';

/** `/back-office/clients/nouveau` */
export function NewCustomerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <AdminPage
      title={t('providerAdmin.customer.newTitle')}
      back={{ to: '/back-office/clients', label: t('providerAdmin.customer.back') }}
      isForm
    >
      <h1 className="page__title">{t('providerAdmin.customer.newTitle')}</h1>
      <Card>
        <CustomerForm
          customer={null}
          onCreated={(created) => void navigate(`/back-office/clients/${created.id}`)}
        />
      </Card>
    </AdminPage>
  );
}
