import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/ui/button.tsx';
import { useLogout } from './auth-api.ts';

export function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout(() => void navigate('/connexion', { replace: true }));
  return (
    <Button
      variant="ghost"
      className="topbar__logout"
      isBusy={logout.isPending}
      onClick={() => logout.mutate()}
    >
      {t('header.logout')}
    </Button>
  );
}
