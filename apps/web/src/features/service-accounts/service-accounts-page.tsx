import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { operatorRoles } from '@guichet/domain';
import type { Grant, OperatorRole } from '@guichet/domain';
import type {
  CreatedServiceAccountToken,
  ServiceAccountTokenView,
  ServiceAccountView,
} from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { GrantsGrid, choicesToGrants, grantsToChoices } from '../../components/ui/grants-grid.tsx';
import type { GrantChoices } from '../../components/ui/grants-grid.tsx';
import { RotationDialog } from '../../components/ui/overlap-select.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryItems } from '../../components/ui/query-fallback.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import {
  CreatedTokenNotice,
  GrantTags,
  TokenForm,
  TokenTable,
} from '../../components/ui/token-list.tsx';
import type { TokenDraft } from '../../components/ui/token-list.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/field-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import {
  useChangeServiceAccountRights,
  useCreateServiceAccount,
  useDeactivateServiceAccount,
  useIssueServiceAccountToken,
  useRevokeServiceAccountToken,
  useRotateServiceAccountToken,
  useServiceAccounts,
} from './service-accounts-api.ts';
import type { ServiceAccountScope } from './service-accounts-api.ts';
import './service-accounts.css';

/**
 * « Comptes de service » (decision 0031): the provider's in the back-office (a role), a
 * customer's in « Intégrations » (contracts × sections, at most the creator's own).
 */
export function ServiceAccountsPage({ scope }: { scope: ServiceAccountScope }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedServiceAccountToken | null>(null);
  const accounts = useServiceAccounts(scope);
  return (
    <div className="page">
      <PageHeader
        title={t('integrations.serviceAccounts.title')}
        subtitle={t(
          scope === 'provider'
            ? 'integrations.serviceAccounts.introProvider'
            : 'integrations.serviceAccounts.introCustomer',
        )}
      />
      {created ? (
        <CreatedTokenNotice
          texts="integrations.tokens"
          token={created}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <CreateAccountCard scope={scope} onCreated={setCreated} />
      <h2>{t('integrations.serviceAccounts.listTitle')}</h2>
      <QueryItems
        query={accounts}
        loadFailed={t('errors.unavailable')}
        empty={t('integrations.serviceAccounts.empty')}
      >
        {(items) =>
          items.map((account) => (
            <AccountCard key={account.id} scope={scope} account={account} onIssued={setCreated} />
          ))
        }
      </QueryItems>
    </div>
  );
}

/** A provider's account's role, as its creation and « Modifier le rôle » choose it. */
function RoleField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: OperatorRole;
  onChange: (role: OperatorRole) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={t('integrations.serviceAccounts.role')}
      isRequired
      value={value}
      options={optionsOf(operatorRoles, (role) => t(`operations.layout.roles.${role}`))}
      onChange={onChange}
    />
  );
}

/**
 * A customer's account's grants, as its creation and « Modifier les droits » choose them: the
 * contracts whose users the caller manages, each profile at most the caller's own (a profile
 * above it that the account already holds stays shown, and may be kept).
 */
