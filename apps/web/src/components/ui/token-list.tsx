import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../lib/field-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { tokenStatus } from '../../lib/token-status.ts';
import type { TokenStatus } from '../../lib/token-status.ts';
import { Badge } from './badge.tsx';
import type { BadgeTone } from './badge.tsx';
import { Button } from './button.tsx';
import { Card } from './card.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { DataTable, EmptyState } from './data-table.tsx';
import { LoadFailedNotice } from './load-failed-notice.tsx';
import type { Column } from './data-table.tsx';
import { FormField } from './form-field.tsx';
import { Loading } from './loading.tsx';
import { Notice } from './notice.tsx';
import './token-list.css';

/**
 * The customer's « Jetons d'API » and the operator's « Mes jetons API » say the same things
 * under their own keys: the shared parts take the dictionary branch they read.
 */
export type TokenTexts = 'rights.tokens' | 'operatorAccounts.tokens' | 'integrations.tokens';
/** A secret shown once: a token's, or a webhook's signing secret (`integrations.secret`). */
export type SecretTexts = TokenTexts | 'integrations.secret';

/** What both token lists show of a token. */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const statusTones: Record<TokenStatus, BadgeTone> = {
  active: 'success',
  expired: 'warning',
  revoked: 'muted',
};

/** The secret, shown once right after the creation, with a copy button. */
export function CreatedTokenNotice({
  texts,
  token,
  onDone,
  usage,
}: {
  texts: SecretTexts;
  token: { name: string; token: string; prefix: string };
  onDone: () => void;
  /** How the secret is used; a token's `Authorization: Bearer` header unless told. */
  usage?: ReactNode;
}) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);
  const inputId = `created-token-${texts.replace('.', '-')}`;
  return (
    <Notice tone="success" isLive title={t(`${texts}.createdTitle`, { name: token.name })}>
      <p>{t(`${texts}.shownOnce`)}</p>
      <div className="token-secret">
        <label htmlFor={inputId} className="field__label">
          {t(`${texts}.secretLabel`)}
        </label>
        <input
          id={inputId}
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
          {isCopied ? t(`${texts}.copied`) : t(`${texts}.copy`)}
        </Button>
      </div>
      {usage ?? <p className="token-usage">Authorization: Bearer {token.prefix}…</p>}
      <Button onClick={onDone}>{t(`${texts}.savedIt`)}</Button>
    </Notice>
  );
}

export const tokenLifetimes = ['30', '90', '365', 'never'] as const;
export type TokenLifetime = (typeof tokenLifetimes)[number];

export function lifetimeDays(lifetime: TokenLifetime): number | null {
  return lifetime === 'never' ? null : Number(lifetime);
}

interface TokenFormProps {
  texts: TokenTexts;
  name: string;
  onName: (name: string) => void;
  nameError: string | null;
  lifetime: TokenLifetime;
  onLifetime: (lifetime: TokenLifetime) => void;
  /** Above the fields (the perimeter the token acts on). */
  intro?: ReactNode;
  /** More fields in the grid (the operator token's role). */
  fields?: ReactNode;
  /** Under the grid (the customer token's rights per contract). */
  scope?: ReactNode;
  error: string | null;
  requiredLegend: string;
  isBusy: boolean;
  onSubmit: (event: FormEvent) => void;
}

