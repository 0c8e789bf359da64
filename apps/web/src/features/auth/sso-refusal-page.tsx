import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isSsoRefusal } from '@guichet/domain';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';

/** Where a refused single sign-on lands (`/connexion/refus-sso?motif=`), the reason worded. */
export function SsoRefusalPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const motif = searchParams.get('motif') ?? '';
  const reason = isSsoRefusal(motif) ? motif : 'provider_error';
  return (
    <div className="login">
      <PageTitle title={t('sso.refusal.title')} />
      <div className="login__panel">
        <p className="login__brand" aria-hidden="true">
          <span className="brand-mark" />
          {t('app.productName')}
        </p>
        <h1 className="login__title">{t('sso.refusal.title')}</h1>
        <Notice tone="error">{t(`sso.refusal.${reason}`)}</Notice>
        <p>
          <Link to="/connexion">{t('sso.refusal.back')}</Link>
        </p>
      </div>
    </div>
  );
}
