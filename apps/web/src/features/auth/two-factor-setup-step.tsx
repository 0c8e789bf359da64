import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, SubmitButton } from '../../components/ui/button.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { RecoveryCodesNotice, TotpEnrolment } from '../../components/ui/totp-enrolment.tsx';
import { isApiError } from '../../lib/api-client.ts';
import type { SecondStepProps } from './login-panel.tsx';
import { useConfirmSetupAtSignIn, useStartSetupAtSignIn } from './sso-api.ts';

/**
 * A policy requires two-step verification the user has not set up (issue 21): the setup comes
 * right after the password, before anything else; the recovery codes are shown once, then on.
 */
export function TwoFactorSetupStep({ onSignedIn, onRestart }: SecondStepProps) {
  const { t } = useTranslation();
  const setup = useStartSetupAtSignIn();
  const confirm = useConfirmSetupAtSignIn();
  const [code, setCode] = useState('');
  const isExpired =
    isApiError(setup.error, 'unauthenticated') || isApiError(confirm.error, 'unauthenticated');
  if (isExpired)
    return (
      <>
        <Notice tone="error" isLive>
          {t('signIn.secondFactor.expired')}
        </Notice>
        <Button onClick={onRestart}>{t('signIn.secondFactor.restart')}</Button>
      </>
    );
  if (confirm.data)
    return (
      <>
        <RecoveryCodesNotice codes={confirm.data.recoveryCodes} />
        <Button variant="primary" onClick={onSignedIn}>
          {t('sso.setup.continue')}
        </Button>
      </>
    );
  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    if (!confirm.isPending) confirm.mutate(code.replace(/\s/g, ''));
  };
  return (
    <>
      <p className="login__intro">{t('sso.setup.intro')}</p>
      {setup.data ? (
        <form onSubmit={onConfirm} noValidate className="login__form">
          <TotpEnrolment qrCode={setup.data.qrCode} secret={setup.data.secret} />
          <TextField
            id="login-setup-code"
            label={t('signIn.secondFactor.code')}
            isRequired
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={setCode}
            error={
              isApiError(confirm.error, 'validation_failed')
                ? t('signIn.twoFactor.wrongCode')
                : confirm.isError
                  ? t('errors.unavailable')
                  : null
            }
          />
          <SubmitButton isBusy={confirm.isPending} className="login__submit">
            {t('signIn.twoFactor.confirm')}
          </SubmitButton>
        </form>
      ) : (
        <Button variant="primary" isBusy={setup.isPending} onClick={() => setup.mutate()}>
          {t('sso.setup.start')}
        </Button>
      )}
    </>
  );
}
