import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { useResetTwoFactorOfUser } from './operator-accounts-api.ts';

/** An admin resets a user's two-step verification (a lost phone, issue 21); the user is mailed. */
export function ResetTwoFactorButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const reset = useResetTwoFactorOfUser(userId);
  return (
    <span className="end-sessions">
      <Button
        isBusy={reset.isPending}
        onClick={() => reset.mutate()}
        aria-label={`${t('sso.resetTwoFactor.action')} — ${name}`}
      >
        {t('sso.resetTwoFactor.action')}
      </Button>
      <span role="status" className="table__secondary">
        {reset.isSuccess ? t('sso.resetTwoFactor.done') : null}
        {reset.isError ? t('errors.unavailable') : null}
      </span>
    </span>
  );
}
