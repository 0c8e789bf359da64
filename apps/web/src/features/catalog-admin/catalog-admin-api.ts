import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ArticleCreate,
  ArticleDefinition,
  ArticlePlacement,
  CatalogInput,
  CatalogUpdate,
  CategoryInput,
  CategoryUpdate,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import type { ApiResponse } from '../../lib/api-client.ts';
import { withForm } from '../../lib/form-values.ts';

export const catalogAdminKeys = {
  all: ['catalog-admin'] as const,
  list: ['catalog-admin', 'catalogs'] as const,
  catalog: (id: string) => ['catalog-admin', 'catalog', id] as const,
  article: (id: string) => ['catalog-admin', 'article', id] as const,
  preview: (id: string, assetId: string | null) =>
    ['catalog-admin', 'preview', id, assetId] as const,
};

export function useAdminCatalogs() {
  return useQuery({
    queryKey: catalogAdminKeys.list,
    queryFn: ({ signal }) => api.GET('/api/back-office/catalogs', { signal }),
  });
}

export function useAdminCatalog(id: string) {
  return useQuery({
    queryKey: catalogAdminKeys.catalog(id),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/catalogs/{id}', { params: { path: { id } }, signal }),
  });
}

export function useAdminArticle(id: string) {
  return useQuery({
    queryKey: catalogAdminKeys.article(id),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/articles/{id}', { params: { path: { id } }, signal }),
    select: withDefinitionForm,
  });
}

export function useArticlePreview(id: string, assetId: string | null) {
  return useQuery({
    queryKey: catalogAdminKeys.preview(id, assetId),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/articles/{id}/preview', {
        params: { path: { id }, query: { assetId: assetId ?? undefined } },
        signal,
      }),
    staleTime: 60_000,
  });
}

type ArticleAnswer = ApiResponse<'get', '/api/back-office/articles/{id}'>;

/** The article with its definition's form typed (`withForm`). */
function withDefinitionForm(article: ArticleAnswer) {
  return { ...article, definition: withForm(article.definition) };
}

/** After any write: the lists and views of catalogs are read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: catalogAdminKeys.all });
}

export function useSaveCatalog(id: string | null) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CatalogInput) =>
      id === null
        ? api.POST('/api/back-office/catalogs', { body })
        : api.PUT('/api/back-office/catalogs/{id}', {
            params: { path: { id } },
            body: {
              name: body.name,
              help: body.help,
              assetTypes: body.assetTypes,
              offers: body.offers,
              contractIds: body.contractIds,
              position: body.position,
            } satisfies CatalogUpdate,
          }),
    onSuccess: refresh,
  });
}

export function useSaveCategory(catalogId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CategoryInput }) =>
      id === null
        ? api.POST('/api/back-office/catalogs/{id}/categories', {
            params: { path: { id: catalogId } },
            body,
          })
        : api.PUT('/api/back-office/categories/{id}', {
            params: { path: { id } },
            body: {
              name: body.name,
              help: body.help,
              position: body.position,
            } satisfies CategoryUpdate,
          }),
    onSuccess: refresh,
  });
}

export function useCreateArticle(catalogId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ArticleCreate) =>
      api.POST('/api/back-office/catalogs/{id}/articles', {
        params: { path: { id: catalogId } },
        body,
      }),
    onSuccess: refresh,
  });
}

export function usePlaceArticle() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, placement }: { id: string; placement: ArticlePlacement }) =>
      api.PUT('/api/back-office/articles/{id}', { params: { path: { id } }, body: placement }),
    onSuccess: refresh,
  });
}

/** Draft, discard and publish of one article: each answers the article as it now is. */
export function useArticleActions(id: string) {
  const queryClient = useQueryClient();
  const settle = (article: ArticleAnswer) => {
    queryClient.setQueryData(catalogAdminKeys.article(id), article);
    void queryClient.invalidateQueries({ queryKey: catalogAdminKeys.list });
    void queryClient.invalidateQueries({ queryKey: ['catalog-admin', 'catalog'] });
    void queryClient.invalidateQueries({ queryKey: ['catalog-admin', 'preview', id] });
    // Customers' catalogs change with a publication.
    void queryClient.invalidateQueries({ queryKey: ['catalogs'] });
  };
  return {
    save: useMutation({
      mutationFn: (body: { definition: ArticleDefinition; revision: number }) =>
        api
          .PUT('/api/back-office/articles/{id}/draft', { params: { path: { id } }, body })
          .then(withDefinitionForm),
      onSuccess: settle,
    }),
    discard: useMutation({
      mutationFn: (revision: number) =>
        api
          .POST('/api/back-office/articles/{id}/discard', {
            params: { path: { id } },
            body: { revision },
          })
          .then(withDefinitionForm),
      onSuccess: settle,
    }),
    publish: useMutation({
      mutationFn: (revision: number) =>
        api
          .POST('/api/back-office/articles/{id}/publish', {
            params: { path: { id } },
            body: { revision },
          })
          .then(withDefinitionForm),
      onSuccess: settle,
    }),
  };
}

export function exportCatalogs() {
  return api.GET('/api/back-office/catalogs/export');
}

export function useImportCatalogs() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { yaml: string; apply: boolean }) =>
      api.POST('/api/back-office/catalogs/import', { body }),
    onSuccess: (result) => {
      if (result.applied) void refresh();
    },
  });
}
