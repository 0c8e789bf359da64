import { capabilityGuard } from '../../components/ui/session-guard.tsx';
import { ContractPage } from '../../features/provider-admin/contract-page.tsx';
import { CustomerPage } from '../../features/provider-admin/customer-page.tsx';
import { CustomersPage } from '../../features/provider-admin/customers-page.tsx';
import { DueDateTargetsPage } from '../../features/provider-admin/due-date-targets-page.tsx';
import { NewContractPage } from '../../features/provider-admin/new-contract-page.tsx';
import { NewCustomerPage } from '../../features/provider-admin/new-customer-page.tsx';
import { SignInSettingsCard } from '../../features/sso/sign-in-settings-card.tsx';

/** The pages of customers and contracts are the admins' (the API refuses anyone else too). */
const adminsOnly = capabilityGuard('manage_customers', (t) => t('forbidden.generic'));

/** `/back-office/clients…`, `/back-office/contrats/:contractId` (issue 14). */
export const CustomersRoute = adminsOnly(CustomersPage);
export const NewCustomerRoute = adminsOnly(NewCustomerPage);
export const CustomerRoute = adminsOnly(() => (
  <>
    <CustomerPage />
    {/* its sign-in: single sign-on and the second factor's requirement (issue 21) */}
    <SignInSettingsCard />
  </>
));
export const NewContractRoute = adminsOnly(NewContractPage);
export const ContractRoute = adminsOnly(ContractPage);
/** `/back-office/echeances`: the due-date targets (issue 20, decision 0036). */
export const DueDateTargetsRoute = adminsOnly(DueDateTargetsPage);
