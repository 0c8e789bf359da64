import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/ui/button.tsx';
import { api } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';

export function LogoutButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api.delete('/api/session'),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, null);
      void navigate('/connexion', { replace: true });
    },
  });
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
