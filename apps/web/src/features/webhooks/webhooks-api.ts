import { useQuery } from '@tanstack/react-query';
import type {
  CreateBackOfficeWebhookBody,
  CreateWebhookBody,
  UpdateWebhookBody,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';

/** Whose subscriptions a page shows: the provider's (back-office) or the customer's. */
export type WebhookScope = 'provider' | 'customer';

export const webhookKeys = {
  all: (scope: WebhookScope) => ['webhooks', scope] as const,
  one: (scope: WebhookScope, id: string) => ['webhooks', scope, id] as const,
  deliveries: (scope: WebhookScope, id: string) => ['webhooks', scope, id, 'deliveries'] as const,
};

export function useWebhooks(scope: WebhookScope) {
  return useQuery({
    queryKey: webhookKeys.all(scope),
    queryFn: ({ signal }) =>
      scope === 'provider'
        ? api.GET('/api/back-office/webhooks', { signal })
        : api.GET('/api/webhooks', { signal }),
  });
}

export function useWebhook(scope: WebhookScope, id: string) {
  return useQuery({
    queryKey: webhookKeys.one(scope, id),
    queryFn: ({ signal }) => {
      const params = { path: { id } };
      return scope === 'provider'
        ? api.GET('/api/back-office/webhooks/{id}', { params, signal })
        : api.GET('/api/webhooks/{id}', { params, signal });
    },
  });
}

export function useWebhookDeliveries(scope: WebhookScope, id: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(scope, id),
    queryFn: ({ signal }) => {
      const params = { path: { id }, query: { limit: 50 } };
      return scope === 'provider'
        ? api.GET('/api/back-office/webhooks/{id}/deliveries', { params, signal })
        : api.GET('/api/webhooks/{id}/deliveries', { params, signal });
    },
  });
}

export function useCreateWebhook(scope: WebhookScope) {
  return useInvalidatingMutation(
    (body: CreateWebhookBody | CreateBackOfficeWebhookBody) =>
      scope === 'provider'
        ? api.POST('/api/back-office/webhooks', { body })
        : api.POST('/api/webhooks', { body: body as CreateWebhookBody }),
    [webhookKeys.all(scope)],
  );
}

export function useUpdateWebhook(scope: WebhookScope, id: string) {
  return useInvalidatingMutation(
    (body: UpdateWebhookBody) => {
      const params = { path: { id } };
      return scope === 'provider'
        ? api.PATCH('/api/back-office/webhooks/{id}', { params, body })
        : api.PATCH('/api/webhooks/{id}', { params, body });
    },
    [webhookKeys.all(scope)],
  );
}

export function useDeleteWebhook(scope: WebhookScope, id: string) {
  return useInvalidatingMutation(() => {
    const params = { path: { id } };
    return scope === 'provider'
      ? api.DELETE('/api/back-office/webhooks/{id}', { params })
      : api.DELETE('/api/webhooks/{id}', { params });
  }, [webhookKeys.all(scope)]);
}

export function useRotateWebhookSecret(scope: WebhookScope, id: string) {
  return useInvalidatingMutation(
    (overlapHours: number) => {
      const params = { path: { id } };
      const body = { overlapHours };
      return scope === 'provider'
        ? api.POST('/api/back-office/webhooks/{id}/rotate-secret', { params, body })
        : api.POST('/api/webhooks/{id}/rotate-secret', { params, body });
    },
    [webhookKeys.all(scope)],
  );
}

export function useReplayWebhookMessage(scope: WebhookScope, id: string) {
  return useInvalidatingMutation(
    (messageId: string) => {
      const params = { path: { id, messageId } };
      return scope === 'provider'
        ? api.POST('/api/back-office/webhooks/{id}/messages/{messageId}/replay', { params })
        : api.POST('/api/webhooks/{id}/messages/{messageId}/replay', { params });
    },
    [webhookKeys.all(scope)],
  );
}
