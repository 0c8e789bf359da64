import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isRoleWithin, operatorRoles } from '@guichet/domain';
import type { OperatorRole } from '@guichet/domain';
import type { CreatedOperatorApiToken, OperatorApiTokenView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import {
  useCreateOperatorToken,
  useOperatorTokens,
  useRevokeOperatorToken,
} from './operator-accounts-api.ts';
import { operatorErrorText } from './operator-errors.ts';
import './operator-accounts.css';
import { tokenStatus } from '../../lib/token-status.ts';

const lifetimes = ['30', '90', '365', 'never'] as const;

/** `/back-office/jetons-api`: an operator's personal API tokens (e.g. for the inventory sync). */
export function OperatorTokensPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedOperatorApiToken | null>(null);
  return (
    <div className="page">
      <PageTitle title={t('operatorAccounts.tokens.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('operatorAccounts.tokens.title')}</h1>
          <p className="page__subtitle">{t('operatorAccounts.tokens.intro')}</p>
        </div>
      </div>
      {created ? <CreatedToken token={created} onDone={() => setCreated(null)} /> : null}
      <CreateTokenCard onCreated={setCreated} />
      <TokenList />
    </div>
  );
}

function CreatedToken({ token, onDone }: { token: CreatedOperatorApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);
  return (
    <Notice
      tone="success"
      isLive
      title={t('operatorAccounts.tokens.createdTitle', { name: token.name })}
    >
      <p>{t('operatorAccounts.tokens.shownOnce')}</p>
      <div className="operator-tokens__secret">
        <label htmlFor="created-operator-token" className="field__label">
          {t('operatorAccounts.tokens.secretLabel')}
        </label>
        <input
          id="created-operator-token"
          type="text"
          readOnly
          value={token.token}
          onFocus={(event) => event.target.select()}
        />
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(token.token).then(() => setIsCopied(true));
          }}
        >
          {isCopied ? t('operatorAccounts.tokens.copied') : t('operatorAccounts.tokens.copy')}
        </Button>
      </div>
      <p className="operator-tokens__usage">Authorization: Bearer {token.prefix}…</p>
      <Button onClick={onDone}>{t('operatorAccounts.tokens.savedIt')}</Button>
    </Notice>
  );
}

