import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import type { CommentThreadProps } from '../../lib/activity-slots.ts';
import { isApiError } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';

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
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    if (body.trim() === '') {
      setError(t('errors.validation_failed'));
      return;
    }
    setIsBusy(true);
    setError(null);
    setPosted(false);
    try {
      await onSubmit({ body: body.trim(), isInternal });
      setBody('');
      setIsInternal(false);
      setPosted(true);
    } catch (caught) {
      setError(isApiError(caught) ? t(`errors.${caught.code}`) : t('errors.internal'));
    } finally {
      setIsBusy(false);
    }
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
        <form className="comments__form" onSubmit={(event) => void submit(event)} noValidate>
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
            <FormField
              id={`${formId}-internal`}
              label={t('operations.comments.internal')}
              layout="inline"
            >
              {(control) => (
                <input
                  {...control}
                  type="checkbox"
                  checked={isInternal}
                  onChange={(event) => setIsInternal(event.target.checked)}
                />
              )}
            </FormField>
          ) : null}
          <div className="comments__actions">
            <Button type="submit" variant="primary" isBusy={isBusy}>
              {t('operations.comments.submit')}
            </Button>
            {posted ? (
              <span role="status" className="comments__posted">
                {t('operations.comments.posted')}
              </span>
            ) : null}
          </div>
        </form>
      ) : (
        <Notice tone="info">{t('operations.comments.readOnly')}</Notice>
      )}
    </div>
  );
}
