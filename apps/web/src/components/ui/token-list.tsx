import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grant } from '@guichet/domain';
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
import { DataTable } from './data-table.tsx';
import type { Column } from './data-table.tsx';
import { FormActions } from './form-actions.tsx';
import { FormFeedback } from './form-feedback.tsx';
import { Notice } from './notice.tsx';
import { QueryItems } from './query-fallback.tsx';
import type { ItemsQuery } from './query-fallback.tsx';
import { SelectField, optionsOf } from './select-field.tsx';
import { TextField } from './text-field.tsx';
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

/** « CT-001 · Demandes : Lecteur », one tag per right. */
export function GrantTags({ grants }: { grants: readonly Grant[] }) {
  const { t } = useTranslation();
  return grants.map((grant) => (
    <span key={`${grant.contractId}:${grant.section}`} className="token-grant">
      {grant.contractId} · {t(`rights.sections.${grant.section}`)} :{' '}
      {t(`rights.profiles.${grant.profile}`)}
    </span>
  ));
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

const tokenLifetimes = ['30', '90', '365', 'never'] as const;
type TokenLifetime = (typeof tokenLifetimes)[number];

/** What every new token is given: its name (trimmed) and its lifetime (`null`: never expires). */
export interface TokenDraft {
  name: string;
  expiresInDays: number | null;
}

interface TokenFormProps {
  texts: TokenTexts;
  /** Above the fields (the perimeter the token acts on). */
  intro?: ReactNode;
  /** More fields in the grid (the operator token's role). */
  fields?: ReactNode;
  /** Under the grid (the customer token's rights per contract). */
  scope?: ReactNode;
  nameError: string | null;
  error: string | null;
  requiredLegend: string;
  isBusy: boolean;
  /** The page checks and creates; `clearName` empties the name once created. */
  onSubmit: (draft: TokenDraft, clearName: () => void) => void;
}

/** « Créer un jeton »: its name and lifetime, and what it may do (the page's part). */
export function TokenForm({
  texts,
  intro,
  fields,
  scope,
  nameError,
  error,
  requiredLegend,
  isBusy,
  onSubmit,
}: TokenFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<TokenLifetime>('90');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresInDays = lifetime === 'never' ? null : Number(lifetime);
    onSubmit({ name: name.trim(), expiresInDays }, () => setName(''));
  };
  return (
    <Card title={t(`${texts}.create`)} titleId={`create-token-title-${texts.split('.')[0]}`}>
      <form onSubmit={submit} noValidate className="token-form">
        {intro}
        <div className="form-grid">
          <TextField
            id={fieldId('name')}
            label={t(`${texts}.name`)}
            isRequired
            error={nameError}
            hint={t(`${texts}.nameHint`)}
            maxLength={100}
            value={name}
            onChange={setName}
          />
          <SelectField
            id={fieldId('expiresInDays')}
            label={t(`${texts}.lifetime`)}
            isRequired
            value={lifetime}
            options={optionsOf(tokenLifetimes, (value) => t(`${texts}.lifetimes.${value}`))}
            onChange={setLifetime}
          />
          {fields}
        </div>
        {scope}
        <FormFeedback error={error} />
        <FormActions
          requiredLegend={requiredLegend}
          submitLabel={t(`${texts}.submit`)}
          isBusy={isBusy}
        />
      </form>
    </Card>
  );
}

interface TokenTableProps<Token extends TokenRow> {
  texts: TokenTexts;
  tokens: ItemsQuery<Token>;
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
      <QueryItems query={tokens} loadFailed={loadFailed} empty={t(`${texts}.empty`)}>
        {(rows) => (
          <DataTable
            caption={t(`${texts}.listTitle`)}
            isCaptionShown
            columns={columns}
            rows={rows}
            rowKey={(token) => token.id}
          />
        )}
      </QueryItems>
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
