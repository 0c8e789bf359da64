import createClient, { createFinalURL, defaultPathSerializer } from 'openapi-fetch';
import type { ClientOptions, ClientPathsWithMethod } from 'openapi-fetch';
import type { ErrorBody } from '@guichet/contracts';
import type { ErrorCode } from '@guichet/domain';
import type { paths } from './api-schema.ts';

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

export function networkError(): ApiError {
  return new ApiError(0, { error: { code: 'unavailable', message: 'Network error' } });
}

/** The defined parameters as a query string, in their order; empty ones (`''`, null) left out. */
function toSearch(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    // The API's query parameters are all scalars (no array or object in the document).
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new TypeError(`Query parameter ${key} is not a scalar`);
    search.set(key, String(value));
  }
  return search.toString();
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Same-origin cookies, JSON in and out; a network failure becomes an `ApiError` (`unavailable`),
 * an abort stays an abort. `fetch` is read at each call, not at start-up (tests stub it).
 */
const clientOptions = {
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: toSearch,
  fetch: async (request: Request) => {
    try {
      return await fetch(request);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw networkError();
    }
  },
} satisfies ClientOptions;

/** A client typed by the API's paths (`api-schema.ts`, generated from docs/openapi.json). */
export function createApiClient(options: Pick<ClientOptions, 'baseUrl'> = {}) {
  const client = createClient<paths>({ ...clientOptions, ...options });

  /**
   * The same call, answering the success body (its type from the document) or throwing an
   * `ApiError` with the error body. A 204 answers `undefined`.
   */
  function unwrapping<Args extends unknown[], Answer extends Fetched>(
    call: (...args: Args) => Promise<Answer>,
  ): (...args: Args) => Promise<SuccessOf<Answer>> {
    return async (...args) => {
      const { data, error, response } = await call(...args);
      if (!response.ok)
        throw new ApiError(
          response.status,
          toErrorBody(response.status, error, response.statusText),
        );
      return (response.status === 204 ? undefined : data) as SuccessOf<Answer>;
    };
  }

  return {
    GET: unwrapping(client.GET),
    POST: unwrapping(client.POST),
    PUT: unwrapping(client.PUT),
    PATCH: unwrapping(client.PATCH),
    DELETE: unwrapping(client.DELETE),
  };
}

interface Fetched {
  data?: unknown;
  error?: unknown;
  response: Response;
}
/** A 204's body is described as JSON `null` in the document; the client answers `undefined`. */
type SuccessOf<Answer> = Answer extends { data: infer Data; error?: never }
  ? [Data] extends [null]
    ? undefined
    : Data
  : never;

/** The one way the web app talks to the API: `api.GET('/api/requests/{id}', { params: … })`. */
export const api = createApiClient();

export type ApiPath<M extends Method> = ClientPathsWithMethod<
  ReturnType<typeof createClient<paths>>,
  M
>;

type Operation<M extends Method, P extends ApiPath<M>> = paths[P][M];

/** What `M P` answers on success, from the document (a 204: `undefined`, as the client does). */
export type ApiResponse<M extends Method, P extends ApiPath<M>> =
  Operation<M, P> extends { responses: infer Responses }
    ? {
        [Status in keyof Responses]: Status extends 200 | 201 | 204
          ? Responses[Status] extends { content: { 'application/json': infer Body } }
            ? [Body] extends [null]
              ? undefined
              : Body
            : undefined
          : never;
      }[keyof Responses]
    : never;

/** The JSON body `M P` takes, from the document. */
export type ApiBody<M extends Method, P extends ApiPath<M>> =
  Operation<M, P> extends { requestBody: { content: { 'application/json': infer Body } } }
    ? Body
    : never;

/** The query parameters `M P` takes, from the document. */
export type ApiQuery<M extends Method, P extends ApiPath<M>> =
  Operation<M, P> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/**
 * The body of a file upload, as multipart/form-data with the field `file`. The document does not
 * describe multipart bodies (the routes read the stream themselves), so the body is typed `never`
 * to fit an operation without a JSON body; the answer stays typed by the document.
 */
export function fileBody(file: File): { body: never } {
  const form = new FormData();
  form.append('file', file, file.name);
  return { body: form as never };
}

type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [Key in Name | keyof PathParams<Rest>]: string }
  : Record<never, string>;

/**
 * The address of a call made without the client (an upload that reports its progress), built
 * like the client's: a path of the document, its path parameters encoded, its query typed.
 */
export function apiUrl<M extends Method, P extends ApiPath<M>>(
  _method: M,
  path: P,
  params: { path?: PathParams<P>; query?: ApiQuery<M, P> } = {},
): string {
  return createFinalURL(path, {
    baseUrl: '',
    params,
    querySerializer: toSearch,
    pathSerializer: defaultPathSerializer,
  });
}

/** The address of a GET the browser itself follows: a download link, an event stream. */
export function apiHref<P extends ApiPath<'get'>>(
  path: P,
  params: { path?: PathParams<P>; query?: ApiQuery<'get', P> } = {},
): string {
  return apiUrl('get', path, params);
}
