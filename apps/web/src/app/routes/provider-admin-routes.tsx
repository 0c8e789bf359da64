import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { RequireCapability } from '../../components/ui/session-guard.tsx';
import { ContractPage } from '../../features/provider-admin/contract-page.tsx';
import { CustomerPage } from '../../features/provider-admin/customer-page.tsx';
import { CustomersPage } from '../../features/provider-admin/customers-page.tsx';
import { NewContractPage } from '../../features/provider-admin/new-contract-page.tsx';
import { NewCustomerPage } from '../../features/provider-admin/new-customer-page.tsx';

/** The pages of customers and contracts are the admins' (the API refuses anyone else too). */
function AdminsOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireCapability capability="manage_customers" reason={t('forbidden.generic')}>
      {children}
    </RequireCapability>
  );
}

/** `/back-office/clients…`, `/back-office/contrats/:contractId` (issue 14). */
export function CustomersRoute() {
  return (
    <AdminsOnly>
      <CustomersPage />
    </AdminsOnly>
  );
}

export function NewCustomerRoute() {
  return (
    <AdminsOnly>
      <NewCustomerPage />
    </AdminsOnly>
  );
}

export function CustomerRoute() {
  return (
    <AdminsOnly>
      <CustomerPage />
    </AdminsOnly>
  );
}

export function NewContractRoute() {
  return (
    <AdminsOnly>
      <NewContractPage />
    </AdminsOnly>
  );
}

export function ContractRoute() {
  return (
    <AdminsOnly>
      <ContractPage />
    </AdminsOnly>
  );
}
