import { useTranslation } from 'react-i18next';
import type { ExecutionChangeView, RequestExecutionView } from '@guichet/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
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
        <table className="table table--compact">
          <caption className="visually-hidden">{t('execution.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('execution.columns.value')}</th>
              <th scope="col">{t('execution.columns.before')}</th>
              <th scope="col">{t('execution.columns.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.key}>
                <th scope="row">{change.label ? change.label[locale] : change.key}</th>
                <td>{value(change.before)}</td>
                <td>{value(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
