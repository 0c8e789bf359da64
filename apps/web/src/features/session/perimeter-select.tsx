import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { sessionQueryKey, useAuthenticatedSession } from '../../lib/session.ts';
import { useChoosePerimeter } from './session-api.ts';

/** The customer account chosen at the top right: every list and form follows it. */
export function PerimeterSelect() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const choose = useChoosePerimeter(async () => {
    // A request or a form of the previous perimeter has no meaning in the new one.
    if (location.pathname !== '/demandes') await navigate('/demandes');
    await queryClient.invalidateQueries({
      predicate: (query) => query.queryKey[0] !== sessionQueryKey[0],
    });
  });
  if (session.perimeters.length === 0) return null;
  return (
    <div className="perimeter-select">
      <label htmlFor="perimeter-select" className="perimeter-select__label">
        {t('header.perimeter')}
      </label>
      <select
        id="perimeter-select"
        value={session.perimeter?.customerId ?? ''}
        disabled={choose.isPending}
        aria-busy={choose.isPending || undefined}
        onChange={(event) => choose.mutate(event.target.value)}
      >
        {session.perimeter === null ? (
          <option value="">{t('header.choosePerimeter')}</option>
        ) : null}
        {session.perimeters.map((perimeter) => (
          <option key={perimeter.customerId} value={perimeter.customerId}>
            {perimeter.name}
          </option>
        ))}
      </select>
      {choose.isError ? (
        <span className="perimeter-select__error" role="alert">
          {t('header.perimeterFailed')}
        </span>
      ) : null}
    </div>
  );
}
