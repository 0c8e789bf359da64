import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, SubmitButton } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { isApiError } from '../../lib/api-client.ts';
import type { SecondStepProps } from './login-panel.tsx';
import { useSecondFactor } from './auth-api.ts';

/** The second step of a sign-in (issue 21): a code from the app, or one recovery code. */
export function SecondFactorForm({ onSignedIn, onRestart }: SecondStepProps) {
  const { t } = useTranslation();
  const [isRecovery, setIsRecovery] = useState(false);
  const [value, setValue] = useState('');
  const submit = useSecondFactor(onSignedIn);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (submit.isPending) return;
    const trimmed = value.trim();
    submit.mutate(isRecovery ? { recoveryCode: trimmed } : { code: trimmed.replace(/\s/g, '') });
  };
  const error = submit.error;
  const isExpired = isApiError(error, 'unauthenticated');
  const errorMessage = !error
    ? null
    : isApiError(error, 'invalid_credentials') || isApiError(error, 'validation_failed')
      ? t('signIn.secondFactor.wrongCode')
      : isApiError(error, 'rate_limited')
        ? t('errors.rate_limited')
        : isExpired
          ? t('signIn.secondFactor.expired')
          : t('errors.unavailable');
  return (
    <>
      <p className="login__intro">
        {isRecovery ? t('signIn.secondFactor.recoveryIntro') : t('signIn.secondFactor.intro')}
      </p>
      <FormFeedback error={errorMessage} />
      {isExpired ? (
        <Button onClick={onRestart}>{t('signIn.secondFactor.restart')}</Button>
      ) : (
        <form onSubmit={onSubmit} noValidate className="login__form">
          <TextField
            id="login-second-factor"
            label={
              isRecovery ? t('signIn.secondFactor.recoveryCode') : t('signIn.secondFactor.code')
            }
            isRequired
            name={isRecovery ? 'recovery-code' : 'one-time-code'}
            inputMode={isRecovery ? 'text' : 'numeric'}
            autoComplete={isRecovery ? 'off' : 'one-time-code'}
            autoCapitalize="none"
            spellCheck={false}
            value={value}
            onChange={setValue}
            required
          />
          <SubmitButton isBusy={submit.isPending} className="login__submit">
            {t('signIn.secondFactor.submit')}
          </SubmitButton>
          <Button
            variant="ghost"
            onClick={() => {
              setIsRecovery(!isRecovery);
              setValue('');
              submit.reset();
            }}
          >
            {isRecovery ? t('signIn.secondFactor.useApp') : t('signIn.secondFactor.useRecovery')}
          </Button>
        </form>
      )}
    </>
  );
}
