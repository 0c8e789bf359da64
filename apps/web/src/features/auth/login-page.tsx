import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SubmitButton } from '../../components/ui/button.tsx';
import { PasswordField } from '../../components/ui/password-field.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { useSession } from '../../lib/session.ts';
import { useLogin } from './auth-api.ts';
import { LoginPanel } from './login-panel.tsx';
import { safeNextPath } from './safe-next-path.ts';
import { SecondFactorForm } from './second-factor-form.tsx';
import { useSsoOffers } from './sso-api.ts';
import { SsoOffers } from './sso-offers.tsx';
import { TwoFactorSetupStep } from './two-factor-setup-step.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const nextPath = safeNextPath(searchParams.get('suite'));
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [secondStep, setSecondStep] = useState<'code' | 'setup' | null>(null);
  const isSecondStep = secondStep !== null;
  const signedIn = () => void navigate(nextPath, { replace: true });
  // 202: a right password, the code from the app (or its setup, a policy's) to come (issue 21)
  const login = useLogin(signedIn, setSecondStep);
  const offers = useSsoOffers(identifier, searchParams.get('sso'));

  if (session.isPending) return <Loading />;
  if (session.data && !login.isPending && !isSecondStep) return <Navigate to={nextPath} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (login.isPending) return;
    login.mutate({ identifier, password });
  };

  // The second step expired: back to the password, asked again.
  const restart = () => {
    setSecondStep(null);
    setPassword('');
    login.reset();
  };

  const error = login.error;
  const ssoRequired = isApiError(error, 'forbidden')
    ? error.details.find((detail) => detail.rule === 'sso_required')?.params?.['name']
    : undefined;
  const errorMessage = !error
    ? null
    : ssoRequired !== undefined
      ? t('sso.required', { name: String(ssoRequired) })
      : isApiError(error, 'invalid_credentials')
        ? t('login.invalidCredentials')
        : isApiError(error, 'rate_limited')
          ? t('errors.rate_limited')
          : isApiError(error, 'validation_failed')
            ? t('login.invalidInput')
            : t('errors.unavailable');

  return (
    <LoginPanel title={t('login.title')}>
      {secondStep === 'setup' ? (
        <TwoFactorSetupStep onSignedIn={signedIn} onRestart={restart} />
      ) : secondStep === 'code' ? (
        <SecondFactorForm onSignedIn={signedIn} onRestart={restart} />
      ) : (
        <>
          <p className="login__intro">{t('login.intro')}</p>
          <SsoOffers offers={offers.data?.offers ?? []} nextPath={nextPath} />
          <FormFeedback error={errorMessage} />
          <form onSubmit={onSubmit} noValidate className="login__form">
            {/* the id stays: tools/page-audit.ts fills the field by it */}
            <TextField
              id="login-email"
              label={t('login.identifier')}
              isRequired
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={identifier}
              onChange={setIdentifier}
              required
            />
            <PasswordField
              id="login-password"
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              required
            />
            <SubmitButton isBusy={login.isPending} className="login__submit">
              {t('login.submit')}
            </SubmitButton>
          </form>
        </>
      )}
    </LoginPanel>
  );
}
