import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { webhookEventTypes } from '@guichet/domain';
import type { WebhookEventType } from '@guichet/domain';
import type { WebhookSubscriptionView, WebhookSubscriptionWithSecret } from '@guichet/contracts';
import { ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { DataTable } from '../../components/ui/data-table.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryItems } from '../../components/ui/query-fallback.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useCreateWebhook, useWebhooks } from './webhooks-api.ts';
import type { WebhookScope } from './webhooks-api.ts';
import { WebhookSecretNotice, WebhookStatusBadge, basePathOf } from './webhook-status.tsx';
import './webhooks.css';

/** « Webhooks »: the subscriptions, and a new one whose signing secret is shown once. */

// `execution.requested` is addressed to an executor only (decision 0032): executors are set up
// with the reference executor's script or the API, not chosen here as an event.
const choosableEventTypes = webhookEventTypes.filter((type) => type !== 'execution.requested');

export function WebhooksPage({ scope }: { scope: WebhookScope }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<WebhookSubscriptionWithSecret | null>(null);
  return (
    <div className="page">
      <PageHeader
        title={t('integrations.webhooks.title')}
        subtitle={t(
          scope === 'provider'
            ? 'integrations.webhooks.introProvider'
            : 'integrations.webhooks.introCustomer',
        )}
      />
      {created ? (
        <WebhookSecretNotice subscription={created} onDone={() => setCreated(null)} />
      ) : null}
      <CreateWebhookCard scope={scope} onCreated={setCreated} />
      <WebhookList scope={scope} />
    </div>
  );
}

function CreateWebhookCard({
  scope,
  onCreated,
}: {
  scope: WebhookScope;
  onCreated: (subscription: WebhookSubscriptionWithSecret) => void;
}) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const contracts = [...new Set(session.grants.map((grant) => grant.contractId))];
  const [contractId, setContractId] = useState(contracts[0] ?? '');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const create = useCreateWebhook(scope);
  const toggle = (type: WebhookEventType, isOn: boolean) =>
    setEvents((current) => (isOn ? [...current, type] : current.filter((value) => value !== type)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (!url.trim()) found.set('url', t('rights.add.required'));
    if (events.length === 0) found.set('eventTypes', t('integrations.webhooks.noEvent'));
    setErrors(found);
    if (found.size > 0) return;
    const eventTypes = choosableEventTypes.filter((type) => events.includes(type));
    const body = { url: url.trim(), description, eventTypes };
    create.mutate(scope === 'provider' ? { ...body, kind: 'events' } : { ...body, contractId }, {
      onSuccess: (subscription) => {
        onCreated(subscription);
        setUrl('');
        setDescription('');
        setEvents([]);
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        const byField = new Map<string, string>();
        for (const detail of error.details ?? []) byField.set(detail.path, detail.message);
        if (byField.size === 0) byField.set('form', error.message || t(`errors.${error.code}`));
        setErrors(byField);
      },
    });
  };
  return (
    <Card title={t('integrations.webhooks.create')} titleId="create-webhook-title">
      <form onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          {scope === 'customer' ? (
            <SelectField
              id="webhook-contract"
              label={t('integrations.webhooks.contract')}
              isRequired
              value={contractId}
              options={optionsOf(contracts, (id) => id)}
              onChange={setContractId}
            />
          ) : null}
          <TextField
            id="webhook-url"
            label={t('integrations.webhooks.url')}
            isRequired
            hint={t('integrations.webhooks.urlHint')}
            error={errors.get('url') ?? null}
            type="url"
            maxLength={2000}
            value={url}
            onChange={setUrl}
          />
          <TextField
            id="webhook-description"
            label={t('integrations.webhooks.description')}
            error={errors.get('description') ?? null}
            maxLength={200}
            value={description}
            onChange={setDescription}
          />
        </div>
        <fieldset className="webhook-events" aria-invalid={errors.has('eventTypes') || undefined}>
          <legend>{t('integrations.webhooks.events')}</legend>
          {choosableEventTypes.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(event) => toggle(type, event.target.checked)}
              />{' '}
              {t(`integrations.webhooks.eventTypes.${type}`)}
            </label>
          ))}
          {errors.get('eventTypes') ? (
            <p className="field__error">{errors.get('eventTypes')}</p>
          ) : null}
        </fieldset>
        <FormFeedback error={errors.get('form')} />
        <FormActions
          requiredLegend={t('rights.add.requiredLegend')}
          submitLabel={t('integrations.webhooks.submit')}
          isBusy={create.isPending}
        />
      </form>
    </Card>
  );
}

function WebhookList({ scope }: { scope: WebhookScope }) {
  const { t } = useTranslation();
  return (
    <QueryItems
      query={useWebhooks(scope)}
      loadFailed={t('errors.unavailable')}
      empty={t('integrations.webhooks.empty')}
    >
      {(rows) => <WebhookTable scope={scope} rows={rows} />}
    </QueryItems>
  );
}

function WebhookTable({
  scope,
  rows,
}: {
  scope: WebhookScope;
  rows: readonly WebhookSubscriptionView[];
}) {
  const { t } = useTranslation();
  return (
    <DataTable<WebhookSubscriptionView>
      caption={t('integrations.webhooks.listTitle')}
      isCaptionShown
      rows={rows}
      columns={[
        {
          key: 'url',
          header: t('integrations.webhooks.columns.url'),
          cell: (row) => (
            <>
              <span className="mono">{row.url}</span>
              {row.description ? <span className="table__secondary">{row.description}</span> : null}
            </>
          ),
        },
        {
          key: 'contract',
          header: t('integrations.webhooks.columns.contract'),
          cell: (row) => row.contractId ?? t('integrations.webhooks.allContracts'),
        },
        {
          key: 'events',
          header: t('integrations.webhooks.columns.events'),
          cell: (row) =>
            row.eventTypes.map((type) => t(`integrations.webhooks.eventTypes.${type}`)).join(', '),
        },
        {
          key: 'status',
          header: t('integrations.webhooks.columns.status'),
          cell: (row) => <WebhookStatusBadge subscription={row} />,
        },
        {
          key: 'actions',
          header: t('integrations.webhooks.columns.actions'),
          isHeaderHidden: true,
          cell: (row) => (
            <ButtonLink
              to={`${basePathOf(scope)}/${row.id}`}
              aria-label={`${t('integrations.webhooks.open')} ${row.url}`}
            >
              {t('integrations.webhooks.open')}
            </ButtonLink>
          ),
        },
      ]}
    />
  );
}
