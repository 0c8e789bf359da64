import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ArticleAdminView,
  ArticleCreate,
  ArticleDefinition,
  ArticlePlacement,
  ArticlePreview,
  CatalogAdminList,
  CatalogAdminView,
  CatalogExport,
  CatalogImportResult,
  CatalogInput,
  CatalogUpdate,
  CategoryInput,
  CategoryUpdate,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

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
    queryFn: ({ signal }) =>
      api.get<CatalogAdminList>('/api/back-office/catalogs', undefined, signal),
  });
}

export function useAdminCatalog(id: string) {
  return useQuery({
    queryKey: catalogAdminKeys.catalog(id),
    queryFn: ({ signal }) =>
      api.get<CatalogAdminView>(`/api/back-office/catalogs/${id}`, undefined, signal),
  });
}

export function useAdminArticle(id: string) {
  return useQuery({
    queryKey: catalogAdminKeys.article(id),
    queryFn: ({ signal }) =>
      api.get<ArticleAdminView>(`/api/back-office/articles/${id}`, undefined, signal),
  });
}

export function useArticlePreview(id: string, assetId: string | null) {
  return useQuery({
    queryKey: catalogAdminKeys.preview(id, assetId),
    queryFn: ({ signal }) =>
      api.get<ArticlePreview>(
        `/api/back-office/articles/${id}/preview`,
        { assetId: assetId ?? undefined },
        signal,
      ),
    staleTime: 60_000,
  });
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
        ? api.post<CatalogAdminView>('/api/back-office/catalogs', body)
        : api.put<CatalogAdminView>(`/api/back-office/catalogs/${id}`, {
            name: body.name,
            help: body.help,
            assetTypes: body.assetTypes,
            offers: body.offers,
            contractIds: body.contractIds,
            position: body.position,
          } satisfies CatalogUpdate),
    onSuccess: refresh,
  });
}

export function useSaveCategory(catalogId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CategoryInput }) =>
      id === null
        ? api.post<CatalogAdminView>(`/api/back-office/catalogs/${catalogId}/categories`, body)
        : api.put<CatalogAdminView>(`/api/back-office/categories/${id}`, {
            name: body.name,
            help: body.help,
            position: body.position,
          } satisfies CategoryUpdate),
    onSuccess: refresh,
  });
}

export function useCreateArticle(catalogId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ArticleCreate) =>
      api.post<ArticleAdminView>(`/api/back-office/catalogs/${catalogId}/articles`, body),
    onSuccess: refresh,
  });
}

export function usePlaceArticle() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, placement }: { id: string; placement: ArticlePlacement }) =>
      api.put<ArticleAdminView>(`/api/back-office/articles/${id}`, placement),
    onSuccess: refresh,
  });
}

/** Draft, discard and publish of one article: each answers the article as it now is. */
export function useArticleActions(id: string) {
  const queryClient = useQueryClient();
  const settle = (article: ArticleAdminView) => {
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
        api.put<ArticleAdminView>(`/api/back-office/articles/${id}/draft`, body),
      onSuccess: settle,
    }),
    discard: useMutation({
      mutationFn: (revision: number) =>
        api.post<ArticleAdminView>(`/api/back-office/articles/${id}/discard`, { revision }),
      onSuccess: settle,
    }),
    publish: useMutation({
      mutationFn: (revision: number) =>
        api.post<ArticleAdminView>(`/api/back-office/articles/${id}/publish`, { revision }),
      onSuccess: settle,
    }),
  };
}

export function exportCatalogs(): Promise<CatalogExport> {
  return api.get<CatalogExport>('/api/back-office/catalogs/export');
}

export function useImportCatalogs() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { yaml: string; apply: boolean }) =>
      api.post<CatalogImportResult>('/api/back-office/catalogs/import', body),
    onSuccess: (result) => {
      if (result.applied) void refresh();
    },
  });
}
