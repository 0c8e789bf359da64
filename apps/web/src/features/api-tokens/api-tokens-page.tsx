import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenView, CreatedApiToken } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { GrantsGrid, choicesToGrants } from '../../components/ui/grants-grid.tsx';
import type { GrantChoices } from '../../components/ui/grants-grid.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { fieldId } from '../../lib/field-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './api-tokens-api.ts';
import './api-tokens.css';
import { tokenStatus } from '../../lib/token-status.ts';

const lifetimes = ['30', '90', '365', 'never'] as const;

/** « Jetons d'API »: personal tokens for scripts, limited to chosen contracts and profiles. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  if (session.user.kind !== 'customer') {
    return (
      <MessagePage
        title={t('rights.tokens.title')}
        actions={<ButtonLink to="/mon-compte">{t('rights.account.title')}</ButtonLink>}
      >
        <p>{t('rights.tokens.customersOnly')}</p>
      </MessagePage>
    );
  }
  return (
    <div className="page">
      <PageTitle title={t('rights.tokens.title')} />
      <p className="breadcrumb">
        <ButtonLink to="/mon-compte" variant="ghost">
          ← {t('rights.account.title')}
        </ButtonLink>
      </p>
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('rights.tokens.title')}</h1>
          <p className="page__subtitle">{t('rights.tokens.intro')}</p>
        </div>
      </div>
      {created ? <CreatedToken token={created} onDone={() => setCreated(null)} /> : null}
      <CreateTokenCard onCreated={setCreated} />
      <TokenList />
    </div>
  );
}

function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);
  return (
    <Notice tone="success" isLive title={t('rights.tokens.createdTitle', { name: token.name })}>
      <p>{t('rights.tokens.shownOnce')}</p>
      <div className="token-secret">
        <label htmlFor="created-token" className="field__label">
          {t('rights.tokens.secretLabel')}
        </label>
        <input
          id="created-token"
          type="text"
          readOnly
          className="mono"
          value={token.token}
          onFocus={(event) => event.target.select()}
        />
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(token.token).then(() => setIsCopied(true));
          }}
        >
          {isCopied ? t('rights.tokens.copied') : t('rights.tokens.copy')}
        </Button>
      </div>
      <p className="token-usage">Authorization: Bearer {token.prefix}…</p>
      <Button onClick={onDone}>{t('rights.tokens.savedIt')}</Button>
    </Notice>
  );
}

function CreateTokenCard({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<(typeof lifetimes)[number]>('90');
  const [choices, setChoices] = useState<GrantChoices>({});
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const create = useCreateApiToken();
  const contracts = [...new Set(session.grants.map((grant) => grant.contractId))];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const grants = choicesToGrants(choices);
    const found = new Map<string, string>();
    if (!name.trim()) found.set('name', t('rights.add.required'));
    if (grants.length === 0) found.set('grants', t('rights.tokens.noGrant'));
    setErrors(found);
    if (found.size > 0) return;
    create.mutate(
      {
        name: name.trim(),
        grants,
        expiresInDays: lifetime === 'never' ? null : Number(lifetime),
      },
      {
        onSuccess: (token) => {
          onCreated(token);
          setName('');
          setChoices({});
        },
        onError: (error) => {
          if (isApiError(error))
            setErrors(new Map([['form', error.message || t(`errors.${error.code}`)]]));
        },
      },
    );
  };
  return (
    <Card title={t('rights.tokens.create')} titleId="create-token-title">
      <form onSubmit={onSubmit} noValidate className="tokens-form">
        <p>{t('rights.tokens.perimeter', { perimeter: session.perimeter?.name ?? '' })}</p>
        <div className="form-grid">
          <FormField
            id={fieldId('name')}
            label={t('rights.tokens.name')}
            isRequired
            error={errors.get('name') ?? null}
            hint={t('rights.tokens.nameHint')}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={100}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </FormField>
          <FormField id={fieldId('expiresInDays')} label={t('rights.tokens.lifetime')} isRequired>
            {(control) => (
              <select
                {...control}
                value={lifetime}
                onChange={(event) => setLifetime(event.target.value as (typeof lifetimes)[number])}
              >
                {lifetimes.map((value) => (
                  <option key={value} value={value}>
                    {t(`rights.tokens.lifetimes.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <GrantsGrid
          idPrefix="token"
          caption={t('rights.tokens.gridCaption')}
          contracts={contracts}
          choices={choices}
          ceilings={session.grants}
          onChange={setChoices}
        />
        <p className="field__hint">{t('rights.tokens.ceilingHint')}</p>
        {errors.get('grants') || errors.get('form') ? (
          <Notice tone="error" isLive>
            {errors.get('grants') ?? errors.get('form')}
          </Notice>
        ) : null}
        <div className="form-actions">
          <span className="required-legend">{t('rights.add.requiredLegend')}</span>
          <Button type="submit" variant="primary" isBusy={create.isPending}>
            {t('rights.tokens.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function TokenList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  if (tokens.isPending) return <Loading />;
  if (tokens.isError) {
    return (
      <Notice tone="error" isLive title={t('errors.unavailable')}>
        <Button onClick={() => void tokens.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  if (tokens.data.items.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('rights.tokens.empty')}</p>
      </div>
    );
  }
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="tokens-caption">
      <table className="table">
        <caption id="tokens-caption" className="grants-grid__caption">
          {t('rights.tokens.listTitle')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('rights.tokens.columns.name')}</th>
            <th scope="col">{t('rights.tokens.columns.rights')}</th>
            <th scope="col">{t('rights.tokens.columns.created')}</th>
            <th scope="col">{t('rights.tokens.columns.lastUsed')}</th>
            <th scope="col">{t('rights.tokens.columns.expires')}</th>
            <th scope="col">{t('rights.tokens.columns.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('rights.tokens.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.items.map((token) => {
            const status = tokenStatus(token);
            return (
              <tr key={token.id}>
                <td>
                  {token.name}
                  <span className="table__secondary mono">{token.prefix}…</span>
                </td>
                <td>
                  <span className="table__secondary">{token.perimeter.name}</span>
                  {token.grants.map((grant) => (
                    <span key={`${grant.contractId}:${grant.section}`} className="token-grant">
                      {grant.contractId} · {t(`rights.sections.${grant.section}`)} :{' '}
                      {t(`rights.profiles.${grant.profile}`)}
                    </span>
                  ))}
                </td>
                <td className="nowrap">{formatDate(token.createdAt, locale)}</td>
                <td className="nowrap">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : '—'}
                </td>
                <td className="nowrap">
                  {token.expiresAt ? formatDate(token.expiresAt, locale) : t('rights.tokens.never')}
                </td>
                <td>
                  <Badge tone={status === 'active' ? 'success' : 'muted'}>
                    {t(`rights.tokens.status.${status}`)}
                  </Badge>
                </td>
                <td>
                  {status === 'active' ? (
                    <Button
                      variant="danger"
                      onClick={() => setRevoking(token)}
                      aria-label={t('rights.tokens.revokeOf', { name: token.name })}
                    >
                      {t('rights.tokens.revoke')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        isOpen={revoking !== null}
        tone="danger"
        title={t('rights.tokens.revokeTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('rights.tokens.revoke')}
        cancelLabel={t('common.cancel')}
        isBusy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
        }}
      >
        <p>{t('rights.tokens.revokeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
