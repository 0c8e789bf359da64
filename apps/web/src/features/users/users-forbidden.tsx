import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/ui/button.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';

/** Says which right the Utilisateurs section needs, and who grants it. */
export function UsersForbidden({ needsManager = false }: { needsManager?: boolean }) {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={t('rights.forbidden.title')}
      tone="warning"
      actions={<ButtonLink to="/demandes">{t('common.backToRequests')}</ButtonLink>}
    >
      <p>
        {needsManager ? t('rights.forbidden.usersManager') : t('rights.forbidden.usersSection')}
      </p>
      <p>{t('rights.forbidden.whoGrants')}</p>
    </MessagePage>
  );
}
