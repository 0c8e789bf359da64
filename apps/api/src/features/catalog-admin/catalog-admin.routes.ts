import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
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
  ErrorBody,
  IdParams,
  PreviewQuery,
  RevisionBody,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as files from './catalog-file.service.ts';
import * as service from './catalog-admin.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['catalog authoring'];

/**
 * Catalog authoring (`/api/back-office/catalogs…`): operators with the role
 * `catalog_manager` or `admin`; anyone else is refused with 403.
 */
export const catalogAdminRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/back-office/catalogs',
    {
      schema: {
        tags,
        summary: 'Every catalog with its categories and articles (published version, draft)',
        response: { 200: CatalogAdminList, ...errors },
      },
    },
    async (request) => ({ items: await service.listCatalogs(deps, authOf(request)) }),
  );

  app.post(
    '/api/back-office/catalogs',
    {
      schema: {
        tags,
        summary: 'Create a catalog: names, help, item types, offers and contracts it applies to',
        body: CatalogInput,
        response: { 201: CatalogAdminView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createCatalog(deps, authOf(request), request.body)),
  );

  app.get(
    '/api/back-office/catalogs/export',
    {
      schema: {
        tags,
        summary: 'The catalogs as a YAML file (published versions), as the import reads it',
        response: { 200: CatalogExport, ...errors },
      },
    },
    async (request) => files.exportCatalogs(deps, authOf(request)),
  );

  app.post(
    '/api/back-office/catalogs/import',
    {
      // A catalogs file may be larger than the other bodies (256 kB): the schema caps it.
      bodyLimit: 2_100_000,
      schema: {
        tags,
        summary:
          'Import a YAML catalogs file: what it would change (`apply: false`), or change it in one transaction',
        body: CatalogImportBody,
        response: { 200: CatalogImportResult, ...errors },
      },
    },
    async (request) => files.importCatalogs(deps, authOf(request), request.body),
  );

  app.get(
    '/api/back-office/catalogs/:id',
    {
      schema: {
        tags,
        summary: 'A catalog with its categories and articles',
        params: IdParams,
        response: { 200: CatalogAdminView, ...errors },
      },
    },
    async (request) => service.getCatalog(deps, authOf(request), request.params.id),
  );

  app.put(
    '/api/back-office/catalogs/:id',
    {
      schema: {
        tags,
        summary: 'Change a catalog (its code never changes)',
        params: IdParams,
        body: CatalogUpdate,
        response: { 200: CatalogAdminView, ...errors },
      },
    },
    async (request) =>
      service.updateCatalog(deps, authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/back-office/catalogs/:id/categories',
    {
      schema: {
        tags,
        summary: 'Add a category to a catalog',
        params: IdParams,
        body: CategoryInput,
        response: { 201: CatalogAdminView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createCategory(deps, authOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/back-office/categories/:id',
    {
      schema: {
        tags,
        summary: 'Change a category (its code never changes)',
        params: IdParams,
        body: CategoryUpdate,
        response: { 200: CatalogAdminView, ...errors },
      },
    },
    async (request) =>
      service.updateCategory(deps, authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/back-office/catalogs/:id/articles',
    {
      schema: {
        tags,
        summary: 'Add an article: its definition is a draft until published',
        params: IdParams,
        body: ArticleCreate,
        response: { 201: ArticleAdminView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createArticle(deps, authOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/back-office/articles/:id',
    {
      schema: {
        tags,
        summary:
          'An article: its draft (or published definition), what the linter says, its versions',
        params: IdParams,
        response: { 200: ArticleAdminView, ...errors },
      },
    },
    async (request) => service.getArticle(deps, authOf(request), request.params.id),
  );

  app.put(
    '/api/back-office/articles/:id',
    {
      schema: {
        tags,
        summary: 'Move an article (category, position): applies at once',
        params: IdParams,
        body: ArticlePlacement,
        response: { 200: ArticleAdminView, ...errors },
      },
    },
    async (request) => service.placeArticle(deps, authOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/back-office/articles/:id/draft',
    {
      schema: {
        tags,
        summary: 'Save the draft of an article (409 when another manager saved it since)',
        params: IdParams,
        body: ArticleDraftBody,
        response: { 200: ArticleAdminView, ...errors },
      },
    },
    async (request) => service.saveDraft(deps, authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/back-office/articles/:id/discard',
    {
      schema: {
        tags,
        summary: 'Drop the draft of an article, back to its published version',
        params: IdParams,
        body: RevisionBody,
        response: { 200: ArticleAdminView, ...errors },
      },
    },
    async (request) =>
      service.discardDraft(deps, authOf(request), request.params.id, request.body.revision),
  );

  app.post(
    '/api/back-office/articles/:id/publish',
    {
      schema: {
        tags,
        summary:
          'Publish the draft as the next immutable version (refused while the linter finds a problem)',
        params: IdParams,
        body: RevisionBody,
        response: { 200: ArticleAdminView, ...errors },
      },
    },
    async (request) =>
      service.publish(deps, authOf(request), request.params.id, request.body.revision),
  );

  app.get(
    '/api/back-office/articles/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'A published version of an article, as requests filled with it render',
        params: ArticleVersionParams,
        response: { 200: ArticleVersionView, ...errors },
      },
    },
    async (request) =>
      service.getVersion(deps, authOf(request), request.params.id, request.params.version),
  );

  app.get(
    '/api/back-office/articles/:id/preview',
    {
      schema: {
        tags,
        summary: 'The article’s form as a customer sees it, with items whose attributes prefill it',
        params: IdParams,
        querystring: PreviewQuery,
        response: { 200: ArticlePreview, ...errors },
      },
    },
    async (request) =>
      service.preview(deps, authOf(request), request.params.id, request.query.assetId),
  );
  done();
};
