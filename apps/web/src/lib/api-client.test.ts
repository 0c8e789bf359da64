import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, isApiError, toErrorBody, withQuery } from './api-client.ts';

describe('withQuery', () => {
  it('leaves out empty parameters and keeps the others in order', () => {
    expect(
      withQuery('/api/requests', {
        group: 'draft',
        q: '',
        cursor: null,
        contractId: undefined,
        limit: 20,
      }),
    ).toBe('/api/requests?group=draft&limit=20');
  });

  it('returns the bare path without parameters', () => {
    expect(withQuery('/api/contracts')).toBe('/api/contracts');
  });

  it('encodes values', () => {
    expect(withQuery('/x', { q: 'a&b é' })).toBe('/x?q=a%26b+%C3%A9');
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

  function answer(status: number, body: unknown) {
    const fetchMock = vi.fn(
      async () => new Response(body === undefined ? null : JSON.stringify(body), { status }),
    );
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const fetchMock = answer(200, { items: [] });
    await expect(api.post('/api/requests', { action: 'draft' })).resolves.toEqual({ items: [] });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/requests',
      expect.objectContaining({
        method: 'POST',
        credentials: 'same-origin',
        body: '{"action":"draft"}',
        headers: expect.objectContaining({ 'Content-Type': 'application/json' }),
      }),
    );
  });

  it('throws an ApiError carrying the details of a 400', async () => {
    answer(400, {
      error: {
        code: 'form_values_invalid',
        message: 'Invalid values',
        details: [{ path: 'values.lines.0.requested', message: 'Must be greater', rule: 'rule' }],
      },
    });
    const error = await api.post('/api/requests', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error, 'form_values_invalid')).toBe(true);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).details).toEqual([
      { path: 'values.lines.0.requested', message: 'Must be greater', rule: 'rule' },
    ]);
  });

  it('accepts an empty 204', async () => {
    answer(204, undefined);
    await expect(api.delete('/api/requests/1')).resolves.toBeUndefined();
  });

  it('reports a network failure as unavailable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await api.get('/api/session').catch((caught: unknown) => caught);
    expect(isApiError(error, 'unavailable')).toBe(true);
  });
});
