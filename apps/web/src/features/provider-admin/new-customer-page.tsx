import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Card } from '../../components/ui/card.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { CustomerForm } from './customer-form.tsx';
import './provider-admin.css';

/** `/back-office/clients/nouveau` */
export function NewCustomerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page page--form provider-admin">
      <PageTitle title={t('providerAdmin.customer.newTitle')} />
      <nav className="breadcrumb" aria-label={t('providerAdmin.customers.title')}>
        <Link to="/back-office/clients">{t('providerAdmin.customer.back')}</Link>
      </nav>
      <h1 className="page__title">{t('providerAdmin.customer.newTitle')}</h1>
      <Card>
        <CustomerForm
          customer={null}
          onCreated={(created) => void navigate(`/back-office/clients/${created.id}`)}
        />
      </Card>
    </div>
  );
}
