import { RequestDetailPage } from '../../features/change-requests/request-detail-page.tsx';
import type { FollowUpSlotProps } from '../../features/change-requests/request-detail-page.tsx';
import { DynamicForm } from '../../features/dynamic-form/dynamic-form.tsx';
import { FormValuesView } from '../../features/dynamic-form/form-values-view.tsx';
import { CustomerFollowUp } from '../../features/follow-up/customer-follow-up.tsx';
import { QuestionCard } from '../../features/follow-up/question-card.tsx';

/** Above the request: the agent's questions (answered with the dynamic form), then the follow-up. */
function FollowUpWithQuestions(props: FollowUpSlotProps) {
  return (
    <>
      {props.part === 'top' && props.request.status !== 'draft' ? (
        <QuestionCard
          request={props.request}
          ArticleFields={DynamicForm}
          onRequestChanged={props.onRequestChanged}
        />
      ) : null}
      <CustomerFollowUp {...props} />
    </>
  );
}

/**
 * A request, its answers shown by the dynamic-form feature with the version's labels, and its
 * follow-up (questions back, quotes, cancelling, comments, attachments).
 */
export default function RequestDetailRoute() {
  return <RequestDetailPage ArticleValues={FormValuesView} FollowUp={FollowUpWithQuestions} />;
}
