import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import type { ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { DomainError, codeMessage, messageRules, renderMessage, ruleDetail } from '@guichet/domain';
import type {
  ErrorCode,
  ErrorDetail,
  Locale,
  MessageParams,
  MessageReason,
  MessageRule,
} from '@guichet/domain';
import { emptyOnceTrimmed } from '@guichet/contracts';
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
    case 'in_freeze_period':
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

/**
 * The language of an error's words: the signed-in user's, else the first of `fr` / `en` that
 * `Accept-Language` prefers, else French.
 */
export function requestLocale(request: FastifyRequest): Locale {
  const own = request.auth?.user.locale;
  if (own !== undefined) return own;
  const header = request.headers['accept-language'];
  const ranked = (typeof header === 'string' ? header : '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().toLowerCase().split(';');
      const quality = options
        .map((option) => /^\s*q=([0-9.]+)\s*$/.exec(option)?.[1])
        .find((value) => value !== undefined);
      return {
        language: tag.split('-')[0],
        quality: quality === undefined ? 1 : Number(quality),
        index,
      };
    })
    .filter((entry) => entry.quality > 0 && (entry.language === 'fr' || entry.language === 'en'))
    .sort((left, right) => right.quality - left.quality || left.index - right.index);
  return (ranked[0]?.language as Locale | undefined) ?? 'fr';
}

const zodTypes: Record<string, string> = {
  string: 'text',
  number: 'number',
  int: 'integer',
  boolean: 'boolean',
  array: 'list',
  object: 'object',
};

/** A zod issue's code, message and properties (`origin`, `minimum`, `expected`, …). */
export type ZodIssueLike = { code: string; message?: string } & Record<string, unknown>;

/** A request schema's failure (as Fastify reports it) as a catalog rule and its params. */
export function zodRule(issue: ZodFastifySchemaValidationError): {
  rule: MessageRule;
  params: MessageParams;
} {
  return zodIssueRule({
    ...issue.params,
    code: issue.keyword,
    message: issue.message,
  });
}

/** A zod issue as a catalog rule and its params: never zod's English words on a screen. */
export function zodIssueRule(issue: ZodIssueLike): { rule: MessageRule; params: MessageParams } {
  const params = issue;
  const origin = params.origin;
  const bound = (name: 'minimum' | 'maximum') => Number(params[name]);
  const counted = origin === 'string' || origin === 'array' || origin === 'set';
  const custom = (params.params as { rule?: unknown } | undefined)?.rule;
  switch (issue.code) {
    case 'too_small':
      if (issue.message === emptyOnceTrimmed) return { rule: 'empty_once_trimmed', params: {} };
      if (origin === 'string') return { rule: 'minLength', params: { count: bound('minimum') } };
      if (counted) return { rule: 'minItems', params: { count: bound('minimum') } };
      return { rule: 'min', params: { min: bound('minimum') } };
    case 'too_big':
      if (origin === 'string') return { rule: 'maxLength', params: { count: bound('maximum') } };
      if (counted) return { rule: 'maxItems', params: { count: bound('maximum') } };
      return { rule: 'max', params: { max: bound('maximum') } };
    case 'invalid_type':
      // zod says `received undefined` of a key that is missing: that is a required field.
      if (/received undefined/.test(issue.message ?? '')) return { rule: 'required', params: {} };
      return {
        rule: 'type',
        params: { expected: zodTypes[String(params.expected)] ?? String(params.expected) },
      };
    case 'invalid_format':
      return params.format === 'regex'
        ? { rule: 'pattern', params: {} }
        : { rule: 'format', params: { format: String(params.format) } };
    case 'invalid_value':
      return { rule: 'enum', params: {} };
    case 'not_multiple_of':
      return { rule: 'step', params: { step: Number(params.divisor) } };
    case 'unrecognized_keys':
      return { rule: 'unknown', params: {} };
    case 'custom':
      return typeof custom === 'string' && isCatalogRule(custom)
        ? { rule: custom, params: {} }
        : { rule: 'invalid', params: {} };
    default:
      return { rule: 'invalid', params: {} };
  }
}

const catalogRules = new Set<string>(messageRules);

function isCatalogRule(rule: string): rule is MessageRule {
  return catalogRules.has(rule);
}

function reasonMessage(reason: MessageReason, locale: Locale, params?: MessageParams): string {
  return renderMessage(locale, `reasons.${reason}`, params);
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
    const locale = requestLocale(request);
    if (error instanceof DomainError) {
      return reply
        .status(statusOf(error.code))
        .send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const { rule, params } = zodRule(issue);
        return ruleDetail(
          where === 'body' ? path : `${where}.${path}`.replace(/\.$/, ''),
          rule,
          params,
          locale,
        );
      });
      return reply
        .status(400)
        .send(body('validation_failed', codeMessage('validation_failed', locale), details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply
        .status(500)
        .send(body('internal', codeMessage('internal', locale), undefined, request.id));
    }
    if (error.statusCode === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(body('unsupported_media_type', reasonMessage('json_expected', locale)));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send(body('payload_too_large', reasonMessage('body_too_large', locale)));
    }
    if (error.statusCode === 413) {
      // multipart limits (file size, number of files or fields)
      return reply
        .status(413)
        .send(body('payload_too_large', reasonMessage('upload_too_large', locale)));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(body('rate_limited', codeMessage('rate_limited', locale)));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, empty body…
      return reply
        .status(400)
        .send(body('validation_failed', codeMessage('validation_failed', locale)));
    }
    if (isDatabaseDown(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .send(body('unavailable', codeMessage('unavailable', locale), undefined, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(body('internal', codeMessage('internal', locale), undefined, request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every other GET path; unknown /api paths stay JSON 404s.
    if (options.servesWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    const path = request.url.split('?')[0] ?? '';
    reply
      .status(404)
      .send(
        body(
          'not_found',
          reasonMessage('no_route', requestLocale(request), { method: request.method, path }),
        ),
      );
  });
}
