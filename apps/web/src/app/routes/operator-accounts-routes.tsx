import { capabilityGuard } from '../../components/ui/session-guard.tsx';
import { OperatorTokensPage } from '../../features/operator-accounts/operator-tokens-page.tsx';
import { OperatorsPage } from '../../features/operator-accounts/operators-page.tsx';

/** `/back-office/operateurs`: operator accounts, for those who manage them (admins). */
export const OperatorsRoute = capabilityGuard('manage_operators', (t) =>
  t('operatorAccounts.list.adminsOnly'),
)(OperatorsPage);

/** `/back-office/jetons-api`: every operator's own API tokens. */
export const OperatorTokensRoute = OperatorTokensPage;
