import { useTranslation } from 'react-i18next';
import type { ExecutionChangeView, RequestExecutionView } from '@guichet/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { BeforeAfterTable } from './before-after-table.tsx';
import { Card } from './card.tsx';
import { Notice } from './notice.tsx';

/**
 * A request's automatic execution (decision 0032): where it stands and, once applied, the
 * values before and after as the executor reported them (« vCPU (ECS) : 20 → 40 »).
 */
export function ExecutionResult({ execution }: { execution: RequestExecutionView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const changes = execution.changes ?? [];
  const value = (change: ExecutionChangeView['before']) =>
    change === null ? t('execution.empty') : String(change);
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
      {execution.state === 'succeeded' && changes.length > 0 ? (
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
      ) : null}
    </Card>
  );
}
