import { useTranslation } from 'react-i18next';
import type { QuestionView } from '@guichet/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { ValueChanges } from './before-after-table.tsx';
import './question-list.css';

/**
 * The questions asked on a request, newest first (decision 0035): each with its answer and
 * what the answer changed, or how it ended; the customer's page and the back-office alike.
 */
export function QuestionList({ questions }: { questions: readonly QuestionView[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="question-list">
      {questions.map((question) => (
        <li key={question.id} className="question-list__item">
          <p className="muted">
            {t('questions.list.question', {
              name: question.askedByName,
              date: formatDateTime(question.askedAt, locale),
            })}
          </p>
          <blockquote className="question-quote prewrap">{question.question}</blockquote>
          {question.outcome === null ? (
            <p className="muted">{t('questions.list.open')}</p>
          ) : question.outcome === 'answered' ? (
            <>
              <p className="muted">
                {t('questions.list.answer', { name: question.answeredByName ?? '' })}
                {question.closedAt ? ` · ${formatDateTime(question.closedAt, locale)}` : null}
              </p>
              <p className="prewrap">{question.answer}</p>
              {question.changes.length > 0 ? <ValueChanges changes={question.changes} /> : null}
            </>
          ) : (
            <p className="muted">{t(`questions.list.outcomes.${question.outcome}`)}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
