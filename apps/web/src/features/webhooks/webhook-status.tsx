import { useTranslation } from 'react-i18next';
import type { WebhookSubscriptionView, WebhookSubscriptionWithSecret } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { CreatedTokenNotice } from '../../components/ui/token-list.tsx';
import type { WebhookScope } from './webhooks-api.ts';

/** Where a scope's webhook pages live. */
export function basePathOf(scope: WebhookScope): string {
  return scope === 'provider' ? '/back-office/webhooks' : '/integrations/webhooks';
}

export function WebhookStatusBadge({ subscription }: { subscription: WebhookSubscriptionView }) {
  const { t } = useTranslation();
  if (subscription.isEnabled) {
    return <Badge tone="success">{t('integrations.webhooks.statuses.enabled')}</Badge>;
  }
  return subscription.disabledReason === 'failing' ? (
    <Badge tone="danger">{t('integrations.webhooks.statuses.failing')}</Badge>
  ) : (
    <Badge tone="muted">{t('integrations.webhooks.statuses.disabled')}</Badge>
  );
}

/** The signing secret, shown once (at creation or rotation) with a copy button. */
export function WebhookSecretNotice({
  subscription,
  onDone,
}: {
  subscription: WebhookSubscriptionWithSecret;
  onDone: () => void;
}) {
  return (
    <CreatedTokenNotice
      texts="integrations.secret"
      token={{ name: subscription.url, token: subscription.secret, prefix: '' }}
      usage={<p className="token-usage">webhook-signature: v1,…</p>}
      onDone={onDone}
    />
  );
}
