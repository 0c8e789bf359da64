import { useTranslation } from 'react-i18next';
import { MessagePage } from '../components/ui/message-page.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={t('notFound.title')}
      text={t('notFound.body')}
      link={{ to: '/demandes', label: t('common.backToRequests') }}
    />
  );
}
