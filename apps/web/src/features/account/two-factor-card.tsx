import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { RecoveryCodesNotice, TotpEnrolment } from '../../components/ui/totp-enrolment.tsx';
import { isApiError } from '../../lib/api-client.ts';
import {
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useStartTwoFactorSetup,
  useTwoFactorStatus,
} from './sessions-api.ts';

/** « Mon compte »: two-step verification with an authenticator app (TOTP, issue 21). */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const status = useTwoFactorStatus();
  const setup = useStartTwoFactorSetup();
  const confirm = useConfirmTwoFactor();
  const disable = useDisableTwoFactor();
  const [code, setCode] = useState('');
  const [isDisabling, setIsDisabling] = useState(false);
  const codeError =
    isApiError(confirm.error, 'validation_failed') || isApiError(disable.error, 'validation_failed')
      ? t('signIn.twoFactor.wrongCode')
      : confirm.isError || disable.isError
        ? t('errors.unavailable')
        : null;
  const codeField = (
    <FormField
      id="two-factor-code"
      label={t('signIn.secondFactor.code')}
      isRequired
      error={codeError}
    >
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      )}
    </FormField>
  );
  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''), {
      onSuccess: () => {
        setCode('');
        setup.reset();
      },
    });
  };
  const onDisable = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate(code.replace(/\s/g, ''), {
      onSuccess: () => {
        setCode('');
        setIsDisabling(false);
        confirm.reset();
      },
    });
  };
  return (
    <Card title={t('signIn.twoFactor.title')} titleId="two-factor-title">
      {status.isPending ? <Loading /> : null}
      {status.isError ? (
        <Notice tone="error" isLive>
          {t('errors.unavailable')}
        </Notice>
      ) : null}
      {confirm.data ? <RecoveryCodesNotice codes={confirm.data.recoveryCodes} /> : null}
      {status.data?.isEnabled ? (
        <>
          <p>{t('signIn.twoFactor.on')}</p>
          <p>{t('signIn.twoFactor.recoveryLeft', { count: status.data.recoveryCodesLeft })}</p>
          {isDisabling ? (
            <form onSubmit={onDisable} noValidate className="stack-form">
              <p>{t('signIn.twoFactor.disableIntro')}</p>
              {codeField}
              <div>
                <Button type="submit" variant="danger" isBusy={disable.isPending}>
                  {t('signIn.twoFactor.disable')}
                </Button>
              </div>
            </form>
          ) : (
            <Button onClick={() => setIsDisabling(true)}>{t('signIn.twoFactor.disable')}</Button>
          )}
        </>
      ) : status.data ? (
        <>
          <p>{t('signIn.twoFactor.off')}</p>
          {setup.data ? (
            <form onSubmit={onConfirm} noValidate className="stack-form">
              <TotpEnrolment qrCode={setup.data.qrCode} secret={setup.data.secret} />
              {codeField}
              <div>
                <Button type="submit" variant="primary" isBusy={confirm.isPending}>
                  {t('signIn.twoFactor.confirm')}
                </Button>
              </div>
            </form>
          ) : (
            <Button variant="primary" isBusy={setup.isPending} onClick={() => setup.mutate()}>
              {t('signIn.twoFactor.start')}
            </Button>
          )}
          {setup.isError ? (
            <Notice tone="error" isLive>
              {t('errors.unavailable')}
            </Notice>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
