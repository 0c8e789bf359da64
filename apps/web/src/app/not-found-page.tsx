import { useTranslation } from 'react-i18next';
import { MessagePage } from '../components/ui/message-page.tsx';

interface NotFoundPageProps {
  /** What the side says of a missing page; the customer portal's unless told. */
  text?: string;
  /** The way back to the side's home; the requests unless told. */
  link?: { to: string; label: string };
}

/** « Page introuvable », and the way back to the side's first page. */
export function NotFoundPage({ text, link }: NotFoundPageProps) {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={t('notFound.title')}
      text={text ?? t('notFound.body')}
      link={link ?? { to: '/demandes', label: t('common.backToRequests') }}
    />
  );
}
