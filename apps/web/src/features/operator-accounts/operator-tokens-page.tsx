import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRoleWithin, operatorRoles } from '@guichet/domain';
import type { OperatorRole } from '@guichet/domain';
import type { CreatedOperatorApiToken, OperatorApiTokenView } from '@guichet/contracts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { CreatedTokenNotice, TokenForm, TokenTable } from '../../components/ui/token-list.tsx';
import type { TokenDraft } from '../../components/ui/token-list.tsx';
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
  const [role, setRole] = useState<OperatorRole | ''>('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const create = useCreateOperatorToken();
  const roleLabel = (value: OperatorRole) => t(`operations.layout.roles.${value}`);
  const narrower = operatorRoles.filter(
    (candidate) => candidate !== ownRole && isRoleWithin(candidate, ownRole),
  );
  const onSubmit = (draft: TokenDraft, clearName: () => void) => {
    if (!draft.name) {
      setErrors(new Map([['name', t('operatorAccounts.tokens.required')]]));
      document.getElementById(fieldId('name'))?.focus();
      return;
    }
    setErrors(new Map());
    create.mutate(
      { ...draft, role: role === '' ? null : role },
      {
        onSuccess: (token) => {
          onCreated(token);
          clearName();
          setRole('');
        },
        onError: (error) => setErrors(new Map([['form', operatorErrorText(error, t)]])),
      },
    );
  };
  return (
    <TokenForm
      texts="operatorAccounts.tokens"
      nameError={errors.get('name') ?? null}
      fields={
        <SelectField<OperatorRole | ''>
          id={fieldId('role')}
          label={t('operatorAccounts.tokens.role')}
          isRequired
          hint={t('operatorAccounts.tokens.roleHint')}
          value={role}
          options={[
            {
              value: '',
              label: t('operatorAccounts.tokens.ownRole', { role: roleLabel(ownRole) }),
            },
            ...optionsOf(narrower, roleLabel),
          ]}
          onChange={setRole}
        />
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
