import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { BackOfficeStatementPage } from '../../features/statements/back-office-statement-page.tsx';
import { BackOfficeStatementsPage } from '../../features/statements/back-office-statements-page.tsx';
import { StatementsPage } from '../../features/statements/statements-page.tsx';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { canOperator } from '../back-office-layout.tsx';

/** Monthly statements in the back-office: agents and admins (decision 0017). */
function RequireStatements({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  if (canOperator(session, 'read_statements')) return children;
  return (
    <MessagePage title={t('forbidden.title')} tone="warning">
      <p>{t('statements.backOffice.forbidden')}</p>
    </MessagePage>
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
