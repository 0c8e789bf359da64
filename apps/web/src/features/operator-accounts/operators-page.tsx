import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operatorRoles } from '@guichet/domain';
import type { OperatorRole } from '@guichet/domain';
import type { InviteOperatorBody, OperatorAccountView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { FilterSelect } from '../../components/ui/filter-select.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SelectField, optionsOf } from '../../components/ui/select-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { SearchBox } from '../../components/ui/search-box.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { fieldId } from '../../lib/field-errors.ts';
import { formatDate, formatNumber, ofName } from '../../lib/format.ts';
import { locales, useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useFormValues } from '../../lib/use-form-values.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import {
  useChangeOperatorRole,
  useDeactivateOperator,
  useInviteOperator,
  useOperatorAccounts,
  useReactivateOperator,
} from './operator-accounts-api.ts';
import type { OperatorFilters } from './operator-accounts-api.ts';
import { operatorErrorText } from './operator-errors.ts';
import { EndSessionsButton } from './end-sessions-button.tsx';
import { ResetTwoFactorButton } from './reset-two-factor-button.tsx';
import './operator-accounts.css';

const statusTones: Record<OperatorAccountView['status'], BadgeTone> = {
  invited: 'info',
  active: 'success',
  deactivated: 'muted',
};
const statusFilters = ['', 'active', 'deactivated'] as const;

type Feedback = { tone: 'success' | 'error'; text: string } | null;

/** `/back-office/operateurs`: the operator accounts, for admins. */
export function OperatorsPage() {
  const { t } = useTranslation();
  const { searchParams, setParams } = useUrlParams();
  const filters: OperatorFilters = {
    q: searchParams.get('q')?.trim() ?? '',
    status: statusFilters.find((status) => status === searchParams.get('statut')) ?? '',
  };
  const [isInviting, setIsInviting] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  return (
    <div className="page">
      <PageHeader
        title={t('operatorAccounts.list.title')}
        subtitle={t('operatorAccounts.list.subtitle')}
        actions={
          isInviting ? null : (
            <Button variant="primary" onClick={() => setIsInviting(true)}>
              {t('operatorAccounts.invite.open')}
            </Button>
          )
        }
      />
      {feedback ? (
        <Notice tone={feedback.tone} isLive className="operators__feedback">
          {feedback.text}
        </Notice>
      ) : null}
      {isInviting ? (
        <InviteCard
          onDone={(email) => {
            setIsInviting(false);
            if (email)
              setFeedback({ tone: 'success', text: t('operatorAccounts.invite.sent', { email }) });
          }}
        />
      ) : null}
      <div className="filters">
        <SearchBox
          id="operators-search"
          texts="operatorAccounts.list"
          value={filters.q}
          onSearch={(q) => setParams({ q })}
        />
        <FilterSelect
          id="operators-status"
          label={t('operatorAccounts.list.status')}
          value={filters.status}
          onChange={(value) => setParams({ statut: value })}
          anyLabel={t('operatorAccounts.list.anyStatus')}
          options={[
            { value: 'active', label: t('operatorAccounts.list.activeStatus') },
            { value: 'deactivated', label: t('operatorAccounts.list.deactivatedStatus') },
          ]}
        />
      </div>
      <OperatorTable filters={filters} onFeedback={setFeedback} />
    </div>
  );
}

