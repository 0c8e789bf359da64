import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { OutboxPage } from '../../features/back-office/outbox-page.tsx';
import { QueuePage } from '../../features/back-office/queue-page.tsx';
import { ChangePeriodsPage } from '../../features/execution-windows/change-periods-page.tsx';
import { BackOfficeRequestPage } from '../../features/back-office/request-page.tsx';
import { FormValuesView } from '../../features/dynamic-form/form-values-view.tsx';
import { AttachmentList } from '../../features/follow-up/attachment-list.tsx';
import { CommentThread } from '../../features/follow-up/comment-thread.tsx';
import { QuoteCard } from '../../features/follow-up/quote-card.tsx';
import '../../features/follow-up/follow-up.css';
import { NotFoundPage } from '../not-found-page.tsx';
import { canOperator, useAuthenticatedSession } from '../../lib/session.ts';

/** `/back-office`: the queue for those who process requests; catalog managers go to theirs. */
export function BackOfficeHomeRoute() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  if (canOperator(session, 'process_requests')) return <QueuePage />;
  if (canOperator(session, 'manage_catalogs'))
    return <Navigate to="/back-office/catalogues" replace />;
  return (
    <MessagePage
      title={t('forbidden.title')}
      tone="warning"
      text={t('operations.layout.noQueue')}
    />
  );
}

/** A request in the back-office, with the activity components of the follow-up feature. */
export function BackOfficeRequestRoute() {
  return (
    <BackOfficeRequestPage
      ArticleValues={FormValuesView}
      QuoteCard={QuoteCard}
      CommentThread={CommentThread}
      AttachmentList={AttachmentList}
    />
  );
}

/** « Gel et maintenance » (decision 0037): the provider's freeze and maintenance periods. */
export function ChangePeriodsRoute() {
  return <ChangePeriodsPage />;
}

export function OutboxRoute() {
  return <OutboxPage />;
}

export function BackOfficeNotFoundRoute() {
  const { t } = useTranslation();
  return (
    <NotFoundPage
      text={t('operations.layout.notFound')}
      link={{ to: '/back-office', label: t('operations.layout.backToQueue') }}
    />
  );
}
