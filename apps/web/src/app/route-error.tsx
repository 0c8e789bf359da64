import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Last resort when a screen crashes: say so plainly, offer a way out, never a stack trace. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <main id="main" className="main">
      <div className="message-page message-page--warning">
        <h1 className="message-page__title">{t('errors.crashTitle')}</h1>
        <p>{t('errors.crashBody')}</p>
        <div className="message-page__actions">
          <a className="button button--primary" href="/demandes">
            {t('common.backToRequests')}
          </a>
        </div>
      </div>
    </main>
  );
}
