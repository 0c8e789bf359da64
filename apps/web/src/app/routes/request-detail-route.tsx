import { RequestDetailPage } from '../../features/change-requests/request-detail-page.tsx';
import { FormValuesView } from '../../features/dynamic-form/form-values-view.tsx';

/** A request, its answers shown by the dynamic-form feature with the version's labels. */
export default function RequestDetailRoute() {
  return <RequestDetailPage ArticleValues={FormValuesView} />;
}
