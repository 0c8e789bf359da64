import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useEndOtherSessions, useEndSession, useOpenSessions } from './sessions-api.ts';

/** « Mon compte »: the open sessions (issue 21), each ended apart, or all the others at once. */
export function OpenSessionsCard() {
  const { t } = useTranslation();
  const { user } = useAuthenticatedSession();
  const sessions = useOpenSessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const list = sessions.data?.sessions ?? [];
  const hasOthers = list.some((session) => !session.isCurrent);
  return (
    <Card
      title={t('signIn.sessions.title')}
      titleId="open-sessions-title"
      actions={
        hasOthers ? (
          <Button variant="danger" isBusy={endOthers.isPending} onClick={() => endOthers.mutate()}>
            {t('signIn.sessions.endOthers')}
          </Button>
        ) : null
      }
    >
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError || endOne.isError || endOthers.isError ? (
        <Notice tone="error" isLive>
          {t('errors.unavailable')}
        </Notice>
      ) : null}
      {endOthers.isSuccess ? (
        <Notice tone="success" isLive>
          {t('signIn.sessions.othersEnded', { count: endOthers.data.ended })}
        </Notice>
      ) : null}
      <ul className="open-sessions">
        {list.map((session) => (
          <li key={session.id} className="open-sessions__item">
            <div>
              <p className="open-sessions__device">
                {session.device || t('signIn.sessions.unknownDevice')}
                {session.isCurrent ? (
                  <span className="badge badge--info">{t('signIn.sessions.current')}</span>
                ) : null}
              </p>
              <p className="open-sessions__facts">
                {t('signIn.sessions.facts', {
                  address: session.address ?? '—',
                  lastSeen: formatDateTime(session.lastSeenAt, user.locale),
                  since: formatDateTime(session.createdAt, user.locale),
                })}
              </p>
            </div>
            {session.isCurrent ? null : (
              <Button
                isBusy={endOne.isPending && endOne.variables === session.id}
                onClick={() => endOne.mutate(session.id)}
                aria-label={t('signIn.sessions.endOneOf', {
                  device: session.device || t('signIn.sessions.unknownDevice'),
                  address: session.address ?? '—',
                })}
              >
                {t('signIn.sessions.endOne')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
