import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { useEndSessionsOfUser } from './operator-accounts-api.ts';

/** An admin ends every session of a user at once (issue 21); the answer says how many. */
export function EndSessionsButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const end = useEndSessionsOfUser(userId);
  return (
    <span className="end-sessions">
      <Button
        isBusy={end.isPending}
        onClick={() => end.mutate()}
        aria-label={`${t('signIn.adminSessions.endAll')} — ${name}`}
      >
        {t('signIn.adminSessions.endAll')}
      </Button>
      <span role="status" className="table__secondary">
        {end.isSuccess ? t('signIn.adminSessions.ended', { count: end.data.ended }) : null}
        {end.isError ? t('errors.unavailable') : null}
      </span>
    </span>
  );
}
