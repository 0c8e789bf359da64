import { useTranslation } from 'react-i18next';
import { RequireCapability } from '../../components/ui/session-guard.tsx';
import { OperatorTokensPage } from '../../features/operator-accounts/operator-tokens-page.tsx';
import { OperatorsPage } from '../../features/operator-accounts/operators-page.tsx';

/** `/back-office/operateurs`: operator accounts, for those who manage them (admins). */
export function OperatorsRoute() {
  const { t } = useTranslation();
  return (
    <RequireCapability capability="manage_operators" reason={t('operatorAccounts.list.adminsOnly')}>
      <OperatorsPage />
    </RequireCapability>
  );
}

/** `/back-office/jetons-api`: every operator's own API tokens. */
export function OperatorTokensRoute() {
  return <OperatorTokensPage />;
}
