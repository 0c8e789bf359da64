import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import type { CommentThreadProps } from '../../lib/activity-slots.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { InternalCheckbox, SendActions } from './follow-up-form-parts.tsx';
import { useSending } from './use-sending.ts';

/** The request's messages, oldest first, and the form to add one. */
export function CommentThread({
  comments,
  canComment,
  allowInternal,
  onSubmit,
}: CommentThreadProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const formId = useId();
  const [body, setBody] = useState('');
  const [isInternal, setIsInternal] = useState(false);
  const { isBusy, error, isDone, send } = useSending();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = body.trim() === '' ? t('errors.validation_failed') : null;
    void send(problem, async () => {
      await onSubmit({ body: body.trim(), isInternal });
      setBody('');
      setIsInternal(false);
    });
  };

  return (
    <div className="comments">
      {comments.length === 0 ? (
        <p className="muted">{t('operations.comments.empty')}</p>
      ) : (
        <ol className="comments__list">
          {comments.map((comment) => (
            <li
              key={comment.id}
              className={`comment comment--${comment.authorKind}${comment.isInternal ? ' comment--internal' : ''}`}
            >
              <p className="comment__meta">
                <span className="comment__author">{comment.authorName}</span>{' '}
                <Badge tone={comment.authorKind === 'operator' ? 'info' : 'neutral'}>
                  {t(`operations.comments.${comment.authorKind}`)}
                </Badge>{' '}
                {comment.isInternal ? (
                  <Badge tone="warning">{t('operations.comments.internalBadge')}</Badge>
                ) : null}{' '}
                <time dateTime={comment.createdAt} className="muted">
                  {formatDateTime(comment.createdAt, locale)}
                </time>
              </p>
              <p className="comment__body prewrap">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? (
        <form className="comments__form" onSubmit={submit} noValidate>
          <FormField id={`${formId}-body`} label={t('operations.comments.add')} error={error}>
            {(control) => (
              <textarea
                {...control}
                value={body}
                maxLength={10_000}
                rows={3}
                onChange={(event) => setBody(event.target.value)}
              />
            )}
          </FormField>
          {allowInternal ? (
            <InternalCheckbox
              id={`${formId}-internal`}
              label={t('operations.comments.internal')}
              checked={isInternal}
              onChange={setIsInternal}
            />
          ) : null}
          <SendActions
            className="comments__actions"
            doneClassName="comments__posted"
            variant="primary"
            isBusy={isBusy}
            done={isDone ? t('operations.comments.posted') : null}
          >
            {t('operations.comments.submit')}
          </SendActions>
        </form>
      ) : (
        <Notice tone="info">{t('operations.comments.readOnly')}</Notice>
      )}
    </div>
  );
}