function GrantsEditor({
  idPrefix,
  choices,
  onChange,
  errors,
}: {
  idPrefix: string;
  choices: GrantChoices;
  onChange: (choices: GrantChoices) => void;
  errors?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const managed = [
    ...new Set(
      session.grants
        .filter((grant) => grant.section === 'users' && grant.profile === 'manager')
        .map((grant) => grant.contractId),
    ),
  ];
  return (
    <>
      <GrantsGrid
        idPrefix={idPrefix}
        caption={t('integrations.serviceAccounts.gridCaption')}
        contracts={managed}
        choices={choices}
        ceilings={session.grants}
        onChange={onChange}
        errors={errors}
      />
      <p className="field__hint">{t('integrations.serviceAccounts.ceilingHint')}</p>
    </>
  );
}

/** The rules of a refusal of an account's rights that the page words itself. */
const rightsRules = [
  'beyond_own_profile',
  'not_users_manager',
  'taken_beyond_own_profile',
] as const;
type RightsRule = (typeof rightsRules)[number];
const isRightsRule = (rule: string | undefined): rule is RightsRule =>
  (rightsRules as readonly (string | undefined)[]).includes(rule);

/** A refusal of an account's rights: said once for the form, and on the grid's cells it names. */
interface RightsProblem {
  text: string;
  /** By `contractId:section`, as the grid shows its errors. */
  cells: Map<string, string>;
}

/**
 * The refusal in the interface's words (errorText, decision 0024): each detail of a known rule
 * on the cell of the grant its `grants.N` path names; one naming no grant (a right taken away)
 * is the form's text, else the code's.
 */
function rightsProblem(error: unknown, grants: readonly Grant[], t: TFunction): RightsProblem {
  const cells = new Map<string, string>();
  let text: string | null = null;
  for (const detail of isApiError(error) ? error.details : []) {
    if (!isRightsRule(detail.rule)) continue;
    const words = t(`integrations.serviceAccounts.errors.${detail.rule}`);
    const index = /^grants\.(\d+)\./.exec(detail.path)?.[1];
    const grant = index === undefined ? undefined : grants[Number(index)];
    if (grant) cells.set(`${grant.contractId}:${grant.section}`, words);
    else text ??= words;
  }
  return { text: text ?? errorText(error, t), cells };
}

function CreateAccountCard({
  scope,
  onCreated,
}: {
  scope: ServiceAccountScope;
  onCreated: (token: CreatedServiceAccountToken) => void;
}) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [role, setRole] = useState<OperatorRole>('agent');
  const [choices, setChoices] = useState<GrantChoices>({});
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<RightsProblem | null>(null);
  const create = useCreateServiceAccount(scope);
  const onSubmit = (draft: TokenDraft, clearName: () => void) => {
    const grants = choicesToGrants(choices);
    const found = new Map<string, string>();
    if (!draft.name) found.set('name', t('rights.add.required'));
    if (scope === 'customer' && grants.length === 0) {
      found.set('grants', t('integrations.serviceAccounts.noGrant'));
    }
    setErrors(found);
    setProblem(null);
    if (found.size > 0) return;
    const common = { ...draft, description };
    create.mutate(scope === 'provider' ? { ...common, role } : { ...common, grants }, {
      onSuccess: (result) => {
        onCreated({ ...result.token, name: result.account.name });
        clearName();
        setDescription('');
        setChoices({});
      },
      onError: (error) => setProblem(rightsProblem(error, grants, t)),
    });
  };
  return (
    <TokenForm
      texts="integrations.tokens"
      nameError={errors.get('name') ?? null}
      fields={
        <>
          <TextField
            id="service-account-description"
            label={t('integrations.serviceAccounts.description')}
            maxLength={200}
            value={description}
            onChange={setDescription}
          />
          {scope === 'provider' ? (
            <RoleField id="service-account-role" value={role} onChange={setRole} />
          ) : null}
        </>
      }
      scope={
        scope === 'customer' ? (
          <GrantsEditor
            idPrefix="service-account"
            choices={choices}
            onChange={setChoices}
            errors={problem?.cells}
          />
        ) : null
      }
      error={errors.get('grants') ?? problem?.text ?? null}
      requiredLegend={t('rights.add.requiredLegend')}
      isBusy={create.isPending}
      onSubmit={onSubmit}
    />
  );
}

