import { useTranslation } from 'react-i18next';
import { Notice } from './notice.tsx';

/** What an authenticator app reads to enrol: the QR code, and the secret to type by hand. */
export function TotpEnrolment({ qrCode, secret }: { qrCode: string; secret: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('signIn.twoFactor.scan')}</p>
      <img
        className="two-factor-qr"
        src={qrCode}
        alt={t('signIn.twoFactor.qrAlt')}
        width={200}
        height={200}
      />
      <p>
        {t('signIn.twoFactor.manual')} <code className="mono">{secret}</code>
      </p>
    </>
  );
}

/** The recovery codes, shown once right after the second factor is confirmed. */
export function RecoveryCodesNotice({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Notice tone="success" isLive title={t('signIn.twoFactor.codesTitle')}>
      <p>{t('signIn.twoFactor.codesIntro')}</p>
      <ul className="recovery-codes mono">
        {codes.map((recoveryCode) => (
          <li key={recoveryCode}>{recoveryCode}</li>
        ))}
      </ul>
    </Notice>
  );
}
