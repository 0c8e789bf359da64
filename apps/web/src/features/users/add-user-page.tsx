import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { contractsWith, loginProblem, personName } from '@guichet/domain';
import type { AddUserBody } from '@guichet/contracts';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ErrorSummary } from '../../components/ui/error-summary.tsx';
import type { SummaryItem } from '../../components/ui/error-summary.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { GrantsGrid, choicesToGrants } from '../../components/ui/grants-grid.tsx';
import type { GrantChoices } from '../../components/ui/grants-grid.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { detailMessage, fieldId } from '../../lib/field-errors.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useAddUser } from './users-api.ts';
import { UsersForbidden } from './users-forbidden.tsx';
import './users.css';
import { ofName } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';

type IdentityField = 'login' | 'lastName' | 'firstName' | 'email' | 'phone';
const identityFields: readonly IdentityField[] = [
  'login',
  'lastName',
  'firstName',
  'email',
  'phone',
];
const requiredFields = new Set<IdentityField>(['login', 'lastName', 'firstName', 'email']);

type Identity = Record<IdentityField, string>;

/** What the browser can tell before asking the server (which checks everything again). */
function identityErrors(identity: Identity, t: TFunction) {
  const errors = new Map<string, string>();
  for (const field of identityFields) {
    if (requiredFields.has(field) && identity[field].trim() === '')
      errors.set(field, t('rights.add.required'));
  }
  const login = loginProblem(identity.login);
  if (identity.login !== '' && login !== null) errors.set('login', t(`rights.add.login.${login}`));
  if (identity.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(identity.email.trim()))
    errors.set('email', t('rights.add.emailInvalid'));
  if (identity.phone.trim() !== '' && !/^\+?[0-9][0-9 ().-]{5,29}$/.test(identity.phone.trim()))
    errors.set('phone', t('rights.add.phoneInvalid'));
  return errors;
}

