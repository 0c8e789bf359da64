import { RequestDetailPage } from '../../features/change-requests/request-detail-page.tsx';
import { FormValuesView } from '../../features/dynamic-form/form-values-view.tsx';
import { CustomerFollowUp } from '../../features/follow-up/customer-follow-up.tsx';

/**
 * A request, its answers shown by the dynamic-form feature with the version's labels, and its
 * follow-up (quotes, cancelling, comments, attachments).
 */
export default function RequestDetailRoute() {
  return <RequestDetailPage ArticleValues={FormValuesView} FollowUp={CustomerFollowUp} />;
}
