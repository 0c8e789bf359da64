import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/ui/notice.tsx';

/** The guide's warning: the request goes to the customer account chosen at the top right. */
export function PerimeterReminder({ perimeterName }: { perimeterName: string | null }) {
  const { t } = useTranslation();
  return (
    <Notice tone="warning" className="perimeter-reminder">
      <p>
        <strong>{t('perimeterReminder.important')}</strong> {t('perimeterReminder.text')}
      </p>
      {perimeterName ? (
        <p>
          {t('perimeterReminder.current')} <strong>{perimeterName}</strong>
        </p>
      ) : null}
    </Notice>
  );
}
