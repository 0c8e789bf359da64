import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiHref,
  apiUrl,
  createApiClient,
  isApiError,
  toErrorBody,
} from './api-client.ts';

describe('apiHref', () => {
  it('leaves out empty parameters and keeps the others in order', () => {
    expect(
      apiHref('/api/requests', {
        query: { group: 'draft', q: '', contractId: undefined, limit: 20 },
      }),
    ).toBe('/api/requests?group=draft&limit=20');
  });

  it('returns the bare path without parameters', () => {
    expect(apiHref('/api/contracts')).toBe('/api/contracts');
  });

  it('encodes values', () => {
    expect(apiHref('/api/requests', { query: { q: 'a&b é' } })).toBe(
      '/api/requests?q=a%26b+%C3%A9',
    );
  });

  it('puts the path parameters in, encoded', () => {
    expect(
      apiHref('/api/requests/{id}/attachments/{attachmentId}', {
        path: { id: 'a/b', attachmentId: 'c d' },
      }),
    ).toBe('/api/requests/a%2Fb/attachments/c%20d');
  });

  it('builds the address of any method (an upload made without the client)', () => {
    expect(
      apiUrl('post', '/api/back-office/inventory/sync', {
        query: { mode: 'full', dryRun: 'true', strict: 'false' },
      }),
    ).toBe('/api/back-office/inventory/sync?mode=full&dryRun=true&strict=false');
  });
});

describe('toErrorBody', () => {
  it('keeps an error body as the API sent it', () => {
    const body = {
      error: {
        code: 'form_values_invalid',
        message: 'Invalid',
        details: [{ path: 'values.lines.0.requested', message: 'Too low' }],
      },
    };
    expect(toErrorBody(400, body)).toBe(body);
  });

  it.each([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [429, 'rate_limited'],
    [502, 'unavailable'],
    [500, 'internal'],
  ])('makes one up for a bare %i', (status, code) => {
    expect(toErrorBody(status, '<html>Bad gateway</html>', 'Bad Gateway').error).toEqual({
      code,
      message: 'Bad Gateway',
    });
  });
});

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  // Node's Request needs an absolute address; the browser resolves '' against the page.
  const api = createApiClient({ baseUrl: 'http://guichet.test' });

  function answer(status: number, body: unknown, init: ResponseInit = {}) {
    const fetchMock = vi.fn((_request: Request) =>
      Promise.resolve(
        new Response(body === undefined ? null : JSON.stringify(body), { status, ...init }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  function sent(fetchMock: ReturnType<typeof answer>): Request {
    const request = fetchMock.mock.calls[0]?.[0];
    if (!request) throw new Error('nothing was sent');
    return request;
  }

  const draft = {
    action: 'draft',
    contractId: '00000000-0000-4000-8000-000000000001',
    outsideBusinessHours: false,
  } as const;

  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const fetchMock = answer(200, { items: [] });
    await expect(api.POST('/api/requests', { body: draft })).resolves.toEqual({ items: [] });
    const request = sent(fetchMock);
    expect(request.url).toBe('http://guichet.test/api/requests');
    expect(request.method).toBe('POST');
    expect(request.credentials).toBe('same-origin');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(request.headers.get('Accept')).toBe('application/json');
    expect(await request.text()).toBe(JSON.stringify(draft));
  });

  it('sends the query and the extra headers it is given', async () => {
    const fetchMock = answer(200, { items: [], nextCursor: null });
    await api.GET('/api/requests', { params: { query: { group: 'draft', q: '', limit: 20 } } });
    expect(sent(fetchMock).url).toBe('http://guichet.test/api/requests?group=draft&limit=20');
    await api.POST('/api/requests', { body: draft, headers: { 'Idempotency-Key': 'key-1' } });
    expect(fetchMock.mock.calls[1]?.[0].headers.get('Idempotency-Key')).toBe('key-1');
  });

  it('sends a GET without a body or a Content-Type', async () => {
    const fetchMock = answer(200, {});
    await api.GET('/api/session');
    const request = sent(fetchMock);
    expect(request.method).toBe('GET');
    expect(request.body).toBeNull();
    expect(request.headers.get('Content-Type')).toBeNull();
  });

  it('throws an ApiError carrying the details of a 400', async () => {
    answer(400, {
      error: {
        code: 'form_values_invalid',
        message: 'Invalid values',
        details: [{ path: 'values.lines.0.requested', message: 'Must be greater', rule: 'rule' }],
      },
    });
    const error = await api
      .POST('/api/requests', { body: draft })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error, 'form_values_invalid')).toBe(true);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).details).toEqual([
      { path: 'values.lines.0.requested', message: 'Must be greater', rule: 'rule' },
    ]);
  });

  it('makes an error body up for an answer without one', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
        ),
      ),
    );
    const error = await api.GET('/api/session').catch((caught: unknown) => caught);
    expect(isApiError(error, 'unavailable')).toBe(true);
    expect((error as ApiError).status).toBe(502);
  });

  it('accepts an empty 204', async () => {
    answer(204, undefined);
    await expect(
      api.DELETE('/api/requests/{id}', { params: { path: { id: 'x' } } }),
    ).resolves.toBeUndefined();
  });

  it('reports a network failure as unavailable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await api.GET('/api/session').catch((caught: unknown) => caught);
    expect(isApiError(error, 'unavailable')).toBe(true);
  });

  it('lets an abort through as an abort', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new DOMException('Aborted', 'AbortError'))),
    );
    const error = await api.GET('/api/session').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });
});
