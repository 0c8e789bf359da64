import { useTranslation } from 'react-i18next';
import type { DueDatesView, DueTargetView } from '@guichet/contracts';
import { Card } from '../../components/ui/card.tsx';
import { Fact } from '../../components/ui/fact.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { DueStateBadge } from './due-state-badge.tsx';

function TargetFact({ label, target }: { label: string; target: DueTargetView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const when = target.metAt
    ? t('dueDates.agent.metAt', { date: formatDateTime(target.metAt, locale) })
    : target.dueAt
      ? t('dueDates.agent.before', { date: formatDateTime(target.dueAt, locale) })
      : t('dueDates.agent.paused');
  return (
    <Fact label={label}>
      <span className="due-date__when">{when}</span> <DueStateBadge state={target.state} />
      <span className="table__secondary">
        {t('dueDates.agent.target', {
          hours: new Intl.NumberFormat(locale).format(target.minutes / 60),
        })}
        {target.breachedAt
          ? ` · ${t('dueDates.agent.breachedAt', { date: formatDateTime(target.breachedAt, locale) })}`
          : ''}
      </span>
    </Fact>
  );
}

/** The agent's due dates: take charge and carry out (issue 20, decision 0036). */
export function DueDatesCard({ dueDates }: { dueDates: DueDatesView | undefined }) {
  const { t } = useTranslation();
  if (!dueDates) return null;
  return (
    <Card title={t('dueDates.agent.title')} titleId="bo-due-dates">
      <dl className="facts">
        <TargetFact label={t('dueDates.agent.takeCharge')} target={dueDates.takeCharge} />
        <TargetFact label={t('dueDates.agent.carryOut')} target={dueDates.carryOut} />
      </dl>
      <p className="muted">{t('dueDates.agent.timeZone', { zone: dueDates.timeZone })}</p>
    </Card>
  );
}
