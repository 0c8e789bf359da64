import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/ui/button.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';

/** Incidents and orders are requests of the Espace Client Cloud handled outside Guichet. */
export function HandledElsewherePage({ requestType }: { requestType: 'incident' | 'order' }) {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={t(`elsewhere.${requestType}.title`)}
      actions={
        <>
          <ButtonLink to="/demandes/nouvelle">{t('elsewhere.back')}</ButtonLink>
          <ButtonLink to="/demandes" variant="ghost">
            {t('common.backToRequests')}
          </ButtonLink>
        </>
      }
    >
      <p>{t(`elsewhere.${requestType}.body`)}</p>
      <p>{t(`elsewhere.${requestType}.where`)}</p>
    </MessagePage>
  );
}