/** « Créer un jeton »: its name and lifetime, and what it may do (the page's part). */
export function TokenForm({
  texts,
  name,
  onName,
  nameError,
  lifetime,
  onLifetime,
  intro,
  fields,
  scope,
  error,
  requiredLegend,
  isBusy,
  onSubmit,
}: TokenFormProps) {
  const { t } = useTranslation();
  return (
    <Card title={t(`${texts}.create`)} titleId={`create-token-title-${texts.split('.')[0]}`}>
      <form onSubmit={onSubmit} noValidate className="token-form">
        {intro}
        <div className="form-grid">
          <FormField
            id={fieldId('name')}
            label={t(`${texts}.name`)}
            isRequired
            error={nameError}
            hint={t(`${texts}.nameHint`)}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={100}
                value={name}
                onChange={(event) => onName(event.target.value)}
              />
            )}
          </FormField>
          <FormField id={fieldId('expiresInDays')} label={t(`${texts}.lifetime`)} isRequired>
            {(control) => (
              <select
                {...control}
                value={lifetime}
                onChange={(event) =>
                  onLifetime(tokenLifetimes.find((value) => value === event.target.value) ?? '90')
                }
              >
                {tokenLifetimes.map((value) => (
                  <option key={value} value={value}>
                    {t(`${texts}.lifetimes.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {fields}
        </div>
        {scope}
        {error ? (
          <Notice tone="error" isLive>
            {error}
          </Notice>
        ) : null}
        <div className="form-actions">
          <span className="required-legend">{requiredLegend}</span>
          <Button type="submit" variant="primary" isBusy={isBusy}>
            {t(`${texts}.submit`)}
          </Button>
        </div>
      </form>
    </Card>
  );
}

interface TokenTableProps<Token extends TokenRow> {
  texts: TokenTexts;
  tokens: {
    isPending: boolean;
    isError: boolean;
    data?: { items: readonly Token[] } | undefined;
    refetch: () => Promise<unknown>;
  };
  loadFailed: string;
  /** What the token may do: the customer's rights per contract, the operator's role. */
  scope: Column<Token>;
  statusLabel: (status: TokenStatus) => string;
  /** The customer revokes an active token; the operator an expired one too. */
  canRevoke: (status: TokenStatus) => boolean;
  /** The revoke button's name when its text alone says too little. */
  revokeLabelOf?: (token: Token) => string;
  revoke: {
    isPending: boolean;
    mutate: (id: string, options: { onSettled: () => void }) => void;
  };
  confirmLabel: string;
  cancelLabel: string;
  /** More columns after the status (a service account's token's rotation). */
  extraColumns?: readonly Column<Token>[];
  /** Buttons before « Révoquer » (« Renouveler »). */
  rowActions?: (token: Token, status: TokenStatus) => ReactNode;
}

/** The list of one's tokens, and « Révoquer » behind a confirmation. */
export function TokenTable<Token extends TokenRow>({
  texts,
  tokens,
  loadFailed,
  scope,
  statusLabel,
  canRevoke,
  revokeLabelOf,
  revoke,
  confirmLabel,
  cancelLabel,
  extraColumns = [],
  rowActions,
}: TokenTableProps<Token>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [revoking, setRevoking] = useState<Token | null>(null);
  if (tokens.isPending) return <Loading />;
  if (tokens.isError || !tokens.data) {
    return <LoadFailedNotice title={loadFailed} onRetry={tokens.refetch} />;
  }
  if (tokens.data.items.length === 0) {
    return (
      <EmptyState>
        <p>{t(`${texts}.empty`)}</p>
      </EmptyState>
    );
  }
  const columns: Column<Token>[] = [
    {
      key: 'name',
      header: t(`${texts}.columns.name`),
      cell: (token) => (
        <>
          {token.name}
          <span className="table__secondary mono">{token.prefix}…</span>
        </>
      ),
    },
    scope,
    {
      key: 'created',
      header: t(`${texts}.columns.created`),
      className: 'nowrap',
      cell: (token) => formatDate(token.createdAt, locale),
    },
    {
      key: 'lastUsed',
      header: t(`${texts}.columns.lastUsed`),
      className: 'nowrap',
      cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : '—'),
    },
    {
      key: 'expires',
      header: t(`${texts}.columns.expires`),
      className: 'nowrap',
      cell: (token) =>
        token.expiresAt ? formatDate(token.expiresAt, locale) : t(`${texts}.never`),
    },
    {
      key: 'status',
      header: t(`${texts}.columns.status`),
      cell: (token) => {
        const status = tokenStatus(token);
        return <Badge tone={statusTones[status]}>{statusLabel(status)}</Badge>;
      },
    },
    ...extraColumns,
    {
      key: 'actions',
      header: t(`${texts}.columns.actions`),
      isHeaderHidden: true,
      cell: (token) => (
        <>
          {rowActions?.(token, tokenStatus(token))}
          {canRevoke(tokenStatus(token)) ? (
            <Button
              variant="danger"
              onClick={() => setRevoking(token)}
              aria-label={revokeLabelOf?.(token)}
            >
              {t(`${texts}.revoke`)}
            </Button>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <>
      <DataTable
        caption={t(`${texts}.listTitle`)}
        isCaptionShown
        columns={columns}
        rows={tokens.data.items}
        rowKey={(token) => token.id}
      />
      <ConfirmDialog
        isOpen={revoking !== null}
        tone="danger"
        title={t(`${texts}.revokeTitle`, { name: revoking?.name ?? '' })}
        confirmLabel={confirmLabel}
        cancelLabel={cancelLabel}
        isBusy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) });
        }}
      >
        <p>{t(`${texts}.revokeBody`)}</p>
      </ConfirmDialog>
    </>
  );
}
