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

/**
 * A status as its reader names it: the customer's words everywhere, but the agents read
 * `awaiting_customer` as « En attente du client » (decision 0035).
 */
export function useStatusLabel(audience: 'customer' | 'operator' = 'customer') {
  const { t } = useTranslation();
  return (status: RequestStatus): string =>
    audience === 'operator' && status === 'awaiting_customer'
      ? t('questions.operator.waiting')
      : t(`status.${status}`);
}

/** A request's detailed status, the same badge for the customer and the back-office. */
export function RequestStatusBadge({
  status,
  audience = 'customer',
}: {
  status: RequestStatus;
  audience?: 'customer' | 'operator';
}) {
  const label = useStatusLabel(audience);
  return <Badge tone={tones[status]}>{label(status)}</Badge>;
}
