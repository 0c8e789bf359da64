import type { z } from 'zod';
import { ArticleAdminView, CatalogAdminView } from '@guichet/contracts';
import type { ArticleDefinition } from '@guichet/contracts';
import type { FormDefinition, Text } from '@guichet/domain';
import { bodyOf } from './harness.ts';
import type { Harness } from './harness.ts';

let counter = 0;
/** A catalog or article code no other test uses. */
export function uniqueCode(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

export const text = (fr: string, en = fr): Text => ({ fr, en });

/**
 * « Gérer mes licences », as a catalog manager would shape it: conditional fields (how many
 * to add, or to remove; the reason, only for large removals), conditionally required ones,
 * cross-field rules (no more removed than held; a date in the future), a decimal with a step
 * and a multiple choice.
 */
export const licenceForm: FormDefinition = {
  fields: [
    {
      key: 'action',
      kind: 'choice',
      label: text('Opération', 'Operation'),
      required: true,
      options: [
        { value: 'add', label: text('Ajouter', 'Add') },
        { value: 'remove', label: text('Retirer', 'Remove') },
      ],
    },
    {
      key: 'held',
      kind: 'integer',
      label: text('Licences détenues', 'Licences held'),
      prefill: 'licencesHeld',
      readOnly: true,
    },
    {
      key: 'added',
      kind: 'integer',
      label: text('Licences à ajouter', 'Licences to add'),
      min: 1,
      max: 1000,
      visibleWhen: { op: 'equals', field: 'action', value: 'add' },
      requiredWhen: { op: 'equals', field: 'action', value: 'add' },
    },
    {
      key: 'removed',
      kind: 'integer',
      label: text('Licences à retirer', 'Licences to remove'),
      min: 1,
      visibleWhen: { op: 'equals', field: 'action', value: 'remove' },
      requiredWhen: { op: 'equals', field: 'action', value: 'remove' },
    },
    {
      key: 'reason',
      kind: 'text',
      multiline: true,
      label: text('Motif du retrait', 'Why remove them'),
      minLength: 5,
      visibleWhen: { op: 'gte', field: 'removed', value: 10 },
      requiredWhen: { op: 'gte', field: 'removed', value: 10 },
    },
    {
      key: 'bandwidth',
      kind: 'decimal',
      label: text('Bande passante (Gbit/s)', 'Bandwidth (Gbit/s)'),
      min: 0.5,
      max: 10,
      step: 0.5,
    },
    {
      key: 'sites',
      kind: 'multichoice',
      label: text('Sites', 'Sites'),
      options: [
        { value: 'paris', label: text('Paris') },
        { value: 'lyon', label: text('Lyon') },
      ],
    },
    { key: 'wanted', kind: 'date', label: text('Date souhaitée', 'Wanted date') },
  ],
  rules: [
    {
      kind: 'compare',
      field: 'removed',
      op: 'lte',
      than: { asset: 'licencesHeld' },
      message: text(
        'Vous ne pouvez pas retirer plus de licences que vous n’en détenez',
        'You cannot remove more licences than you hold',
      ),
    },
    {
      kind: 'futureDate',
      field: 'wanted',
      message: text('Choisissez une date future', 'Choose a date in the future'),
    },
  ],
};

export function definitionOf(form: FormDefinition, name = 'Article de test'): ArticleDefinition {
  return {
    name: text(name, `${name} (en)`),
    help: null,
    billingMode: 'included',
    priceTokens: 0,
    form,
  };
}

async function call<Schema extends z.ZodType>(
  h: Harness,
  cookie: string,
  schema: Schema,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
): Promise<z.output<Schema>> {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (response.statusCode >= 300) {
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  }
  return bodyOf(response, schema);
}

/** A new catalog for the given item types and offers (through the back-office API). */
export async function createCatalog(
  h: Harness,
  cookie: string,
  options: { assetTypes?: string[]; offers?: string[]; contractIds?: string[] } = {},
): Promise<CatalogAdminView> {
  const code = uniqueCode('test');
  return call(h, cookie, CatalogAdminView, 'POST', '/api/back-office/catalogs', {
    code,
    name: text(`Catalogue ${code}`, `Catalog ${code}`),
    assetTypes: options.assetTypes ?? ['fe_tenant', 'rds_licence_pool'],
    offers: options.offers ?? ['Flexible Engine'],
    contractIds: options.contractIds ?? [],
  });
}

/** A new article of `catalogId` with `form`, published as version 1. */
export async function publishArticle(
  h: Harness,
  cookie: string,
  catalogId: string,
  form: FormDefinition,
  definition: Partial<ArticleDefinition> = {},
): Promise<ArticleAdminView> {
  const created = await call(
    h,
    cookie,
    ArticleAdminView,
    'POST',
    `/api/back-office/catalogs/${catalogId}/articles`,
    { code: uniqueCode('article'), definition: { ...definitionOf(form), ...definition } },
  );
  return call(
    h,
    cookie,
    ArticleAdminView,
    'POST',
    `/api/back-office/articles/${created.id}/publish`,
    {
      revision: created.revision,
    },
  );
}

/** Publishes `form` as the next version of an article. */
export async function publishNextVersion(
  h: Harness,
  cookie: string,
  article: ArticleAdminView,
  form: FormDefinition,
): Promise<ArticleAdminView> {
  const current = await call(
    h,
    cookie,
    ArticleAdminView,
    'GET',
    `/api/back-office/articles/${article.id}`,
  );
  const saved = await call(
    h,
    cookie,
    ArticleAdminView,
    'PUT',
    `/api/back-office/articles/${article.id}/draft`,
    { definition: { ...current.definition, form }, revision: current.revision },
  );
  return call(
    h,
    cookie,
    ArticleAdminView,
    'POST',
    `/api/back-office/articles/${article.id}/publish`,
    {
      revision: saved.revision,
    },
  );
}
