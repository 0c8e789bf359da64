import { useTranslation } from 'react-i18next';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { OperatorTokensPage } from '../../features/operator-accounts/operator-tokens-page.tsx';
import { OperatorsPage } from '../../features/operator-accounts/operators-page.tsx';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { canOperator } from '../back-office-layout.tsx';

/** `/back-office/operateurs`: operator accounts, for those who manage them (admins). */
export function OperatorsRoute() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  if (!canOperator(session, 'manage_operators')) {
    return (
      <MessagePage title={t('forbidden.title')} tone="warning">
        <p>{t('operatorAccounts.list.adminsOnly')}</p>
      </MessagePage>
    );
  }
  return <OperatorsPage />;
}

/** `/back-office/jetons-api`: every operator's own API tokens. */
export function OperatorTokensRoute() {
  return <OperatorTokensPage />;
}
