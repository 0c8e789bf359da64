import { useTranslation } from 'react-i18next';
import type { BackOfficeExecutionView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ExecutionChanges } from '../../components/ui/execution-result.tsx';
import { Fact } from '../../components/ui/fact.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';

type ExecutionState = BackOfficeExecutionView['state'];
type DeliveryState = BackOfficeExecutionView['deliveries'][number]['state'];

const tones: Record<ExecutionState, BadgeTone> = {
  requested: 'info',
  started: 'progress',
  succeeded: 'success',
  failed: 'danger',
  timed_out: 'warning',
};
const deliveryTones: Record<DeliveryState, BadgeTone> = {
  pending: 'info',
  delivered: 'success',
  failed: 'danger',
};

/**
 * The agents' « Exécution automatique » card (decision 0032): the executor it was sent to,
 * where it stands, when it was sent, started and ended, why it failed or timed out, the
 * values before and after, and the deliveries of the request to the executor.
 */
export function ExecutionCard({
  execution,
}: {
  execution: BackOfficeExecutionView | null | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!execution) return null;
  const when = (value: string | null) =>
    value === null ? t('execution.agent.notYet') : formatDateTime(value, locale);
  const { executor } = execution;
  return (
    <Card title={t('execution.agent.title')} titleId="bo-execution">
      <dl className="facts">
        <Fact label={t('execution.agent.fields.executor')}>
          {executor ? (
            <>
              {executor.description || executor.url}
              {executor.isEnabled ? null : (
                <>
                  {' '}
                  <Badge tone="muted">{t('execution.agent.executorDisabled')}</Badge>
                </>
              )}
              {executor.description ? (
                <span className="table__secondary mono">{executor.url}</span>
              ) : null}
            </>
          ) : (
            <span className="muted">{t('execution.agent.executorGone')}</span>
          )}
        </Fact>
        <Fact label={t('execution.agent.fields.state')}>
          <Badge tone={tones[execution.state]}>
            {t(`execution.agent.states.${execution.state}`)}
          </Badge>
        </Fact>
        <Fact label={t('execution.agent.fields.requestedAt')}>{when(execution.requestedAt)}</Fact>
        {execution.state === 'requested' || execution.state === 'started' ? (
          <Fact label={t('execution.agent.fields.deadlineAt')}>{when(execution.deadlineAt)}</Fact>
        ) : null}
        <Fact label={t('execution.agent.fields.startedAt')}>{when(execution.startedAt)}</Fact>
        <Fact label={t('execution.agent.fields.finishedAt')}>{when(execution.finishedAt)}</Fact>
        {execution.reason !== null &&
        (execution.state === 'failed' || execution.state === 'timed_out') ? (
          <Fact
            label={t(
              execution.state === 'failed'
                ? 'execution.agent.fields.failure'
                : 'execution.agent.fields.timeout',
            )}
          >
            {execution.reason}
          </Fact>
        ) : null}
      </dl>
      <ExecutionChanges changes={execution.changes} />
      <h3 className="execution-card__subtitle">{t('execution.agent.deliveries.title')}</h3>
      {execution.deliveries.length === 0 ? (
        <p className="muted">{t('execution.agent.deliveries.none')}</p>
      ) : (
        <div className="execution-card__deliveries">
          <table className="table table--compact">
            <caption className="visually-hidden">{t('execution.agent.deliveries.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('execution.agent.deliveries.columns.createdAt')}</th>
                <th scope="col">{t('execution.agent.deliveries.columns.state')}</th>
                <th scope="col">{t('execution.agent.deliveries.columns.attempts')}</th>
                <th scope="col">{t('execution.agent.deliveries.columns.lastAttempt')}</th>
              </tr>
            </thead>
            <tbody>
              {execution.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    {formatDateTime(delivery.createdAt, locale)}
                    {delivery.isReplay ? (
                      <span className="table__secondary">
                        {t('execution.agent.deliveries.replay')}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <Badge tone={deliveryTones[delivery.state]}>
                      {t(`execution.agent.deliveries.states.${delivery.state}`)}
                    </Badge>
                    {delivery.nextAttemptAt !== null && delivery.attempts > 0 ? (
                      <span className="table__secondary">
                        {t('execution.agent.deliveries.nextAttempt', {
                          date: formatDateTime(delivery.nextAttemptAt, locale),
                        })}
                      </span>
                    ) : null}
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>
                    {delivery.lastAttempt === null ? (
                      t('execution.agent.notYet')
                    ) : (
                      <>
                        {formatDateTime(delivery.lastAttempt.at, locale)}
                        <span className="table__secondary">
                          {delivery.lastAttempt.statusCode === null
                            ? t('execution.agent.deliveries.noAnswer')
                            : t('execution.agent.deliveries.status', {
                                code: delivery.lastAttempt.statusCode,
                              })}
                          {delivery.lastAttempt.error ? ` · ${delivery.lastAttempt.error}` : ''}
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
