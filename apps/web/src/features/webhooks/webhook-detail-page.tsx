import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { WebhookDeliveryView, WebhookSubscriptionWithSecret } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { RotationDialog } from '../../components/ui/overlap-select.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryFallback, QueryItems } from '../../components/ui/query-fallback.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import {
  useDeleteWebhook,
  useReplayWebhookMessage,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhook,
  useWebhookDeliveries,
} from './webhooks-api.ts';
import type { WebhookScope } from './webhooks-api.ts';
import { WebhookSecretNotice, WebhookStatusBadge, basePathOf } from './webhook-status.tsx';
import './webhooks.css';

const stateTones: Record<WebhookDeliveryView['state'], BadgeTone> = {
  pending: 'progress',
  delivered: 'success',
  failed: 'danger',
};

/** One subscription: enable or disable, rotate its secret, delete it, its deliveries and replays. */
export function WebhookDetailPage({ scope, id }: { scope: WebhookScope; id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const subscription = useWebhook(scope, id);
  const update = useUpdateWebhook(scope, id);
  const remove = useDeleteWebhook(scope, id);
  const rotate = useRotateWebhookSecret(scope, id);
  const [secret, setSecret] = useState<WebhookSubscriptionWithSecret | null>(null);
  const [isRotating, setIsRotating] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);
  if (!subscription.isSuccess) {
    return <QueryFallback query={subscription} loadFailed={t('errors.unavailable')} />;
  }
  const webhook = subscription.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <ButtonLink to={basePathOf(scope)} variant="ghost">
          ← {t('integrations.webhooks.back')}
        </ButtonLink>
      </p>
      <PageHeader
        title={t('integrations.webhooks.detailTitle')}
        subtitle={<span className="mono">{webhook.url}</span>}
        actions={
          <>
            <Button
              isBusy={update.isPending}
              onClick={() => update.mutate({ isEnabled: !webhook.isEnabled })}
            >
              {webhook.isEnabled
                ? t('integrations.webhooks.disable')
                : t('integrations.webhooks.enable')}
            </Button>
            <Button onClick={() => setIsRotating(true)}>{t('integrations.webhooks.rotate')}</Button>
            <Button variant="danger" onClick={() => setIsDeleting(true)}>
              {t('integrations.webhooks.delete')}
            </Button>
          </>
        }
      />
      {secret ? <WebhookSecretNotice subscription={secret} onDone={() => setSecret(null)} /> : null}
      <Card>
        <dl className="facts">
          <dt>{t('integrations.webhooks.columns.status')}</dt>
          <dd>
            <WebhookStatusBadge subscription={webhook} />
          </dd>
          <dt>{t('integrations.webhooks.columns.contract')}</dt>
          <dd>{webhook.contractId ?? t('integrations.webhooks.allContracts')}</dd>
          <dt>{t('integrations.webhooks.columns.events')}</dt>
          <dd>
            {webhook.eventTypes
              .map((type) => t(`integrations.webhooks.eventTypes.${type}`))
              .join(', ')}
          </dd>
          {webhook.description ? (
            <>
              <dt>{t('integrations.webhooks.description')}</dt>
              <dd>{webhook.description}</dd>
            </>
          ) : null}
        </dl>
        {webhook.previousSecretExpiresAt ? (
          <p className="table__secondary">
            {t('integrations.webhooks.previousUntil', {
              date: formatDateTime(webhook.previousSecretExpiresAt, locale),
            })}
          </p>
        ) : null}
      </Card>
      <Deliveries scope={scope} id={id} />
      <RotationDialog
        isOpen={isRotating}
        title={t('integrations.webhooks.rotateTitle')}
        confirmLabel={t('integrations.webhooks.rotate')}
        body={t('integrations.webhooks.rotateBody')}
        selectId="webhook-overlap"
        isBusy={rotate.isPending}
        onCancel={() => setIsRotating(false)}
        onConfirm={(overlapHours) =>
          rotate.mutate(overlapHours, {
            onSuccess: setSecret,
            onSettled: () => setIsRotating(false),
          })
        }
      />
      <ConfirmDialog
        isOpen={isDeleting}
        tone="danger"
        title={t('integrations.webhooks.deleteTitle', { url: webhook.url })}
        confirmLabel={t('integrations.webhooks.delete')}
        cancelLabel={t('common.cancel')}
        isBusy={remove.isPending}
        onCancel={() => setIsDeleting(false)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => void navigate(basePathOf(scope)),
            onSettled: () => setIsDeleting(false),
          })
        }
      >
        <p>{t('integrations.webhooks.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

function Deliveries({ scope, id }: { scope: WebhookScope; id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const deliveries = useWebhookDeliveries(scope, id);
  const replay = useReplayWebhookMessage(scope, id);
  const [replayed, setReplayed] = useState<string | null>(null);
  return (
    <Card
      title={t('integrations.webhooks.deliveries')}
      titleId="webhook-deliveries-title"
      actions={
        <Button onClick={() => void deliveries.refetch()} isBusy={deliveries.isFetching}>
          {t('integrations.webhooks.refresh')}
        </Button>
      }
    >
      {replayed ? (
        <Notice tone="success" isLive>
          {t('integrations.webhooks.replayed')}
        </Notice>
      ) : null}
      <QueryItems
        query={deliveries}
        loadFailed={t('errors.unavailable')}
        empty={t('integrations.webhooks.noDelivery')}
      >
        {(items) => (
          <ol className="webhook-deliveries">
            {items.map((delivery) => (
              <li key={delivery.id} className="webhook-delivery">
                <p>
                  <Badge tone={stateTones[delivery.state]}>
                    {t(`integrations.webhooks.deliveryStates.${delivery.state}`)}
                  </Badge>{' '}
                  <strong>{t(`integrations.webhooks.eventTypes.${delivery.eventType}`)}</strong>{' '}
                  <span className="mono">{delivery.messageId}</span>{' '}
                  <span className="table__secondary">
                    {formatDateTime(delivery.createdAt, locale)}
                  </span>
                </p>
                <h3 className="visually-hidden">{t('integrations.webhooks.attempts')}</h3>
                {delivery.attemptLog.length === 0 ? (
                  <p className="table__secondary">{t('integrations.webhooks.noAttempt')}</p>
                ) : (
                  <ul className="webhook-attempts">
                    {delivery.attemptLog.map((attempt) => (
                      <li key={attempt.at}>
                        {t('integrations.webhooks.attempt', {
                          status: attempt.statusCode ?? t('integrations.webhooks.networkError'),
                          duration: attempt.durationMs,
                          date: formatDateTime(attempt.at, locale),
                        })}
                        {attempt.error ? ` — ${attempt.error}` : null}
                        {attempt.responseExcerpt ? (
                          <pre aria-label={t('integrations.webhooks.answer')}>
                            {attempt.responseExcerpt}
                          </pre>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
                <Button
                  isBusy={replay.isPending && replay.variables === delivery.messageId}
                  aria-label={t('integrations.webhooks.replayOf', { id: delivery.messageId })}
                  onClick={() =>
                    replay.mutate(delivery.messageId, {
                      onSuccess: () => setReplayed(delivery.messageId),
                    })
                  }
                >
                  {t('integrations.webhooks.replay')}
                </Button>
              </li>
            ))}
          </ol>
        )}
      </QueryItems>
    </Card>
  );
}
