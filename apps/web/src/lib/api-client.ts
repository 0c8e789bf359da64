import type { ErrorBody } from '@guichet/contracts';
import type { ErrorCode } from '@guichet/domain';

export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

/** A non-2xx answer of the API, carrying its error body (`{ error: { code, message, details } }`). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.error.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get code(): ErrorCode {
    return this.body.error.code;
  }

  get details(): ErrorDetail[] {
    return this.body.error.details ?? [];
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** The code to report when the answer carries no error body (a proxy's 502, a crash page…). */
function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

/** Turns any answer body into an `ErrorBody`, whatever the server sent. */
export function toErrorBody(status: number, payload: unknown, statusText = ''): ErrorBody {
  if (isErrorBody(payload)) return payload;
  return { error: { code: fallbackCode(status), message: statusText || `HTTP ${status}` } };
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `/api/x` + the defined parameters, in a stable order (they end up in cache keys too). */
export function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { error: { code: 'unavailable', message: 'Network error' } });
  }
  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }
  if (!response.ok)
    throw new ApiError(response.status, toErrorBody(response.status, payload, response.statusText));
  return payload as T;
}

/** The one way the web app talks to the API: same-origin cookies, JSON in and out. */
export const api = {
  get: <T>(path: string, params?: QueryParams, signal?: AbortSignal) =>
    send<T>('GET', withQuery(path, params), undefined, signal),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal, headers?: Record<string, string>) =>
    send<T>('POST', path, body ?? {}, signal, headers),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => send<T>('PATCH', path, body ?? {}),
  delete: <T = void>(path: string) => send<T>('DELETE', path),
};
