import type { ComponentType, ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { OperatorCapability } from '@guichet/domain';
import type { SessionView } from '@guichet/contracts';
import { canOperator, useAuthenticatedSession, useSession } from '../../lib/session.ts';
import { LoadFailedNotice } from './load-failed-notice.tsx';
import { Loading } from './loading.tsx';
import { MessagePage } from './message-page.tsx';

/** Where each kind of account works: the other side sends it back there. */
const homes = { customer: '/demandes', operator: '/back-office' } as const;

/**
 * « Must be signed in, as a customer / as an operator »: the one check the layouts make.
 * Nobody signed in goes to /connexion and comes back after; the other kind of account goes
 * to its own side (the API refuses it anyway).
 */
export function SessionGuard({
  kind,
  children,
}: {
  kind: SessionView['user']['kind'];
  children: (session: SessionView) => ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) {
    return (
      <main id="main" className="main">
        <LoadFailedNotice title={t('errors.unavailable')} onRetry={session.refetch} />
      </main>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/connexion?suite=${encodeURIComponent(next)}`} replace />;
  }
  if (session.data.user.kind !== kind) {
    return <Navigate to={homes[session.data.user.kind]} replace />;
  }
  return children(session.data);
}

/**
 * A back-office page that needs a capability of the operator's role; the others read why
 * not (`reason`) rather than an empty page.
 */
export function RequireCapability({
  capability,
  reason,
  children,
}: {
  capability: OperatorCapability;
  reason: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  if (canOperator(session, capability)) return children;
  return <MessagePage title={t('forbidden.title')} tone="warning" text={reason} />;
}

/**
 * The pages of a back-office section behind one capability: `guard(Page)` is the route's
 * component, showing the page or, to the others, why not.
 */
export function capabilityGuard(capability: OperatorCapability, reason: (t: TFunction) => string) {
  return (Page: ComponentType): ComponentType =>
    function GuardedPage() {
      const { t } = useTranslation();
      return (
        <RequireCapability capability={capability} reason={reason(t)}>
          <Page />
        </RequireCapability>
      );
    };
}
