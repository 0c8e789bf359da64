import { useTranslation } from 'react-i18next';
import type { SsoOffer } from '@guichet/contracts';

/** « Se connecter avec <name> »: links to the API's start of the flow, back to `nextPath`. */
export function SsoOffers({ offers, nextPath }: { offers: readonly SsoOffer[]; nextPath: string }) {
  const { t } = useTranslation();
  if (offers.length === 0) return null;
  return (
    <div className="login__sso">
      {offers.map((offer) => (
        <a
          key={offer.connection}
          className="button button--primary login__submit"
          href={`${offer.startUrl}?suite=${encodeURIComponent(nextPath)}`}
        >
          {t('sso.offer', { name: offer.name })}
        </a>
      ))}
      <p className="login__intro">{t('sso.or')}</p>
    </div>
  );
}
