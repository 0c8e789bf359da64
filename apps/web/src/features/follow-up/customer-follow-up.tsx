import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CancelBody, QuoteView, RequestDetail, RequestFollowUp } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { costQuoteOf, RequestCost } from '../../components/ui/request-display.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/field-errors.ts';
import { formatEuros, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { AttachmentList } from './attachment-list.tsx';
import { CommentThread } from './comment-thread.tsx';
import {
  answerQuote,
  attachmentHref,
  cancelRequest,
  followUpKeys,
  postComment,
  uploadAttachment,
  useFollowUp,
} from './follow-up-api.ts';
import { QuoteCard } from './quote-card.tsx';
import { RequestApproval } from './approval-panel.tsx';
import './follow-up.css';

export interface CustomerFollowUpProps {
  request: RequestDetail;
  /** `top`: the quote to approve and cancelling; `bottom`: messages and files; `cost`: the cost. */
  part: 'top' | 'bottom' | 'cost';
  /** The page reloads the request (status, history) after a move. */
  onRequestChanged: () => unknown;
}

/**
 * The customer's follow-up of a confirmed request (DESIGN §4–5): « Devis à valider » with
 * accept and refuse, cancelling while nobody works on it yet, messages and attachments.
 */
export function CustomerFollowUp({ request, part, onRequestChanged }: CustomerFollowUpProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isConfirmed = request.status !== 'draft';
  const followUp = useFollowUp(request.id, isConfirmed);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: followUpKeys.detail(request.id) });
    await onRequestChanged();
  };

  if (part === 'cost') {
    // The cost from the request's current state: the quote sent or accepted once there is one.
    const quote = followUp.data ? costQuoteOf(followUp.data.quotes) : null;
    return <RequestCost billing={request.billing} none="—" quote={quote} />;
  }
  if (!isConfirmed || followUp.isPending) return null;
  if (followUp.isError) {
    return part === 'bottom' ? (
      <Notice tone="error" title={t('operations.followUp.loadFailed')}>
        <Button onClick={() => void followUp.refetch()}>{t('common.retry')}</Button>
      </Notice>
    ) : null;
  }
  const data = followUp.data;
  if (part === 'top') return <FollowUpTop request={request} data={data} onChanged={refresh} />;
  return (
    <>
      <Card title={t('operations.comments.title')} titleId="follow-up-comments">
        <CommentThread
          comments={data.comments}
          canComment={data.canComment}
          allowInternal={false}
          onSubmit={async ({ body }) => {
            await postComment(request.id, body);
            await refresh();
          }}
        />
      </Card>
      <Card title={t('operations.attachments.title')} titleId="follow-up-attachments">
        <AttachmentList
          attachments={data.attachments}
          downloadUrl={(attachmentId) => attachmentHref(request.id, attachmentId)}
          upload={data.canComment ? (file) => uploadAttachment(request.id, file) : null}
          allowInternal={false}
          onUploaded={refresh}
        />
      </Card>
    </>
  );
}

