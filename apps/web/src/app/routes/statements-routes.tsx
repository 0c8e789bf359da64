import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireCapability } from '../../components/ui/session-guard.tsx';
import { BackOfficeStatementPage } from '../../features/statements/back-office-statement-page.tsx';
import { BackOfficeStatementsPage } from '../../features/statements/back-office-statements-page.tsx';
import { StatementsPage } from '../../features/statements/statements-page.tsx';

/** Monthly statements in the back-office: agents and admins (decision 0017). */
function RequireStatements({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireCapability capability="read_statements" reason={t('statements.backOffice.forbidden')}>
      {children}
    </RequireCapability>
  );
}

export function BackOfficeStatementsRoute() {
  return (
    <RequireStatements>
      <BackOfficeStatementsPage />
    </RequireStatements>
  );
}

export function BackOfficeStatementRoute() {
  return (
    <RequireStatements>
      <BackOfficeStatementPage />
    </RequireStatements>
  );
}

export function StatementsRoute() {
  return <StatementsPage />;
}
