import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '@guichet/domain';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';

const tones: Record<RequestStatus, BadgeTone> = {
  draft: 'muted',
  submitted: 'info',
  in_review: 'progress',
  quote_pending: 'warning',
  quote_sent: 'warning',
  in_progress: 'progress',
  done: 'success',
  rejected: 'danger',
  cancelled: 'neutral',
};

/** The detailed status, as the customer reads it too. */
export function StatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>;
}
