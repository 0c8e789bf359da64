import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ButtonLink } from '../components/ui/button.tsx';
import { MessagePage } from '../components/ui/message-page.tsx';

const knownRights = ['requests_viewer', 'requests_manager'] as const;

/** `/acces-refuse?droit=requests_manager`: says which right is missing and who can grant it. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const right = knownRights.find((candidate) => candidate === searchParams.get('droit')) ?? null;
  return (
    <MessagePage
      title={t('forbidden.title')}
      tone="warning"
      actions={<ButtonLink to="/demandes">{t('common.backToRequests')}</ButtonLink>}
    >
      <p>{right ? t(`forbidden.rights.${right}`) : t('forbidden.generic')}</p>
      <p>{t('forbidden.whoGrants')}</p>
    </MessagePage>
  );
}
