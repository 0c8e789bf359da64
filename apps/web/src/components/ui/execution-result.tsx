import { useTranslation } from 'react-i18next';
import type { ExecutionChangeView, RequestExecutionView } from '@guichet/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { BeforeAfterTable } from './before-after-table.tsx';
import { Card } from './card.tsx';
import { Notice } from './notice.tsx';

/**
 * The values before and after an execution as the executor reported them (« vCPU (ECS) :
 * 20 → 40 »), for the customer's card and the agents' alike; nothing when there are none.
 */
export function ExecutionChanges({ changes }: { changes: readonly ExecutionChangeView[] | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!changes || changes.length === 0) return null;
  const value = (reported: ExecutionChangeView['before']) =>
    reported === null ? t('execution.empty') : String(reported);
  return (
    <BeforeAfterTable
      caption={t('execution.caption')}
      columns={{
        value: t('execution.columns.value'),
        before: t('execution.columns.before'),
        after: t('execution.columns.after'),
      }}
      rows={changes.map((change) => ({
        key: change.key,
        label: change.label ? change.label[locale] : change.key,
        before: value(change.before),
        after: value(change.after),
      }))}
    />
  );
}

/**
 * A request's automatic execution (decision 0032): where it stands and, once applied, the
 * values before and after as the executor reported them (« vCPU (ECS) : 20 → 40 »).
 */
export function ExecutionResult({ execution }: { execution: RequestExecutionView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tone =
    execution.state === 'succeeded'
      ? 'success'
      : execution.state === 'failed' || execution.state === 'timed_out'
        ? 'warning'
        : 'info';
  return (
    <Card title={t('execution.title')} titleId="detail-execution">
      <Notice tone={tone}>
        {execution.state === 'succeeded'
          ? t('execution.succeeded', {
              date: execution.finishedAt ? formatDateTime(execution.finishedAt, locale) : '',
            })
          : t(`execution.${execution.state}`)}
      </Notice>
      {execution.state === 'succeeded' ? <ExecutionChanges changes={execution.changes} /> : null}
    </Card>
  );
}
