import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/ui/button.tsx';
import { MessagePage } from '../components/ui/message-page.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={t('notFound.title')}
      actions={<ButtonLink to="/demandes">{t('common.backToRequests')}</ButtonLink>}
    >
      <p>{t('notFound.body')}</p>
    </MessagePage>
  );
}