function InviteCard({ onDone }: { onDone: (email: string | null) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const invite = useInviteOperator();
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const form = useFormValues<InviteOperatorBody>(
    { email: '', firstName: '', lastName: '', role: 'agent', locale },
    (name) =>
      setErrors((current) => {
        const next = new Map(current);
        next.delete(name);
        return next;
      }),
  );
  const body = form.values;
  const fieldOf = (name: keyof InviteOperatorBody) => ({
    label: t(`operatorAccounts.invite.${name}`),
    isRequired: true,
    error: errors.get(name) ?? null,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = new Map<string, string>();
    for (const key of ['email', 'firstName', 'lastName'] as const) {
      if (!body[key].trim()) found.set(key, t('operatorAccounts.invite.required'));
    }
    if (!found.has('email') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email.trim()))
      found.set('email', t('operatorAccounts.invite.invalidEmail'));
    setErrors(found);
    if (found.size > 0) {
      document.getElementById(fieldId([...found.keys()][0] ?? 'email'))?.focus();
      return;
    }
    invite.mutate(body, {
      onSuccess: (created) => onDone(created.email),
      onError: (error) => {
        const next = new Map<string, string>();
        if (isApiError(error)) {
          for (const detail of error.details) {
            const path = detail.path.replace(/^body\./, '');
            if (next.has(path)) continue;
            next.set(
              path,
              detail.rule === 'email_taken'
                ? t('operatorAccounts.invite.emailTaken')
                : path === 'email'
                  ? t('operatorAccounts.invite.invalidEmail')
                  : t('operatorAccounts.invite.required'),
            );
          }
        }
        if (next.size === 0) next.set('form', operatorErrorText(error, t));
        setErrors(next);
        document.getElementById(fieldId([...next.keys()][0] ?? 'email'))?.focus();
      },
    });
  };
  return (
    <Card title={t('operatorAccounts.invite.title')} titleId="invite-operator-title">
      <form onSubmit={onSubmit} noValidate className="operators__invite">
        <p>{t('operatorAccounts.invite.intro')}</p>
        <div className="form-grid">
          <TextField
            {...form.bind('email')}
            {...fieldOf('email')}
            type="email"
            autoComplete="off"
            maxLength={254}
          />
          <TextField {...form.bind('firstName')} {...fieldOf('firstName')} maxLength={100} />
          <TextField {...form.bind('lastName')} {...fieldOf('lastName')} maxLength={100} />
          <SelectField
            {...form.bind('role')}
            {...fieldOf('role')}
            options={optionsOf(operatorRoles, (role) => t(`operations.layout.roles.${role}`))}
          />
          <SelectField
            {...form.bind('locale')}
            {...fieldOf('locale')}
            options={optionsOf(locales, (value) => t(`operatorAccounts.invite.locales.${value}`))}
          />
        </div>
        <FormFeedback error={errors.get('form')} />
        <FormActions
          requiredLegend={t('operatorAccounts.invite.requiredLegend')}
          submitLabel={t('operatorAccounts.invite.submit')}
          isBusy={invite.isPending}
        >
          <Button onClick={() => onDone(null)}>{t('operatorAccounts.invite.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}

function RoleEditor({
  operator,
  onFeedback,
}: {
  operator: OperatorAccountView;
  onFeedback: (feedback: Feedback) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [role, setRole] = useState<OperatorRole>(operator.role);
  const change = useChangeOperatorRole();
  const id = `role-${operator.id}`;
  return (
    <div className="operators__role">
      <label htmlFor={id} className="visually-hidden">
        {t('operatorAccounts.list.roleFor', {
          name: operator.displayName,
          ofName: ofName(operator.displayName, locale),
        })}
      </label>
      <select
        id={id}
        value={role}
        onChange={(event) => setRole(event.target.value as OperatorRole)}
      >
        {operatorRoles.map((value) => (
          <option key={value} value={value}>
            {t(`operations.layout.roles.${value}`)}
          </option>
        ))}
      </select>
      {role !== operator.role ? (
        <Button
          isBusy={change.isPending}
          onClick={() =>
            change.mutate(
              { id: operator.id, role },
              {
                onSuccess: (changed) =>
                  onFeedback({
                    tone: 'success',
                    text: t('operatorAccounts.list.roleChanged', {
                      name: changed.displayName,
                      ofName: ofName(changed.displayName, locale),
                      role: t(`operations.layout.roles.${changed.role}`),
                    }),
                  }),
                onError: (error) => {
                  setRole(operator.role);
                  onFeedback({ tone: 'error', text: operatorErrorText(error, t) });
                },
              },
            )
          }
        >
          {t('operatorAccounts.list.applyRole')}
        </Button>
      ) : null}
    </div>
  );
}

function OperatorTable({
  filters,
  onFeedback,
}: {
  filters: OperatorFilters;
  onFeedback: (feedback: Feedback) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useAuthenticatedSession();
  const list = useOperatorAccounts(filters);
  const deactivate = useDeactivateOperator();
  const reactivate = useReactivateOperator();
  const [confirming, setConfirming] = useState<{
    operator: OperatorAccountView;
    action: 'deactivate' | 'reactivate';
  } | null>(null);
  const mutation = confirming?.action === 'reactivate' ? reactivate : deactivate;
  const onConfirm = () => {
    if (!confirming) return;
    mutation.mutate(confirming.operator.id, {
      onSuccess: () => setConfirming(null),
      onError: (error) => {
        setConfirming(null);
        onFeedback({ tone: 'error', text: operatorErrorText(error, t) });
      },
    });
  };
  const columns: Column<OperatorAccountView>[] = [
    {
      key: 'name',
      header: t('operatorAccounts.list.columns.name'),
      cell: (operator) => (
        <>
          {operator.displayName}
          {operator.id === session.user.id ? (
            <span className="muted"> ({t('operatorAccounts.list.you')})</span>
          ) : null}
          <span className="table__secondary">{operator.email}</span>
        </>
      ),
    },
    {
      key: 'role',
      header: t('operatorAccounts.list.columns.role'),
      // keyed by the role: a changed role starts the editor afresh
      cell: (operator) => (
        <RoleEditor
          key={`${operator.id}:${operator.role}`}
          operator={operator}
          onFeedback={onFeedback}
        />
      ),
    },
    {
      key: 'status',
      header: t('operatorAccounts.list.columns.status'),
      cell: (operator) => (
        <>
          <Badge tone={statusTones[operator.status]}>
            {t(`operatorAccounts.statuses.${operator.status}`)}
          </Badge>
          {operator.deactivatedAt ? (
            <span className="table__secondary">
              {t('operatorAccounts.list.deactivatedOn', {
                date: formatDate(operator.deactivatedAt, locale),
              })}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'since',
      header: t('operatorAccounts.list.columns.since'),
      className: 'nowrap',
      cell: (operator) => formatDate(operator.createdAt, locale),
    },
    {
      key: 'actions',
      header: t('operatorAccounts.list.columns.actions'),
      isHeaderHidden: true,
      cell: (operator) =>
        operator.id === session.user.id ? (
          <span className="table__secondary">{t('operatorAccounts.list.ownAccount')}</span>
        ) : operator.status === 'deactivated' ? (
          <Button onClick={() => setConfirming({ operator, action: 'reactivate' })}>
            {t('operatorAccounts.list.reactivate')}
          </Button>
        ) : (
          <>
            <Button
              variant="danger"
              onClick={() => setConfirming({ operator, action: 'deactivate' })}
            >
              {t('operatorAccounts.list.deactivate')}
            </Button>
            <EndSessionsButton userId={operator.id} name={operator.displayName} />
            <ResetTwoFactorButton userId={operator.id} name={operator.displayName} />
          </>
        ),
    },
  ];
  return (
    <>
      <PagedDataTable
        list={list}
        caption={t('operatorAccounts.list.caption')}
        columns={columns}
        className="operators__table"
        loadFailed={t('operatorAccounts.list.loadFailed')}
        empty={t('operatorAccounts.list.empty')}
        count={(total) =>
          t('operatorAccounts.list.count', { count: total, formatted: formatNumber(total, locale) })
        }
        loadMore={() => t('operatorAccounts.list.more')}
      />
      <ConfirmDialog
        isOpen={confirming !== null}
        title={
          confirming?.action === 'reactivate'
            ? t('operatorAccounts.confirm.reactivateTitle', {
                name: confirming.operator.displayName,
                ofName: ofName(confirming.operator.displayName, locale),
              })
            : t('operatorAccounts.confirm.deactivateTitle', {
                name: confirming?.operator.displayName ?? '',
                ofName: ofName(confirming?.operator.displayName ?? '', locale),
              })
        }
        confirmLabel={
          confirming?.action === 'reactivate'
            ? t('operatorAccounts.confirm.reactivateConfirm')
            : t('operatorAccounts.confirm.deactivateConfirm')
        }
        cancelLabel={t('operatorAccounts.confirm.cancel')}
        tone={confirming?.action === 'reactivate' ? 'primary' : 'danger'}
        isBusy={mutation.isPending}
        onConfirm={onConfirm}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {confirming?.action === 'reactivate'
            ? t('operatorAccounts.confirm.reactivateBody')
            : t('operatorAccounts.confirm.deactivateBody')}
        </p>
      </ConfirmDialog>
    </>
  );
}
