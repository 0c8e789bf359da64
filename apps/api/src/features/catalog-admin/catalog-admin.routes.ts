import {
  ArticleAdminView,
  ArticleCreate,
  ArticleDraftBody,
  ArticlePlacement,
  ArticlePreview,
  ArticleVersionParams,
  ArticleVersionView,
  CatalogAdminList,
  CatalogAdminView,
  CatalogExport,
  CatalogImportBody,
  CatalogImportResult,
  CatalogInput,
  CatalogUpdate,
  CategoryInput,
  CategoryUpdate,
  IdParams,
  PreviewQuery,
  RevisionBody,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as files from './catalog-file.service.ts';
import * as service from './catalog-admin.service.ts';

/**
 * Catalog authoring (`/api/back-office/catalogs…`): operators with the role
 * `catalog_manager` or `admin`; anyone else is refused with 403.
 */
export const catalogAdminRoutes = routesPlugin({ tags: ['catalog authoring'] }, ({ deps }) => [
  route('GET /api/back-office/catalogs', {
    summary: 'Every catalog with its categories and articles (published version, draft)',
    ok: CatalogAdminList,
    handle: async ({ auth }) => ({ items: await service.listCatalogs(deps, auth) }),
  }),
  route('POST /api/back-office/catalogs', {
    summary: 'Create a catalog: names, help, item types, offers and contracts it applies to',
    body: CatalogInput,
    ok: CatalogAdminView,
    status: 201,
    handle: ({ auth, body }) => service.createCatalog(deps, auth, body),
  }),
  route('GET /api/back-office/catalogs/export', {
    summary: 'The catalogs as a YAML file (published versions), as the import reads it',
    ok: CatalogExport,
    handle: ({ auth }) => files.exportCatalogs(deps, auth),
  }),
  route('POST /api/back-office/catalogs/import', {
    // A catalogs file may be larger than the other bodies (256 kB): the schema caps it.
    bodyLimit: 2_100_000,
    summary:
      'Import a YAML catalogs file: what it would change (`apply: false`), or change it in one transaction',
    body: CatalogImportBody,
    ok: CatalogImportResult,
    handle: ({ auth, body }) => files.importCatalogs(deps, auth, body),
  }),
  route('GET /api/back-office/catalogs/:id', {
    summary: 'A catalog with its categories and articles',
    params: IdParams,
    ok: CatalogAdminView,
    handle: ({ auth, params }) => service.getCatalog(deps, auth, params.id),
  }),
  route('PUT /api/back-office/catalogs/:id', {
    summary: 'Change a catalog (its code never changes)',
    params: IdParams,
    body: CatalogUpdate,
    ok: CatalogAdminView,
    handle: ({ auth, params, body }) => service.updateCatalog(deps, auth, params.id, body),
  }),
  route('POST /api/back-office/catalogs/:id/categories', {
    summary: 'Add a category to a catalog',
    params: IdParams,
    body: CategoryInput,
    ok: CatalogAdminView,
    status: 201,
    handle: ({ auth, params, body }) => service.createCategory(deps, auth, params.id, body),
  }),
  route('PUT /api/back-office/categories/:id', {
    summary: 'Change a category (its code never changes)',
    params: IdParams,
    body: CategoryUpdate,
    ok: CatalogAdminView,
    handle: ({ auth, params, body }) => service.updateCategory(deps, auth, params.id, body),
  }),
  route('POST /api/back-office/catalogs/:id/articles', {
    summary: 'Add an article: its definition is a draft until published',
    params: IdParams,
    body: ArticleCreate,
    ok: ArticleAdminView,
    status: 201,
    handle: ({ auth, params, body }) => service.createArticle(deps, auth, params.id, body),
  }),
  route('GET /api/back-office/articles/:id', {
    summary: 'An article: its draft (or published definition), what the linter says, its versions',
    params: IdParams,
    ok: ArticleAdminView,
    handle: ({ auth, params }) => service.getArticle(deps, auth, params.id),
  }),
  route('PUT /api/back-office/articles/:id', {
    summary: 'Move an article (category, position): applies at once',
    params: IdParams,
    body: ArticlePlacement,
    ok: ArticleAdminView,
    handle: ({ auth, params, body }) => service.placeArticle(deps, auth, params.id, body),
  }),
  route('PUT /api/back-office/articles/:id/draft', {
    summary: 'Save the draft of an article (409 when another manager saved it since)',
    params: IdParams,
    body: ArticleDraftBody,
    ok: ArticleAdminView,
    handle: ({ auth, params, body }) => service.saveDraft(deps, auth, params.id, body),
  }),
  route('POST /api/back-office/articles/:id/discard', {
    summary: 'Drop the draft of an article, back to its published version',
    params: IdParams,
    body: RevisionBody,
    ok: ArticleAdminView,
    handle: ({ auth, params, body }) => service.discardDraft(deps, auth, params.id, body.revision),
  }),
  route('POST /api/back-office/articles/:id/publish', {
    summary:
      'Publish the draft as the next immutable version (refused while the linter finds a problem)',
    params: IdParams,
    body: RevisionBody,
    ok: ArticleAdminView,
    handle: ({ auth, params, body }) => service.publish(deps, auth, params.id, body.revision),
  }),
  route('GET /api/back-office/articles/:id/versions/:version', {
    summary: 'A published version of an article, as requests filled with it render',
    params: ArticleVersionParams,
    ok: ArticleVersionView,
    handle: ({ auth, params }) => service.getVersion(deps, auth, params.id, params.version),
  }),
  route('GET /api/back-office/articles/:id/preview', {
    summary: 'The article’s form as a customer sees it, with items whose attributes prefill it',
    params: IdParams,
    querystring: PreviewQuery,
    ok: ArticlePreview,
    handle: ({ auth, params, query }) => service.preview(deps, auth, params.id, query.assetId),
  }),
]);
