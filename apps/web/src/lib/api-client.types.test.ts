import { describe, expectTypeOf, it } from 'vitest';
import type { RequestDetail, SessionView } from '@guichet/contracts';
import { api, apiHref } from './api-client.ts';
import type { ApiResponse } from './api-client.ts';

/**
 * What the client's types refuse, checked by `npm run typecheck` (apps/web/tsconfig.json takes
 * in every file of src): each `@ts-expect-error` fails the build the day its line compiles.
 * The calls are never made (`typeOnly`); vitest only runs the `expectTypeOf` checks.
 */
function typeOnly(_calls: () => unknown): void {}

describe('the API client, by its types', () => {
  it('answers the type the document gives the path', () => {
    const getRequest = (id: string) => api.GET('/api/requests/{id}', { params: { path: { id } } });
    expectTypeOf(getRequest).returns.resolves.toEqualTypeOf<
      ApiResponse<'get', '/api/requests/{id}'>
    >();
    expectTypeOf<ApiResponse<'get', '/api/requests/{id}'>>().toMatchTypeOf<RequestDetail>();
    expectTypeOf<ApiResponse<'get', '/api/session'>>().toMatchTypeOf<SessionView>();
    expectTypeOf<ApiResponse<'delete', '/api/requests/{id}'>>().toEqualTypeOf<undefined>();
  });

  it('refuses a path paired with another path’s answer', () => {
    typeOnly(async () => {
      // @ts-expect-error the session is not what a request's path answers
      const session: SessionView = await api.GET('/api/requests/{id}', {
        params: { path: { id: 'x' } },
      });
      // @ts-expect-error a request is not what the session's path answers
      const request: RequestDetail = await api.GET('/api/session');
      return [session, request];
    });
    expectTypeOf<ApiResponse<'get', '/api/session'>>().not.toMatchTypeOf<RequestDetail>();
  });

  it('refuses a path the document does not have, or not for that method', () => {
    typeOnly(() => [
      // @ts-expect-error no such path
      api.GET('/api/request/{id}', { params: { path: { id: 'x' } } }),
      // @ts-expect-error GET only: the session is not replaced with PUT
      api.PUT('/api/session', { body: {} }),
      // @ts-expect-error no such path for a link either
      apiHref('/api/nope'),
    ]);
  });

  it('refuses missing path parameters, unknown query parameters and wrong bodies', () => {
    typeOnly(() => [
      // @ts-expect-error the request's id is required
      api.GET('/api/requests/{id}'),
      // @ts-expect-error `groupe` is not a parameter of the list
      api.GET('/api/requests', { params: { query: { groupe: 'draft' } } }),
      // @ts-expect-error `pending` is not a portal group
      api.GET('/api/requests', { params: { query: { group: 'pending' } } }),
      // @ts-expect-error a login needs an e-mail and a password
      api.POST('/api/session', { body: { email: 'a@b.c' } }),
    ]);
  });
});
