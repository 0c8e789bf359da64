import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { operatorRoles } from '@guichet/domain';
import type { OperatorRole } from '@guichet/domain';
import type { InviteOperatorBody, OperatorAccountView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { fieldId } from '../../lib/field-errors.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
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
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: OperatorFilters = {
    q: searchParams.get('q')?.trim() ?? '',
    status: statusFilters.find((status) => status === searchParams.get('statut')) ?? '',
  };
  const [text, setText] = useState(filters.q);
  const debounced = useDebouncedValue(text, 300);
  const lastPushed = useRef(filters.q);
  useEffect(() => {
    const q = debounced.trim();
    if (q === lastPushed.current) return;
    lastPushed.current = q;
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setSearchParams]);
  const [isInviting, setIsInviting] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  return (
    <div className="page">
      <PageTitle title={t('operatorAccounts.list.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('operatorAccounts.list.title')}</h1>
          <p className="page__subtitle">{t('operatorAccounts.list.subtitle')}</p>
        </div>
        {isInviting ? null : (
          <Button variant="primary" onClick={() => setIsInviting(true)}>
            {t('operatorAccounts.invite.open')}
          </Button>
        )}
      </div>
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
        <form
          role="search"
          className="filters__search"
          onSubmit={(event) => event.preventDefault()}
        >
          <label htmlFor="operators-search" className="field__label">
            {t('operatorAccounts.list.search')}
          </label>
          <input
            id="operators-search"
            type="search"
            value={text}
            placeholder={t('operatorAccounts.list.searchPlaceholder')}
            onChange={(event) => setText(event.target.value)}
          />
        </form>
        <div className="filters__contract">
          <label htmlFor="operators-status" className="field__label">
            {t('operatorAccounts.list.status')}
          </label>
          <select
            id="operators-status"
            value={filters.status}
            onChange={(event) =>
              setSearchParams((current) => {
                const next = new URLSearchParams(current);
                if (event.target.value) next.set('statut', event.target.value);
                else next.delete('statut');
                return next;
              })
            }
          >
            <option value="">{t('operatorAccounts.list.anyStatus')}</option>
            <option value="active">{t('operatorAccounts.list.activeStatus')}</option>
            <option value="deactivated">{t('operatorAccounts.list.deactivatedStatus')}</option>
          </select>
        </div>
      </div>
      <OperatorTable filters={filters} onFeedback={setFeedback} />
    </div>
  );
}

function InviteCard({ onDone }: { onDone: (email: string | null) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const invite = useInviteOperator();
  const [body, setBody] = useState<InviteOperatorBody>({
    email: '',
    firstName: '',
    lastName: '',
    role: 'agent',
    locale,
  });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const set = <K extends keyof InviteOperatorBody>(key: K, value: InviteOperatorBody[K]) => {
    setBody((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      const next = new Map(current);
      next.delete(key);
      return next;
    });
  };
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
          <FormField
            id={fieldId('email')}
            label={t('operatorAccounts.invite.email')}
            isRequired
            error={errors.get('email') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="email"
                autoComplete="off"
                maxLength={254}
                value={body.email}
                onChange={(event) => set('email', event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={fieldId('firstName')}
            label={t('operatorAccounts.invite.firstName')}
            isRequired
            error={errors.get('firstName') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={100}
                value={body.firstName}
                onChange={(event) => set('firstName', event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={fieldId('lastName')}
            label={t('operatorAccounts.invite.lastName')}
            isRequired
            error={errors.get('lastName') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={100}
                value={body.lastName}
                onChange={(event) => set('lastName', event.target.value)}
              />
            )}
          </FormField>
          <FormField id={fieldId('role')} label={t('operatorAccounts.invite.role')} isRequired>
            {(control) => (
              <select
                {...control}
                value={body.role}
                onChange={(event) => set('role', event.target.value as OperatorRole)}
              >
                {operatorRoles.map((role) => (
                  <option key={role} value={role}>
                    {t(`operations.layout.roles.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={fieldId('locale')} label={t('operatorAccounts.invite.locale')} isRequired>
            {(control) => (
              <select
                {...control}
                value={body.locale}
                onChange={(event) => set('locale', event.target.value === 'en' ? 'en' : 'fr')}
              >
                <option value="fr">{t('operatorAccounts.invite.locales.fr')}</option>
                <option value="en">{t('operatorAccounts.invite.locales.en')}</option>
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
          <span className="required-legend">{t('operatorAccounts.invite.requiredLegend')}</span>
          <Button onClick={() => onDone(null)}>{t('operatorAccounts.invite.cancel')}</Button>
          <Button type="submit" variant="primary" isBusy={invite.isPending}>
            {t('operatorAccounts.invite.submit')}
          </Button>
        </div>
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
  const [role, setRole] = useState<OperatorRole>(operator.role);
  const change = useChangeOperatorRole();
  const id = `role-${operator.id}`;
  return (
    <div className="operators__role">
      <label htmlFor={id} className="visually-hidden">
        {t('operatorAccounts.list.roleFor', { name: operator.displayName })}
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
  if (list.isPending) return <Loading />;
  if (list.isError) {
    return (
      <Notice tone="error" isLive title={t('operatorAccounts.list.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const rows = list.data.pages.flatMap((page) => page.items);
  const total = list.data.pages[0]?.total ?? 0;
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('operatorAccounts.list.empty')}</p>
      </div>
    );
  }
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
  return (
    <div className="table-block" aria-busy={list.isFetching || undefined}>
      <p className="table-block__count" role="status">
        {t('operatorAccounts.list.count', {
          count: total,
          formatted: formatNumber(total, locale),
        })}
      </p>
      <div
        className="table-scroll operator-accounts__scroll"
        tabIndex={0}
        role="region"
        aria-labelledby="operators-caption"
      >
        <table className="table operators__table">
          <caption id="operators-caption" className="visually-hidden">
            {t('operatorAccounts.list.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('operatorAccounts.list.columns.name')}</th>
              <th scope="col">{t('operatorAccounts.list.columns.role')}</th>
              <th scope="col">{t('operatorAccounts.list.columns.status')}</th>
              <th scope="col">{t('operatorAccounts.list.columns.since')}</th>
              <th scope="col">
                <span className="visually-hidden">
                  {t('operatorAccounts.list.columns.actions')}
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((operator) => {
              const isSelf = operator.id === session.user.id;
              return (
                <tr key={operator.id}>
                  <td data-label={t('operatorAccounts.list.columns.name')}>
                    {operator.displayName}
                    {isSelf ? (
                      <span className="muted"> ({t('operatorAccounts.list.you')})</span>
                    ) : null}
                    <span className="table__secondary">{operator.email}</span>
                  </td>
                  <td data-label={t('operatorAccounts.list.columns.role')}>
                    {/* keyed by the role: a changed role starts the editor afresh */}
                    <RoleEditor
                      key={`${operator.id}:${operator.role}`}
                      operator={operator}
                      onFeedback={onFeedback}
                    />
                  </td>
                  <td data-label={t('operatorAccounts.list.columns.status')}>
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
                  </td>
                  <td data-label={t('operatorAccounts.list.columns.since')} className="nowrap">
                    {formatDate(operator.createdAt, locale)}
                  </td>
                  <td data-label={t('operatorAccounts.list.columns.actions')}>
                    {isSelf ? (
                      <span className="table__secondary">
                        {t('operatorAccounts.list.ownAccount')}
                      </span>
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
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {list.hasNextPage ? (
        <Button isBusy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('operatorAccounts.list.more')}
        </Button>
      ) : null}
      <ConfirmDialog
        isOpen={confirming !== null}
        title={
          confirming?.action === 'reactivate'
            ? t('operatorAccounts.confirm.reactivateTitle', {
                name: confirming.operator.displayName,
              })
            : t('operatorAccounts.confirm.deactivateTitle', {
                name: confirming?.operator.displayName ?? '',
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
    </div>
  );
}
