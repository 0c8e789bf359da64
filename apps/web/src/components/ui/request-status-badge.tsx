import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '@guichet/domain';
import { Badge } from './badge.tsx';
import type { BadgeTone } from './badge.tsx';

const tones: Record<RequestStatus, BadgeTone> = {
  draft: 'muted',
  awaiting_approval: 'warning',
  submitted: 'info',
  in_review: 'progress',
  quote_pending: 'warning',
  quote_sent: 'warning',
  awaiting_customer: 'warning',
  in_progress: 'progress',
  done: 'success',
  rejected: 'danger',
  cancelled: 'neutral',
};

/** A request's detailed status, the same badge for the customer and the back-office. */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>;
}
