import { capabilityGuard } from '../../components/ui/session-guard.tsx';
import { BackOfficeStatementPage } from '../../features/statements/back-office-statement-page.tsx';
import { BackOfficeStatementsPage } from '../../features/statements/back-office-statements-page.tsx';
import { StatementsPage } from '../../features/statements/statements-page.tsx';

/** Monthly statements in the back-office: agents and admins (decision 0017). */
const statementReaders = capabilityGuard('read_statements', (t) =>
  t('statements.backOffice.forbidden'),
);

export const BackOfficeStatementsRoute = statementReaders(BackOfficeStatementsPage);
export const BackOfficeStatementRoute = statementReaders(BackOfficeStatementPage);
export const StatementsRoute = StatementsPage;
