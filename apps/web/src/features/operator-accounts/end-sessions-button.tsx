import { useTranslation } from 'react-i18next';
import { AccountActionButton } from './account-action-button.tsx';
import { useEndSessionsOfUser } from './operator-accounts-api.ts';

/** An admin ends every session of a user at once (issue 21); the answer says how many. */
export function EndSessionsButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const end = useEndSessionsOfUser(userId);
  return (
    <AccountActionButton
      label={t('signIn.adminSessions.endAll')}
      name={name}
      action={{ isPending: end.isPending, isError: end.isError, mutate: () => end.mutate() }}
      done={end.isSuccess ? t('signIn.adminSessions.ended', { count: end.data.ended }) : null}
    />
  );
}
