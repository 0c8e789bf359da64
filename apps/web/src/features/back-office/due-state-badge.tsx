import { useTranslation } from 'react-i18next';
import type { dueStates } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';

type DueState = (typeof dueStates)[number];

const tones: Record<DueState, BadgeTone> = {
  not_started: 'muted',
  paused: 'muted',
  on_time: 'info',
  at_risk: 'warning',
  late: 'danger',
  met: 'success',
  missed: 'danger',
};

/** « À risque », « En retard »…: a due date's state (decision 0036). */
export function DueStateBadge({ state }: { state: DueState }) {
  const { t } = useTranslation();
  return <Badge tone={tones[state]}>{t(`dueDates.states.${state}`)}</Badge>;
}
