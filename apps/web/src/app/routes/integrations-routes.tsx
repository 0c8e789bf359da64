import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ButtonLink } from '../../components/ui/button.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { capabilityGuard } from '../../components/ui/session-guard.tsx';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { ServiceAccountsPage } from '../../features/service-accounts/service-accounts-page.tsx';
import { WebhookDetailPage } from '../../features/webhooks/webhook-detail-page.tsx';
import { WebhooksPage } from '../../features/webhooks/webhooks-page.tsx';

/** « Intégrations » is for a customer's Gestionnaires of Utilisateurs (issue 17). */
function RequireUserManager({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const isManager = session.grants.some(
    (grant) => grant.section === 'users' && grant.profile === 'manager',
  );
  if (session.user.kind === 'customer' && isManager) return children;
  return (
    <MessagePage title={t('forbidden.title')} tone="warning">
      <p>{t('integrations.forbidden')}</p>
    </MessagePage>
  );
}

/** `/integrations`: the customer's service accounts and webhooks. */
export function IntegrationsRoute() {
  const { t } = useTranslation();
  return (
    <RequireUserManager>
      <div className="page">
        <PageHeader title={t('integrations.home.title')} subtitle={t('integrations.home.intro')} />
        <p className="form-actions">
          <ButtonLink to="/integrations/comptes-de-service">
            {t('integrations.nav.serviceAccounts')}
          </ButtonLink>
          <ButtonLink to="/integrations/webhooks">{t('integrations.nav.webhooks')}</ButtonLink>
        </p>
      </div>
    </RequireUserManager>
  );
}

export function CustomerServiceAccountsRoute() {
  return (
    <RequireUserManager>
      <ServiceAccountsPage scope="customer" />
    </RequireUserManager>
  );
}

export function CustomerWebhooksRoute() {
  return (
    <RequireUserManager>
      <WebhooksPage scope="customer" />
    </RequireUserManager>
  );
}

export function CustomerWebhookRoute() {
  const { id = '' } = useParams();
  return (
    <RequireUserManager>
      <WebhookDetailPage scope="customer" id={id} />
    </RequireUserManager>
  );
}

function ProviderServiceAccounts() {
  return <ServiceAccountsPage scope="provider" />;
}
function ProviderWebhooks() {
  return <WebhooksPage scope="provider" />;
}
function ProviderWebhook() {
  const { id = '' } = useParams();
  return <WebhookDetailPage scope="provider" id={id} />;
}

/** `/back-office/comptes-de-service`: the provider's service accounts, for admins. */
export const BackOfficeServiceAccountsRoute = capabilityGuard('manage_operators', (t) =>
  t('integrations.adminsOnly'),
)(ProviderServiceAccounts);

/** `/back-office/webhooks` and one subscription: those who may `manage_webhooks` (admins). */
export const BackOfficeWebhooksRoute = capabilityGuard('manage_webhooks', (t) =>
  t('integrations.adminsOnly'),
)(ProviderWebhooks);
export const BackOfficeWebhookRoute = capabilityGuard('manage_webhooks', (t) =>
  t('integrations.adminsOnly'),
)(ProviderWebhook);
