import { useQuery } from '@tanstack/react-query';
import type { ArticleExecutionBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';

/** How an article version is executed (decision 0032): by agents, or by an executor. */
const executionKeys = {
  executors: ['catalog-admin', 'executors'] as const,
  setting: (articleId: string, version: number) =>
    ['catalog-admin', 'execution', articleId, version] as const,
};

export function useExecutors() {
  return useQuery({
    queryKey: executionKeys.executors,
    queryFn: ({ signal }) => api.GET('/api/back-office/executors', { signal }),
  });
}

export function useArticleExecution(articleId: string, version: number) {
  return useQuery({
    queryKey: executionKeys.setting(articleId, version),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/articles/{id}/versions/{version}/execution', {
        params: { path: { id: articleId, version } },
        signal,
      }),
  });
}

export function useSetArticleExecution(articleId: string, version: number) {
  return useInvalidatingMutation(
    (body: ArticleExecutionBody) =>
      api.PUT('/api/back-office/articles/{id}/versions/{version}/execution', {
        params: { path: { id: articleId, version } },
        body,
      }),
    [executionKeys.setting(articleId, version)],
  );
}
