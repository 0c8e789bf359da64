import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isSsoRefusal } from '@guichet/domain';
import { Notice } from '../../components/ui/notice.tsx';
import { LoginPanel } from './login-panel.tsx';

/** Where a refused single sign-on lands (`/connexion/refus-sso?motif=`), the reason worded. */
export function SsoRefusalPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const motif = searchParams.get('motif') ?? '';
  const reason = isSsoRefusal(motif) ? motif : 'provider_error';
  return (
    <LoginPanel title={t('sso.refusal.title')}>
      <Notice tone="error">{t(`sso.refusal.${reason}`)}</Notice>
      <p>
        <Link to="/connexion">{t('sso.refusal.back')}</Link>
      </p>
    </LoginPanel>
  );
}