/** « Ajouter un utilisateur », in two steps: identity, then a profile per contract and section. */
export function AddUserPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useAuthenticatedSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const manageable = contractsWith(session.grants, 'users', 'manager');
  const fromContract = searchParams.get('contrat') ?? '';
  const [step, setStep] = useState<1 | 2>(1);
  const [identity, setIdentity] = useState<Identity>({
    login: '',
    lastName: '',
    firstName: '',
    email: '',
    phone: '',
  });
  const [choices, setChoices] = useState<GrantChoices>({});
  const [shownErrors, setShownErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const add = useAddUser();

  if (manageable.length === 0) return <UsersForbidden needsManager />;

  const labels: Record<IdentityField, string> = {
    login: t('rights.add.fields.login'),
    lastName: t('rights.add.fields.lastName'),
    firstName: t('rights.add.fields.firstName'),
    email: t('rights.add.fields.email'),
    phone: t('rights.add.fields.phone'),
  };
  const contracts = [
    ...manageable.filter((id) => id === fromContract),
    ...manageable.filter((id) => id !== fromContract),
  ];

  const goToGrants = (event: FormEvent) => {
    event.preventDefault();
    const errors = identityErrors(identity, t);
    setShownErrors(errors);
    setAttempt((value) => value + 1);
    if (errors.size === 0) setStep(2);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const grants = choicesToGrants(choices);
    setAttempt((value) => value + 1);
    if (grants.length === 0) {
      setShownErrors(new Map([['grants', t('rights.add.noGrant')]]));
      return;
    }
    setShownErrors(new Map());
    const body: AddUserBody = {
      login: identity.login,
      email: identity.email.trim(),
      firstName: identity.firstName.trim(),
      lastName: identity.lastName.trim(),
      phone: identity.phone.trim() || null,
      grants,
    };
    add.mutate(body, {
      onSuccess: (result) => {
        const flash = result.reusedExistingAccount
          ? t('rights.users.addedExisting', { email: result.user.email })
          : t('rights.users.added', { name: result.user.displayName, email: result.user.email });
        void navigate(`/utilisateurs?contrat=${encodeURIComponent(grants[0]?.contractId ?? '')}`, {
          state: { flash },
        });
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        const errors = new Map<string, string>();
        for (const detail of error.details) {
          const message =
            detail.rule === 'login_taken'
              ? t('rights.add.loginTaken')
              : detail.rule === 'operator_email'
                ? t('rights.add.operatorEmail')
                : detailMessage(detail);
          if (!errors.has(detail.path)) errors.set(detail.path, message);
        }
        if (errors.size === 0) errors.set('form', error.message || t(`errors.${error.code}`));
        setShownErrors(errors);
        // Identity problems are fixed on the first step.
        if ([...errors.keys()].some((path) => identityFields.includes(path as IdentityField)))
          setStep(1);
      },
    });
  };

  const summary: SummaryItem[] = [...shownErrors].map(([path, message]) => ({
    path,
    message,
    label: labels[path as IdentityField] ?? undefined,
    hasField: identityFields.includes(path as IdentityField) && step === 1,
  }));
  const gridErrors = new Map<string, string>();
  for (const [path, message] of shownErrors) {
    const match = /^grants\.(\d+)\./.exec(path);
    const grant = match ? choicesToGrants(choices)[Number(match[1])] : undefined;
    if (grant) gridErrors.set(`${grant.contractId}:${grant.section}`, message);
  }

  return (
    <div className="page page--form">
      <PageTitle title={t('rights.add.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('rights.add.title')}</h1>
          {session.perimeter ? (
            <p className="page__subtitle">
              {t('rights.users.subtitle', { perimeter: session.perimeter.name })}
            </p>
          ) : null}
        </div>
      </div>
      <ol className="wizard-steps" aria-label={t('rights.add.steps')}>
        {[1, 2].map((number) => (
          <li
            key={number}
            className="wizard-steps__step"
            aria-current={step === number ? 'step' : undefined}
          >
            {t(`rights.add.step${number as 1 | 2}`)}
          </li>
        ))}
      </ol>
      <ErrorSummary title={t('rights.add.errorsTitle')} items={summary} focusKey={attempt} />
      {step === 1 ? (
        <form onSubmit={goToGrants} noValidate>
          <Card title={t('rights.add.step1')} titleId="identity-title">
            <div className="form-grid">
              {identityFields.map((field) => (
                <TextField
                  key={field}
                  id={fieldId(field)}
                  label={labels[field]}
                  isRequired={requiredFields.has(field)}
                  hint={field === 'login' ? t('rights.add.loginHint') : undefined}
                  error={shownErrors.get(field) ?? null}
                  type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                  autoComplete="off"
                  spellCheck={false}
                  value={identity[field]}
                  onChange={(value) => setIdentity((current) => ({ ...current, [field]: value }))}
                />
              ))}
            </div>
            <p className="required-legend">{t('rights.add.requiredLegend')}</p>
          </Card>
          <FormActions
            start={<ButtonLink to="/utilisateurs">{t('common.cancel')}</ButtonLink>}
            submitLabel={t('rights.add.next')}
          />
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <Card title={t('rights.add.step2')} titleId="grants-title">
            <p>
              {t('rights.add.grantsIntro', {
                name: personName(identity),
                ofName: ofName(personName(identity), locale),
              })}
            </p>
            <GrantsGrid
              idPrefix="add-user"
              caption={t('rights.add.gridCaption')}
              contracts={contracts}
              choices={choices}
              ceilings={session.grants}
              errors={gridErrors}
              onChange={setChoices}
            />
            <p className="field__hint">{t('rights.add.ceilingHint')}</p>
          </Card>
          <FormActions
            start={<Button onClick={() => setStep(1)}>{t('rights.add.previous')}</Button>}
            submitLabel={t('rights.add.submit')}
            isBusy={add.isPending}
          />
        </form>
      )}
    </div>
  );
}
