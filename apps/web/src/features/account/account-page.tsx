import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblems } from '@guichet/domain';
import type { AccountView } from '@guichet/contracts';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { LoadFailedNotice } from '../../components/ui/load-failed-notice.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { NewPasswordFields } from '../../components/ui/new-password-fields.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { detailMessage, fieldId } from '../../lib/field-errors.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useAccount, useChangePassword, useUpdateContact } from './account-api.ts';
import { OpenSessionsCard } from './open-sessions-card.tsx';
import { TwoFactorCard } from './two-factor-card.tsx';
import './account.css';

/** « Mon compte »: who I am, my contact details, my password, my API tokens. */
export function AccountPage() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const account = useAccount();
  if (account.isPending) return <Loading />;
  if (account.isError) {
    return <LoadFailedNotice title={t('errors.unavailable')} onRetry={account.refetch} />;
  }
  return (
    <div className="page page--narrow">
      <PageHeader
        title={t('rights.account.title')}
        subtitle={account.data.email}
        actions={
          session.user.kind === 'customer' ? (
            <ButtonLink to="/mon-compte/jetons-api">{t('rights.tokens.title')}</ButtonLink>
          ) : null
        }
      />
      <ContactCard account={account.data} />
      <PasswordCard />
      <TwoFactorCard />
      <OpenSessionsCard />
    </div>
  );
}

function ContactCard({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const [firstName, setFirstName] = useState(account.firstName ?? '');
  const [lastName, setLastName] = useState(account.lastName ?? '');
  const [phone, setPhone] = useState(account.phone ?? '');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const update = useUpdateContact();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (!firstName.trim()) found.set('firstName', t('rights.add.required'));
    if (!lastName.trim()) found.set('lastName', t('rights.add.required'));
    if (phone.trim() && !/^\+?[0-9][0-9 ().-]{5,29}$/.test(phone.trim()))
      found.set('phone', t('rights.add.phoneInvalid'));
    setErrors(found);
    if (found.size > 0) return;
    update.mutate(
      { firstName, lastName, phone: phone.trim() || null },
      {
        onError: (error) => {
          if (!isApiError(error)) return;
          setErrors(new Map(error.details.map((detail) => [detail.path, detailMessage(detail)])));
        },
      },
    );
  };
  return (
    <Card title={t('rights.account.contact')} titleId="contact-title">
      <dl className="account-identity">
        <dt>{t('rights.add.fields.login')}</dt>
        <dd className="mono">{account.login ?? '—'}</dd>
        <dt>{t('rights.add.fields.email')}</dt>
        <dd>{account.email}</dd>
      </dl>
      <form onSubmit={onSubmit} noValidate className="stack-form">
        <div className="form-grid">
          <FormField
            id={fieldId('firstName')}
            label={t('rights.add.fields.firstName')}
            isRequired
            error={errors.get('firstName') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="given-name"
                value={firstName}
                onChange={(event) => setFirstName(event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={fieldId('lastName')}
            label={t('rights.add.fields.lastName')}
            isRequired
            error={errors.get('lastName') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="family-name"
                value={lastName}
                onChange={(event) => setLastName(event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={fieldId('phone')}
            label={t('rights.add.fields.phone')}
            error={errors.get('phone') ?? null}
          >
            {(control) => (
              <input
                {...control}
                type="tel"
                autoComplete="tel"
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
              />
            )}
          </FormField>
        </div>
        {update.isSuccess ? (
          <Notice tone="success" isLive>
            {t('rights.account.contactSaved')}
          </Notice>
        ) : null}
        <div className="form-actions">
          <span className="required-legend">{t('rights.add.requiredLegend')}</span>
          <Button type="submit" variant="primary" isBusy={update.isPending}>
            {t('rights.account.saveContact')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const change = useChangePassword();
  const problems = passwordProblems(next, confirmation);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    setServerErrors(new Map());
    if (!current || problems.length > 0) return;
    change.mutate(
      { currentPassword: current, newPassword: next, confirmation },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirmation('');
          setIsSubmitted(false);
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const found = new Map<string, string>();
          for (const detail of error.details)
            found.set(
              detail.path,
              detail.rule === 'current_password'
                ? t('rights.password.currentWrong')
                : t('rights.password.breaksRules'),
            );
          if (found.size === 0) found.set('form', t(`errors.${error.code}`));
          setServerErrors(found);
        },
      },
    );
  };
  const currentError =
    serverErrors.get('currentPassword') ??
    (isSubmitted && !current ? t('rights.add.required') : null);
  return (
    <Card title={t('rights.password.title')} titleId="password-title">
      <form onSubmit={onSubmit} noValidate className="stack-form">
        <FormField
          id={fieldId('currentPassword')}
          label={t('rights.password.current')}
          isRequired
          error={currentError}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(event) => setCurrent(event.target.value)}
            />
          )}
        </FormField>
        <NewPasswordFields
          name="newPassword"
          label={t('rights.password.new')}
          password={next}
          confirmation={confirmation}
          onPassword={setNext}
          onConfirmation={setConfirmation}
          isSubmitted={isSubmitted}
          rulesId="password-rules"
          passwordError={serverErrors.get('newPassword') ?? null}
          confirmationError={serverErrors.get('confirmation') ?? null}
        />
        {change.isSuccess ? (
          <Notice tone="success" isLive>
            {t('rights.password.changed')}
          </Notice>
        ) : null}
        {serverErrors.get('form') ? (
          <Notice tone="error" isLive>
            {serverErrors.get('form')}
          </Notice>
        ) : null}
        <div className="form-actions">
          <span className="required-legend">{t('rights.add.requiredLegend')}</span>
          <Button type="submit" variant="primary" isBusy={change.isPending}>
            {t('rights.password.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