function AccountCard({
  scope,
  account,
  onIssued,
}: {
  scope: ServiceAccountScope;
  account: ServiceAccountView;
  onIssued: (token: CreatedServiceAccountToken) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [tokenName, setTokenName] = useState('');
  const [isDeactivating, setIsDeactivating] = useState(false);
  const [rotating, setRotating] = useState<ServiceAccountTokenView | null>(null);
  const [isEditing, setIsEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const issue = useIssueServiceAccountToken(scope);
  const rotate = useRotateServiceAccountToken(scope);
  const deactivate = useDeactivateServiceAccount(scope);
  const revoke = useRevokeServiceAccountToken(scope, account.id);
  const isActive = account.deactivatedAt === null;
  const titleId = `service-account-${account.id}`;
  const prefixOf = (id: string | null) =>
    account.tokens.find((token) => token.id === id)?.prefix ?? '';
  return (
    <Card
      className="service-account"
      title={account.name}
      titleId={titleId}
      actions={
        <>
          {account.role ? (
            <Badge tone="info">{t(`operations.layout.roles.${account.role}`)}</Badge>
          ) : null}
          {isActive && !isEditing ? (
            <Button
              aria-label={t(
                scope === 'provider'
                  ? 'integrations.serviceAccounts.editRoleOf'
                  : 'integrations.serviceAccounts.editRightsOf',
                { name: account.name },
              )}
              onClick={() => {
                setSaved(null);
                setIsEditing(true);
              }}
            >
              {t(
                scope === 'provider'
                  ? 'integrations.serviceAccounts.editRole'
                  : 'integrations.serviceAccounts.editRights',
              )}
            </Button>
          ) : null}
          {isActive ? (
            <Button variant="danger" onClick={() => setIsDeactivating(true)}>
              {t('integrations.serviceAccounts.deactivate')}
            </Button>
          ) : (
            <Badge tone="muted">
              {t('integrations.serviceAccounts.deactivated', {
                date: formatDate(account.deactivatedAt ?? '', locale),
              })}
            </Badge>
          )}
        </>
      }
    >
      {account.description ? <p>{account.description}</p> : null}
      <p className="table__secondary">
        {t('integrations.serviceAccounts.createdBy', {
          name: account.createdBy.displayName,
          date: formatDate(account.createdAt, locale),
        })}
      </p>
      {isEditing ? (
        <RightsEditor
          scope={scope}
          account={account}
          onCancel={() => setIsEditing(false)}
          onSaved={() => {
            setIsEditing(false);
            setSaved(
              t(
                scope === 'provider'
                  ? 'integrations.serviceAccounts.roleSaved'
                  : 'integrations.serviceAccounts.rightsSaved',
                { name: account.name },
              ),
            );
          }}
        />
      ) : account.grants.length > 0 ? (
        <p>
          {t('integrations.serviceAccounts.rights')} : <GrantTags grants={account.grants} />
        </p>
      ) : null}
      <FormFeedback success={saved} />
      <TokenTable<ServiceAccountTokenView>
        texts="integrations.tokens"
        tokens={{
          isPending: false,
          isError: false,
          data: { items: account.tokens },
          refetch: () => Promise.resolve(),
        }}
        loadFailed={t('errors.unavailable')}
        scope={{
          key: 'replaces',
          header: t('integrations.tokens.columns.replaces'),
          cell: (token) =>
            token.replacesId
              ? t('integrations.serviceAccounts.replaces', { prefix: prefixOf(token.replacesId) })
              : '—',
        }}
        statusLabel={(status) => t(`integrations.tokens.statuses.${status}`)}
        canRevoke={(status) => status === 'active'}
        revokeLabelOf={(token) => t('integrations.serviceAccounts.revokeOf', { name: token.name })}
        revoke={revoke}
        confirmLabel={t('integrations.tokens.revoke')}
        cancelLabel={t('common.cancel')}
        rowActions={(token, status) =>
          isActive && status === 'active' ? (
            <Button
              onClick={() => setRotating(token)}
              aria-label={t('integrations.serviceAccounts.rotateOf', { name: token.name })}
            >
              {t('integrations.serviceAccounts.rotate')}
            </Button>
          ) : null
        }
      />
      {isActive ? (
        <form
          className="form-actions"
          onSubmit={(event) => {
            event.preventDefault();
            issue.mutate(
              {
                id: account.id,
                body: { name: tokenName.trim() || account.name, expiresInDays: 90 },
              },
              {
                onSuccess: (token) => {
                  onIssued(token);
                  setTokenName('');
                },
              },
            );
          }}
        >
          <TextField
            id={`new-token-${account.id}`}
            label={t('integrations.serviceAccounts.newTokenName')}
            maxLength={100}
            value={tokenName}
            onChange={setTokenName}
          />
          <Button type="submit" isBusy={issue.isPending}>
            {t('integrations.serviceAccounts.newToken')}
          </Button>
        </form>
      ) : null}
      <RotationDialog
        isOpen={rotating !== null}
        title={t('integrations.serviceAccounts.rotateTitle', { name: rotating?.name ?? '' })}
        confirmLabel={t('integrations.serviceAccounts.rotate')}
        body={t('integrations.serviceAccounts.rotateBody')}
        selectId={`rotate-overlap-${account.id}`}
        isBusy={rotate.isPending}
        onCancel={() => setRotating(null)}
        onConfirm={(overlapHours) => {
          if (!rotating) return;
          rotate.mutate(
            { id: account.id, tokenId: rotating.id, body: { overlapHours, expiresInDays: 90 } },
            {
              onSuccess: (token) => onIssued(token),
              onSettled: () => setRotating(null),
            },
          );
        }}
      />
      <ConfirmDialog
        isOpen={isDeactivating}
        tone="danger"
        title={t('integrations.serviceAccounts.deactivateTitle', { name: account.name })}
        confirmLabel={t('integrations.serviceAccounts.deactivate')}
        cancelLabel={t('common.cancel')}
        isBusy={deactivate.isPending}
        onCancel={() => setIsDeactivating(false)}
        onConfirm={() =>
          deactivate.mutate(account.id, { onSettled: () => setIsDeactivating(false) })
        }
      >
        <p>{t('integrations.serviceAccounts.deactivateBody')}</p>
      </ConfirmDialog>
    </Card>
  );
}

/**
 * « Modifier les droits » / « Modifier le rôle »: the editor the creation uses, with the
 * account's rights as they stand; saving replaces them (the list is read again), the tokens
 * keep working with the new ones.
 */
function RightsEditor({
  scope,
  account,
  onCancel,
  onSaved,
}: {
  scope: ServiceAccountScope;
  account: ServiceAccountView;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<OperatorRole>(account.role ?? 'agent');
  const [choices, setChoices] = useState<GrantChoices>(() => grantsToChoices(account.grants));
  const [problem, setProblem] = useState<RightsProblem | null>(null);
  const change = useChangeServiceAccountRights(scope);
  const titleId = `service-account-rights-${account.id}`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const grants = choicesToGrants(choices);
    if (scope === 'customer' && grants.length === 0) {
      setProblem({ text: t('integrations.serviceAccounts.noGrant'), cells: new Map() });
      return;
    }
    setProblem(null);
    change.mutate(
      { id: account.id, body: scope === 'provider' ? { role } : { grants } },
      { onSuccess: onSaved, onError: (error) => setProblem(rightsProblem(error, grants, t)) },
    );
  };
  return (
    <form className="service-account__rights" aria-labelledby={titleId} onSubmit={onSubmit}>
      <h3 id={titleId}>
        {t(
          scope === 'provider'
            ? 'integrations.serviceAccounts.editRoleOf'
            : 'integrations.serviceAccounts.editRightsOf',
          { name: account.name },
        )}
      </h3>
      {scope === 'provider' ? (
        <RoleField id={`service-account-role-${account.id}`} value={role} onChange={setRole} />
      ) : (
        <GrantsEditor
          idPrefix={`service-account-${account.id}`}
          choices={choices}
          onChange={setChoices}
          errors={problem?.cells}
        />
      )}
      <p className="field__hint">{t('integrations.serviceAccounts.editHint')}</p>
      <FormFeedback error={problem?.text ?? null} />
      <FormActions submitLabel={t('integrations.serviceAccounts.save')} isBusy={change.isPending}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </FormActions>
    </form>
  );
}
