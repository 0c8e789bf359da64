import { useTranslation } from 'react-i18next';

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
