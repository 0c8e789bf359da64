import { ArticleEditorPage } from '../../features/catalog-admin/article-editor-page.tsx';
import { CatalogPage } from '../../features/catalog-admin/catalog-page.tsx';
import { CatalogsPage } from '../../features/catalog-admin/catalogs-page.tsx';
import { ImportPage } from '../../features/catalog-admin/import-page.tsx';
import { DynamicForm } from '../../features/dynamic-form/dynamic-form.tsx';

/** `/back-office/catalogues…`: catalog authoring (issue 5), for catalog managers. */
export function CatalogsRoute() {
  return <CatalogsPage />;
}

export function CatalogRoute() {
  return <CatalogPage />;
}

export function CatalogImportRoute() {
  return <ImportPage />;
}

/** The article editor previews its form with the customers' own renderer. */
export function ArticleEditorRoute() {
  return <ArticleEditorPage ArticleFields={DynamicForm} />;
}
