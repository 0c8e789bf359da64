import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isRoleWithin, operatorRoles } from '@guichet/domain';
import type { OperatorRole } from '@guichet/domain';
import type { CreatedOperatorApiToken, OperatorApiTokenView } from '@guichet/contracts';
import { FormField } from '../../components/ui/form-field.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import {
  CreatedTokenNotice,
  TokenForm,
  TokenTable,
  lifetimeDays,
} from '../../components/ui/token-list.tsx';
import type { TokenLifetime } from '../../components/ui/token-list.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import {
  useCreateOperatorToken,
  useOperatorTokens,
  useRevokeOperatorToken,
} from './operator-accounts-api.ts';
import { operatorErrorText } from './operator-errors.ts';
import './operator-accounts.css';

/** `/back-office/jetons-api`: an operator's personal API tokens (e.g. for the inventory sync). */
export function OperatorTokensPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedOperatorApiToken | null>(null);
  return (
    <div className="page">
      <PageHeader
        title={t('operatorAccounts.tokens.title')}
        subtitle={t('operatorAccounts.tokens.intro')}
      />
      {created ? (
        <CreatedTokenNotice
          texts="operatorAccounts.tokens"
          token={created}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <CreateTokenCard onCreated={setCreated} />
      <TokenList />
    </div>
  );
}

/** An operator's token acts with the operator's role, or a narrower one. */
function CreateTokenCard({ onCreated }: { onCreated: (token: CreatedOperatorApiToken) => void }) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const ownRole = session.user.operatorRole ?? 'agent';
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<TokenLifetime>('90');
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
      { name: name.trim(), expiresInDays: lifetimeDays(lifetime), role: role === '' ? null : role },
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
    <TokenForm
      texts="operatorAccounts.tokens"
      name={name}
      onName={setName}
      nameError={errors.get('name') ?? null}
      lifetime={lifetime}
      onLifetime={setLifetime}
      fields={
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
              onChange={(event) =>
                setRole(operatorRoles.find((value) => value === event.target.value) ?? '')
              }
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
      }
      error={errors.get('form') ?? null}
      requiredLegend={t('operatorAccounts.tokens.requiredLegend')}
      isBusy={create.isPending}
      onSubmit={onSubmit}
    />
  );
}

function TokenList() {
  const { t } = useTranslation();
  return (
    <TokenTable<OperatorApiTokenView>
      texts="operatorAccounts.tokens"
      tokens={useOperatorTokens()}
      loadFailed={t('operatorAccounts.tokens.loadFailed')}
      scope={{
        key: 'role',
        header: t('operatorAccounts.tokens.columns.role'),
        cell: (token) =>
          token.role
            ? t(`operations.layout.roles.${token.role}`)
            : t('operatorAccounts.tokens.followsOwner'),
      }}
      statusLabel={(status) => t(`operatorAccounts.tokens.statuses.${status}`)}
      canRevoke={(status) => status !== 'revoked'}
      revoke={useRevokeOperatorToken()}
      confirmLabel={t('operatorAccounts.tokens.revokeConfirm')}
      cancelLabel={t('operatorAccounts.tokens.cancel')}
    />
  );
}
