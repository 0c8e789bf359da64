import { useState } from 'react';
import type { ComponentType, FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '@guichet/contracts';
import type { FormValues } from '@guichet/domain';
import { Card } from '../../components/ui/card.tsx';
import { FormActions } from '../../components/ui/form-actions.tsx';
import { FormFeedback } from '../../components/ui/form-feedback.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { QuestionList } from '../../components/ui/question-list.tsx';
import { TextAreaField } from '../../components/ui/text-area-field.tsx';
import { api, isApiError } from '../../lib/api-client.ts';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { detailMessage, errorText, messagesByPath } from '../../lib/field-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { isFormDefinition } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import '../../components/ui/question-list.css';

export interface QuestionCardProps {
  request: RequestDetail;
  /** The dynamic form, plugged in by `app/`, to change the request's values with the answer. */
  ArticleFields: ComponentType<ArticleFieldsProps>;
  onRequestChanged: () => unknown;
}

const questionsKey = (id: string) => ['questions', id] as const;

/**
 * « En attente de votre réponse » (decision 0035): the agent's question, the answer and, if
 * the customer wants, the request's values changed in the same form as at confirmation (same
 * article version, errors on their fields); then the questions already answered.
 */
export function QuestionCard({ request, ArticleFields, onRequestChanged }: QuestionCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const [isEditing, setIsEditing] = useState(false);
  const [values, setValues] = useState<FormValues>(request.values);
  const [flash, setFlash] = useState<string | null>(null);
  const questions = useQuery({
    queryKey: [...questionsKey(request.id), request.status],
    queryFn: ({ signal }) =>
      api.GET('/api/requests/{id}/questions', { params: { path: { id: request.id } }, signal }),
  });
  const items = questions.data?.items ?? [];
  const open = items.find((question) => question.outcome === null) ?? null;
  const send = useMutation({
    mutationFn: (questionId: string) =>
      api.POST('/api/requests/{id}/questions/{questionId}/answer', {
        params: { path: { id: request.id, questionId } },
        body: { answer, ...(isEditing ? { values } : {}) },
      }),
    onSuccess: async () => {
      setFlash(t('questions.customer.sent'));
      setAnswer('');
      setIsEditing(false);
      await queryClient.invalidateQueries({ queryKey: questionsKey(request.id) });
      await onRequestChanged();
    },
  });
  const details = send.error && isApiError(send.error) ? send.error.details : [];
  const messages = messagesByPath(details);
  const answerError = details.find((detail) => detail.path === 'answer');
  const generalError =
    send.error && details.length === 0
      ? errorText(send.error, t)
      : send.error && isEditing && !answerError
        ? t('errors.form_values_invalid')
        : null;
  const form = isFormDefinition(request.form) ? request.form : null;

  if (items.length === 0) return <FormFeedback success={flash} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (open) send.mutate(open.id);
  };
  const answered = items.filter((question) => question !== open);

  return (
    <>
      <FormFeedback success={flash} />
      {open && request.status === 'awaiting_customer' ? (
        <Card title={t('questions.customer.title')} titleId="question-open" className="card--quote">
          <p>
            {t('questions.customer.intro', {
              name: open.askedByName,
              date: formatDateTime(open.askedAt, locale),
            })}
          </p>
          <blockquote className="question-quote prewrap">{open.question}</blockquote>
          <p className="muted">
            {t('questions.customer.deadline', { date: formatDateTime(open.expiresAt, locale) })}
          </p>
          {questions.data?.canAnswer ? (
            <form onSubmit={submit} noValidate>
              <FormFeedback error={generalError} />
              <TextAreaField
                id="question-answer"
                label={t('questions.customer.answer')}
                isRequired
                rows={4}
                maxLength={4000}
                error={answerError ? detailMessage(answerError) : null}
                value={answer}
                onChange={setAnswer}
              />
              {form ? (
                <FormField
                  id="question-edit-values"
                  label={t('questions.customer.editValues')}
                  layout="inline"
                >
                  {(control) => (
                    <input
                      {...control}
                      type="checkbox"
                      checked={isEditing}
                      onChange={(event) => {
                        setIsEditing(event.target.checked);
                        setValues(request.values);
                      }}
                    />
                  )}
                </FormField>
              ) : null}
              {form && isEditing ? (
                <fieldset className="question-values">
                  <legend>{t('questions.customer.valuesTitle')}</legend>
                  <p className="muted">{t('questions.customer.valuesHint')}</p>
                  <ArticleFields
                    form={form}
                    values={values}
                    locale={locale}
                    errorFor={(path) => messages.get(path) ?? null}
                    onChange={(next) => setValues(next)}
                    onTouch={() => undefined}
                  />
                </fieldset>
              ) : null}
              <FormActions submitLabel={t('questions.customer.submit')} isBusy={send.isPending} />
            </form>
          ) : (
            <p className="muted">{t('questions.customer.viewerOnly')}</p>
          )}
        </Card>
      ) : null}
      {answered.length > 0 ? (
        <Card title={t('questions.list.title')} titleId="question-list">
          <QuestionList questions={answered} />
        </Card>
      ) : null}
    </>
  );
}
