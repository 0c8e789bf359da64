import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '@guichet/contracts';
import { ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { PasswordField } from '../../components/ui/password-field.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { NewPasswordFields, useNewPassword } from '../../components/ui/new-password-fields.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
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
  if (!account.isSuccess) {
    return <QueryFallback query={account} loadFailed={t('errors.unavailable')} />;
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

type ContactField = 'firstName' | 'lastName' | 'phone';
type Contact = Record<ContactField, string>;

const contactFields: readonly {
  name: ContactField;
  autoComplete: string;
  type?: 'tel';
  isRequired?: boolean;
}[] = [
  { name: 'firstName', autoComplete: 'given-name', isRequired: true },
  { name: 'lastName', autoComplete: 'family-name', isRequired: true },
  { name: 'phone', autoComplete: 'tel', type: 'tel' },
];

function ContactCard({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const [contact, setContact] = useState<Contact>({
    firstName: account.firstName ?? '',
    lastName: account.lastName ?? '',
    phone: account.phone ?? '',
  });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const update = useUpdateContact();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { firstName, lastName, phone } = contact;
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
          {contactFields.map((field) => (
            <TextField
              key={field.name}
              {...field}
              id={fieldId(field.name)}
              label={t(`rights.add.fields.${field.name}`)}
              error={errors.get(field.name) ?? null}
              value={contact[field.name]}
              onChange={(value) => setContact((current) => ({ ...current, [field.name]: value }))}
            />
          ))}
        </div>
        <FormFeedback success={update.isSuccess ? t('rights.account.contactSaved') : null} />
        <FormActions
          requiredLegend={t('rights.add.requiredLegend')}
          submitLabel={t('rights.account.saveContact')}
          isBusy={update.isPending}
        />
      </form>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const newPassword = useNewPassword();
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const change = useChangePassword();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const isValid = newPassword.submit();
    setServerErrors(new Map());
    if (!current || !isValid) return;
    change.mutate(
      {
        currentPassword: current,
        newPassword: newPassword.password,
        confirmation: newPassword.confirmation,
      },
      {
        onSuccess: () => {
          setCurrent('');
          newPassword.reset();
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
    (newPassword.isSubmitted && !current ? t('rights.add.required') : null);
  return (
    <Card title={t('rights.password.title')} titleId="password-title">
      <form onSubmit={onSubmit} noValidate className="stack-form">
        <PasswordField
          id={fieldId('currentPassword')}
          label={t('rights.password.current')}
          error={currentError}
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
        />
        <NewPasswordFields
          name="newPassword"
          label={t('rights.password.new')}
          state={newPassword}
          rulesId="password-rules"
          passwordError={serverErrors.get('newPassword') ?? null}
          confirmationError={serverErrors.get('confirmation') ?? null}
        />
        <FormFeedback
          success={change.isSuccess ? t('rights.password.changed') : null}
          error={serverErrors.get('form')}
        />
        <FormActions
          requiredLegend={t('rights.add.requiredLegend')}
          submitLabel={t('rights.password.submit')}
          isBusy={change.isPending}
        />
      </form>
    </Card>
  );
}
