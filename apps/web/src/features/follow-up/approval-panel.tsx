import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalAnswerBody, ApprovalView } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { RequestCost } from '../../components/ui/request-display.tsx';
import { errorText } from '../../lib/field-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { answerApproval, useApproval } from './approvals-api.ts';

/**
 * A held request's approval (decision 0034): who approves, their answers, the cost approving
 * now would decide, and — for an approver (or their substitute) — approve or refuse with a
 * comment (required to refuse). `send` answers: from the request's page, or a mail's link.
 */
export function ApprovalPanel({
  approval,
  send,
  onAnswered,
}: {
  approval: ApprovalView;
  send: (body: ApprovalAnswerBody) => Promise<unknown>;
  onAnswered: () => unknown;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      setComment('');
      await onAnswered();
    },
  });
  const submit = (decision: ApprovalAnswerBody['decision']) => {
    if (decision === 'refuse' && !comment.trim()) {
      setProblem(t('approvals.panel.commentRequired'));
      return;
    }
    setProblem(null);
    answer.mutate({ decision, ...(comment.trim() ? { comment } : {}) });
  };
  const error = answer.error;
  return (
    <Card title={t('approvals.panel.title')} titleId="approval-panel" className="card--quote">
      {approval.state === 'pending' ? <p>{t('approvals.panel.intro')}</p> : null}
      <p className="muted">
        {t(approval.mode === 'all' ? 'approvals.panel.modeAll' : 'approvals.panel.modeAny')}
      </p>
      <ul className="approval-panel__approvers">
        {approval.approvers.map((entry) => (
          <li key={entry.approver.id}>
            <strong>{entry.approver.name}</strong>
            {' — '}
            {entry.decision === null
              ? t('approvals.panel.waiting')
              : t(`approvals.panel.${entry.decision}`)}
            {entry.answeredByName
              ? ` (${t('approvals.panel.byFor', { name: entry.answeredByName })})`
              : null}
            {entry.at ? ` · ${formatDateTime(entry.at, locale)}` : null}
            {entry.comment ? <span className="prewrap"> « {entry.comment} »</span> : null}
          </li>
        ))}
      </ul>
      {approval.billing ? (
        <p>
          {t('approvals.panel.cost')}
          {' : '}
          <RequestCost billing={approval.billing} none="—" />{' '}
          <span className="muted">{t('approvals.panel.costNote')}</span>
        </p>
      ) : null}
      {answer.isSuccess ? (
        <Notice tone="success" isLive>
          {t(
            answer.variables.decision === 'approve'
              ? 'approvals.panel.doneApproved'
              : 'approvals.panel.doneRefused',
          )}
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="error" isLive>
          {errorText(error, t)}
        </Notice>
      ) : null}
      {approval.canAnswer ? (
        <div className="approval-panel__answer">
          {approval.onBehalfOf ? (
            <p>{t('approvals.panel.onBehalfOf', { name: approval.onBehalfOf.name })}</p>
          ) : null}
          <FormField
            id="approval-comment"
            label={t('approvals.panel.comment')}
            {...(problem ? { error: problem } : {})}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={2000}
                value={comment}
                onChange={(event) => setComment(event.target.value)}
              />
            )}
          </FormField>
          <div className="follow-up-actions">
            <Button variant="primary" isBusy={answer.isPending} onClick={() => submit('approve')}>
              {t('approvals.panel.approve')}
            </Button>
            <Button variant="danger" isBusy={answer.isPending} onClick={() => submit('refuse')}>
              {t('approvals.panel.refuse')}
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}

/** The panel on the request's page while it awaits approval. */
export function RequestApproval({
  requestId,
  onChanged,
}: {
  requestId: string;
  onChanged: () => unknown;
}) {
  const approval = useApproval(requestId, true);
  if (!approval.data) return null;
  return (
    <ApprovalPanel
      approval={approval.data}
      send={(body) => answerApproval(requestId, body)}
      onAnswered={async () => {
        await approval.refetch();
        await onChanged();
      }}
    />
  );
}
