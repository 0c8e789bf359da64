import { useTranslation } from 'react-i18next';
import { MessagePage } from '../../components/ui/message-page.tsx';

export function RequestNotFound() {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={t('detail.notFound.title')}
      text={t('detail.notFound.body')}
      link={{ to: '/demandes', label: t('common.backToRequests') }}
    />
  );
}
