import { useTranslation } from 'react-i18next';
import { AccountActionButton } from './account-action-button.tsx';
import { useResetTwoFactorOfUser } from './operator-accounts-api.ts';

/** An admin resets a user's two-step verification (a lost phone, issue 21); the user is mailed. */
export function ResetTwoFactorButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const reset = useResetTwoFactorOfUser(userId);
  return (
    <AccountActionButton
      label={t('sso.resetTwoFactor.action')}
      name={name}
      action={{ isPending: reset.isPending, isError: reset.isError, mutate: () => reset.mutate() }}
      done={reset.isSuccess ? t('sso.resetTwoFactor.done') : null}
    />
  );
}