function CreateTokenCard({ onCreated }: { onCreated: (token: CreatedOperatorApiToken) => void }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const ownRole = session.user.operatorRole ?? 'agent';
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<(typeof lifetimes)[number]>('90');
  const [role, setRole] = useState<OperatorRole | ''>('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const create = useCreateOperatorToken();
  const narrower = operatorRoles.filter(
    (candidate) => candidate !== ownRole && isRoleWithin(candidate, ownRole),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors(new Map([['name', t('operatorAccounts.tokens.required')]]));
      document.getElementById(fieldId('name'))?.focus();
      return;
    }
    setErrors(new Map());
    create.mutate(
      {
        name: name.trim(),
        expiresInDays: lifetime === 'never' ? null : Number(lifetime),
        role: role === '' ? null : role,
      },
      {
        onSuccess: (token) => {
          onCreated(token);
          setName('');
          setRole('');
        },
        onError: (error) => setErrors(new Map([['form', operatorErrorText(error, t)]])),
      },
    );
  };
  return (
    <Card title={t('operatorAccounts.tokens.create')} titleId="create-operator-token-title">
      <form onSubmit={onSubmit} noValidate className="operator-tokens__form">
        <div className="form-grid">
          <FormField
            id={fieldId('name')}
            label={t('operatorAccounts.tokens.name')}
            isRequired
            error={errors.get('name') ?? null}
            hint={t('operatorAccounts.tokens.nameHint')}
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
          <FormField
            id={fieldId('expiresInDays')}
            label={t('operatorAccounts.tokens.lifetime')}
            isRequired
          >
            {(control) => (
              <select
                {...control}
                value={lifetime}
                onChange={(event) => setLifetime(event.target.value as (typeof lifetimes)[number])}
              >
                {lifetimes.map((value) => (
                  <option key={value} value={value}>
                    {t(`operatorAccounts.tokens.lifetimes.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id={fieldId('role')}
            label={t('operatorAccounts.tokens.role')}
            isRequired
            hint={t('operatorAccounts.tokens.roleHint')}
          >
            {(control) => (
              <select
                {...control}
                value={role}
                onChange={(event) => setRole(event.target.value as OperatorRole | '')}
              >
                <option value="">
                  {t('operatorAccounts.tokens.ownRole', {
                    role: t(`operations.layout.roles.${ownRole}`),
                  })}
                </option>
                {narrower.map((value) => (
                  <option key={value} value={value}>
                    {t(`operations.layout.roles.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        {errors.get('form') ? (
          <Notice tone="error" isLive>
            {errors.get('form')}
          </Notice>
        ) : null}
        <div className="form-actions">
          <span className="required-legend">{t('operatorAccounts.tokens.requiredLegend')}</span>
          <Button type="submit" variant="primary" isBusy={create.isPending}>
            {t('operatorAccounts.tokens.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function TokenList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const tokens = useOperatorTokens();
  const revoke = useRevokeOperatorToken();
  const [revoking, setRevoking] = useState<OperatorApiTokenView | null>(null);
  if (tokens.isPending) return <Loading />;
  if (tokens.isError) {
    return (
      <Notice tone="error" isLive title={t('operatorAccounts.tokens.loadFailed')}>
        <Button onClick={() => void tokens.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  if (tokens.data.items.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('operatorAccounts.tokens.empty')}</p>
      </div>
    );
  }
  return (
    <div
      className="table-scroll operator-accounts__scroll"
      tabIndex={0}
      role="region"
      aria-labelledby="operator-tokens-caption"
    >
      <table className="table operator-tokens__table">
        <caption id="operator-tokens-caption" className="operator-tokens__caption">
          {t('operatorAccounts.tokens.listTitle')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('operatorAccounts.tokens.columns.name')}</th>
            <th scope="col">{t('operatorAccounts.tokens.columns.role')}</th>
            <th scope="col">{t('operatorAccounts.tokens.columns.created')}</th>
            <th scope="col">{t('operatorAccounts.tokens.columns.lastUsed')}</th>
            <th scope="col">{t('operatorAccounts.tokens.columns.expires')}</th>
            <th scope="col">{t('operatorAccounts.tokens.columns.status')}</th>
            <th scope="col">
              <span className="visually-hidden">
                {t('operatorAccounts.tokens.columns.actions')}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.items.map((token) => {
            const status = tokenStatus(token);
            return (
              <tr key={token.id}>
                <td data-label={t('operatorAccounts.tokens.columns.name')}>
                  {token.name}
                  <span className="table__secondary mono">{token.prefix}…</span>
                </td>
                <td data-label={t('operatorAccounts.tokens.columns.role')}>
                  {token.role
                    ? t(`operations.layout.roles.${token.role}`)
                    : t('operatorAccounts.tokens.followsOwner')}
                </td>
                <td data-label={t('operatorAccounts.tokens.columns.created')} className="nowrap">
                  {formatDate(token.createdAt, locale)}
                </td>
                <td data-label={t('operatorAccounts.tokens.columns.lastUsed')} className="nowrap">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : '—'}
                </td>
                <td data-label={t('operatorAccounts.tokens.columns.expires')} className="nowrap">
                  {token.expiresAt
                    ? formatDate(token.expiresAt, locale)
                    : t('operatorAccounts.tokens.never')}
                </td>
                <td data-label={t('operatorAccounts.tokens.columns.status')}>
                  <Badge
                    tone={
                      status === 'active' ? 'success' : status === 'expired' ? 'warning' : 'muted'
                    }
                  >
                    {t(`operatorAccounts.tokens.statuses.${status}`)}
                  </Badge>
                </td>
                <td data-label={t('operatorAccounts.tokens.columns.actions')}>
                  {status === 'revoked' ? null : (
                    <Button variant="danger" onClick={() => setRevoking(token)}>
                      {t('operatorAccounts.tokens.revoke')}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        isOpen={revoking !== null}
        title={t('operatorAccounts.tokens.revokeTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('operatorAccounts.tokens.revokeConfirm')}
        cancelLabel={t('operatorAccounts.tokens.cancel')}
        tone="danger"
        isBusy={revoke.isPending}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) });
        }}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('operatorAccounts.tokens.revokeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
