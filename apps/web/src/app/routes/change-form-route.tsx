import { ChangeFormPage } from '../../features/change-requests/change-form-page.tsx';
import { DynamicForm } from '../../features/dynamic-form/dynamic-form.tsx';

/** The change form, with the article fields rendered by the dynamic-form feature. */
export default function ChangeFormRoute() {
  return <ChangeFormPage ArticleFields={DynamicForm} />;
}
