import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissForeignChange, useForeignChange } from '../../lib/live-events.ts';
import { Button } from './button.tsx';
import { Notice } from './notice.tsx';

/**
 * A quiet line on a request's page when someone else just changed it (the live stream said
 * so; the page already shows the change). Forms being filled in keep what was typed.
 */
export function LiveChangeNotice({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const [openedAt] = useState(() => Date.now());
  const change = useForeignChange(requestId, openedAt);
  if (change === null) return null;
  return (
    <Notice tone="info" isLive className="live-change-notice">
      <p>
        {change.actorName
          ? t('live.changedBy', { name: change.actorName })
          : t('live.changedBySomeone')}{' '}
        {t('live.shownNow')}
      </p>
      <Button variant="ghost" onClick={() => dismissForeignChange(requestId)}>
        {t('live.dismiss')}
      </Button>
    </Notice>
  );
}