function FollowUpTop({
  request,
  data,
  onChanged,
}: {
  request: RequestDetail;
  data: RequestFollowUp;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [answering, setAnswering] = useState<{
    quote: QuoteView;
    answer: 'accept' | 'refuse';
  } | null>(null);
  const [isCancelling, setIsCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [flash, setFlash] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: (input: { quote: QuoteView; answer: 'accept' | 'refuse' }) =>
      answerQuote(request.id, input.quote.id, input.answer),
    onSuccess: async (_, input) => {
      setFlash(
        t(
          input.answer === 'accept'
            ? 'operations.followUp.accepted'
            : 'operations.followUp.refused',
        ),
      );
      await onChanged();
    },
    onError: async () => {
      await onChanged();
    },
    onSettled: () => setAnswering(null),
  });
  const cancel = useMutation({
    mutationFn: (body: CancelBody) => cancelRequest(request.id, body),
    onSuccess: async () => {
      setFlash(t('operations.followUp.cancelled'));
      await onChanged();
    },
    onSettled: () => setIsCancelling(false),
  });
  const current = data.quotes.find((quote) => quote.status === 'sent') ?? null;
  const canAnswer = current !== null && data.allowedActions.includes('accept_quote');
  const canCancel = data.allowedActions.includes('cancel');
  const previous = data.quotes.filter((quote) => quote !== current);
  const amountOf = (quote: QuoteView) =>
    t('operations.quote.amountValue', {
      tokens: formatNumber(quote.amountTokens, locale),
      euros: formatEuros(quote.amountEur, locale),
    });
  const downloadUrl = (attachmentId: string) => attachmentHref(request.id, attachmentId);
  const error = answer.error ?? cancel.error;

  return (
    <>
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="error" isLive>
          {isApiError(error, 'conflict')
            ? t('operations.followUp.newerQuote')
            : errorText(error, t)}
        </Notice>
      ) : null}
      {request.status === 'awaiting_approval' ? (
        <RequestApproval requestId={request.id} onChanged={onChanged} />
      ) : null}
      {request.status === 'quote_sent' && current ? (
        <Card
          title={t('operations.followUp.quoteToValidate')}
          titleId="follow-up-quote"
          className="card--quote"
        >
          <p>{t('operations.followUp.quoteIntro')}</p>
          <QuoteCard
            quote={current}
            downloadUrl={downloadUrl}
            actions={
              canAnswer ? (
                <>
                  <Button
                    variant="primary"
                    onClick={() => setAnswering({ quote: current, answer: 'accept' })}
                  >
                    {t('operations.followUp.accept')}
                  </Button>
                  <Button
                    variant="secondary"
                    onClick={() => setAnswering({ quote: current, answer: 'refuse' })}
                  >
                    {t('operations.followUp.refuse')}
                  </Button>
                </>
              ) : null
            }
          />
        </Card>
      ) : null}
      {previous.length > 0 ? (
        <Card title={t('operations.quote.sectionTitle')} titleId="follow-up-quotes">
          <div className="quote-stack">
            {previous.map((quote) => (
              <QuoteCard key={quote.id} quote={quote} downloadUrl={downloadUrl} isCompact />
            ))}
          </div>
        </Card>
      ) : null}
      {canCancel ? (
        <div className="follow-up-cancel">
          <p className="muted">{t('operations.followUp.cancelHint')}</p>
          <Button variant="danger" onClick={() => setIsCancelling(true)}>
            {t('operations.followUp.cancelRequest')}
          </Button>
        </div>
      ) : request.status === 'in_progress' ? (
        <p className="muted follow-up-cancel">{t('operations.followUp.cannotCancel')}</p>
      ) : null}

      <ConfirmDialog
        isOpen={answering !== null}
        title={
          answering
            ? t(
                answering.answer === 'accept'
                  ? 'operations.followUp.acceptTitle'
                  : 'operations.followUp.refuseTitle',
                {
                  version: answering.quote.version,
                },
              )
            : ''
        }
        confirmLabel={
          answering?.answer === 'refuse'
            ? t('operations.followUp.refuse')
            : t('operations.followUp.accept')
        }
        cancelLabel={t('common.cancel')}
        tone={answering?.answer === 'refuse' ? 'danger' : 'primary'}
        isBusy={answer.isPending}
        onCancel={() => setAnswering(null)}
        onConfirm={() => {
          if (answering) answer.mutate(answering);
        }}
      >
        <p>
          {answering?.answer === 'refuse'
            ? t('operations.followUp.refuseBody')
            : answering
              ? t('operations.followUp.acceptBody', { amount: amountOf(answering.quote) })
              : null}
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        isOpen={isCancelling}
        title={t('operations.followUp.cancelTitle')}
        confirmLabel={t('operations.followUp.cancelConfirm')}
        cancelLabel={t('operations.followUp.cancelKeep')}
        tone="danger"
        isBusy={cancel.isPending}
        onCancel={() => setIsCancelling(false)}
        onConfirm={() =>
          cancel.mutate({
            expectedStatus: request.status,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          })
        }
      >
        <p>{t('operations.followUp.cancelBody')}</p>
        <FormField id="follow-up-cancel-reason" label={t('operations.followUp.cancelReason')}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              maxLength={2000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </FormField>
      </ConfirmDialog>
    </>
  );
}
