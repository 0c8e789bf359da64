import { useTranslation } from 'react-i18next';
import { Button } from './button.tsx';
import { Notice } from './notice.tsx';

/** « Impossible de charger… » with a way to try again. */
export function LoadFailedNotice({ title, onRetry }: { title: string; onRetry: () => unknown }) {
  const { t } = useTranslation();
  return (
    <Notice tone="error" isLive title={title}>
      <Button onClick={() => void onRetry()}>{t('common.retry')}</Button>
    </Notice>
  );
}
