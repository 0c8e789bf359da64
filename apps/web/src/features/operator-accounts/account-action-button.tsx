import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';

interface AccountActionButtonProps {
  label: string;
  /** Whose account: the button's accessible name ends with it. */
  name: string;
  action: { isPending: boolean; isError: boolean; mutate: () => void };
  /** What the answer says once done (null until then). */
  done: string | null;
}

/** An admin's one-click action on a user's account, its outcome announced beside it. */
export function AccountActionButton({ label, name, action, done }: AccountActionButtonProps) {
  const { t } = useTranslation();
  return (
    <span className="end-sessions">
      <Button
        isBusy={action.isPending}
        onClick={() => action.mutate()}
        aria-label={`${label} — ${name}`}
      >
        {label}
      </Button>
      <span role="status" className="table__secondary">
        {done}
        {action.isError ? t('errors.unavailable') : null}
      </span>
    </span>
  );
}
