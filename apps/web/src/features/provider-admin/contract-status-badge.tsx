import { useTranslation } from 'react-i18next';
import type { ContractStatus } from '@guichet/domain';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';

const tones: Record<ContractStatus, BadgeTone> = {
  active: 'success',
  suspended: 'warning',
  ended: 'muted',
};

export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`providerAdmin.status.${status}`)}</Badge>;
}
