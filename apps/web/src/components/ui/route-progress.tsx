import { useTranslation } from 'react-i18next';
import { useNavigation } from 'react-router';

/**
 * A thin bar along the top while the router loads the next page's chunk (routes are loaded
 * by the router, so the current page stays until the next one can render). It shows after
 * 150 ms, so a quick navigation does not flash.
 */
export function RouteProgress() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  if (navigation.state !== 'loading') return null;
  return (
    <div className="route-progress" role="status">
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
