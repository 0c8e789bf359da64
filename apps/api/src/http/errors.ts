import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { DomainError } from '@guichet/domain';
import type { ErrorCode, ErrorDetail } from '@guichet/domain';
import type { ErrorBody } from '@guichet/contracts';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'form_values_invalid':
    case 'billing_not_acknowledged':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    // contract_inactive: a state of the contract, not of the caller's rights, so 409 like the
    // other states that refuse a move (decision 0014); 403 stays for who the caller is.
    case 'conflict':
    case 'invalid_transition':
    case 'contract_inactive':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

function body(
  code: ErrorCode,
  message: string,
  details?: ErrorDetail[],
  requestId?: string,
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(requestId ? { requestId } : {}),
      ...(details && details.length > 0 ? { details } : {}),
    },
  };
}

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** The database cannot be reached or is going away: the client should retry later (503). */
function isDatabaseDown(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  return (
    (typeof code === 'string' &&
      (connectionErrorCodes.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))) ||
    /timeout exceeded when trying to connect|Connection terminated|connection error|terminating connection/i.test(
      message,
    )
  );
}

/** One error body for everything (STYLE "Errors"); no stack trace or SQL ever leaves. */
export function registerErrorHandling(app: FastifyInstance, options: { servesWeb: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply
        .status(statusOf(error.code))
        .send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const rule = (issue.params as { params?: { rule?: unknown } } | undefined)?.params?.rule;
        return {
          path: where === 'body' ? path : `${where}.${path}`.replace(/\.$/, ''),
          message: issue.message ?? 'invalid',
          ...(typeof rule === 'string' ? { rule } : {}),
        };
      });
      return reply.status(400).send(body('validation_failed', 'The request is not valid', details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send(body('internal', 'Internal error', undefined, request.id));
    }
    if (error.statusCode === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(body('validation_failed', 'Content-Type must be application/json'));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(body('validation_failed', 'The request body is too large'));
    }
    if (error.statusCode === 413) {
      // multipart limits (file size, number of files or fields)
      return reply
        .status(413)
        .send(body('payload_too_large', 'The upload exceeds the limits (one file of 10 MB)'));
    }
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send(body('rate_limited', 'Too many attempts: try again in a minute'));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, empty body…
      return reply.status(400).send(body('validation_failed', 'The request is not valid'));
    }
    if (isDatabaseDown(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .send(body('unavailable', 'The service is temporarily unavailable', undefined, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Internal error', undefined, request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every other GET path; unknown /api paths stay JSON 404s.
    if (options.servesWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    reply
      .status(404)
      .send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
