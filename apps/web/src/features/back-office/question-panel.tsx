import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BackOfficeRequestDetail } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { QuestionList } from '../../components/ui/question-list.tsx';
import { TextAreaField } from '../../components/ui/text-area-field.tsx';
import { api, isApiError } from '../../lib/api-client.ts';
import { detailMessage, errorText } from '../../lib/field-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import './question-panel.css';

const questionsKey = (id: string) => ['back-office', 'questions', id] as const;

/**
 * « Demander des précisions » (decision 0035): the agent's question to the customer, while
 * the request is studied or its quote prepared; then « En attente du client » until the
 * answer, and every question with its answer and what it changed.
 */
export function QuestionPanel({
  detail,
  onAsked,
}: {
  detail: BackOfficeRequestDetail;
  onAsked: (next: BackOfficeRequestDetail) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [isAsking, setIsAsking] = useState(false);
  const [text, setText] = useState('');
  const [flash, setFlash] = useState<string | null>(null);
  const questions = useQuery({
    // the status is part of the key: a move (the answer, live) reads the questions again
    queryKey: [...questionsKey(detail.id), detail.status],
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/requests/{id}/questions', {
        params: { path: { id: detail.id } },
        signal,
      }),
  });
  const ask = useMutation({
    mutationFn: (question: string) =>
      api.POST('/api/back-office/requests/{id}/questions', {
        params: { path: { id: detail.id } },
        body: { question },
      }),
    onSuccess: async (next) => {
      setIsAsking(false);
      setText('');
      setFlash(t('questions.ask.done'));
      onAsked(next);
      await queryClient.invalidateQueries({ queryKey: questionsKey(detail.id) });
    },
  });
  const fieldError =
    ask.error && isApiError(ask.error)
      ? (ask.error.details.find((item) => item.path === 'question') ?? null)
      : null;
  const generalError = ask.error && !fieldError ? errorText(ask.error, t) : null;
  const items = questions.data?.items ?? [];
  const open = items.find((question) => question.outcome === null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate(text);
  };

  return (
    <section className="question-panel" aria-labelledby="question-panel-title">
      <FormFeedback success={flash} />
      {detail.status === 'awaiting_customer' ? (
        <div className="question-panel__waiting">
          <h3 id="question-panel-title" className="processing__title">
            {t('questions.operator.waiting')}
          </h3>
          {open ? (
            <p className="muted">
              {t('questions.operator.waitingBody', {
                date: formatDateTime(open.askedAt, locale),
                expires: formatDateTime(open.expiresAt, locale),
              })}
            </p>
          ) : null}
        </div>
      ) : (
        <h3 id="question-panel-title" className="visually-hidden">
          {t('questions.list.title')}
        </h3>
      )}
      {detail.allowedActions.includes('ask_customer') && !isAsking ? (
        <Button
          onClick={() => {
            ask.reset();
            setFlash(null);
            setIsAsking(true);
          }}
        >
          {t('questions.ask.button')}
        </Button>
      ) : null}
      {isAsking ? (
        <form id="question-form" className="question-panel__form" onSubmit={submit} noValidate>
          <FormFeedback error={generalError} />
          <TextAreaField
            id="question-text"
            label={t('questions.ask.label')}
            hint={t('questions.ask.hint')}
            isRequired
            rows={4}
            maxLength={4000}
            error={fieldError ? detailMessage(fieldError) : null}
            value={text}
            onChange={setText}
          />
          <FormActions submitLabel={t('questions.ask.submit')} isBusy={ask.isPending}>
            <Button onClick={() => setIsAsking(false)}>{t('questions.ask.cancel')}</Button>
          </FormActions>
        </form>
      ) : null}
      {items.length > 0 ? (
        <>
          <h3 className="processing__title">{t('questions.list.title')}</h3>
          <QuestionList questions={items} />
        </>
      ) : null}
    </section>
  );
}
