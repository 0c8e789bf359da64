import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  DomainError,
  findTextFaults,
  jsonNestsDeeperThan,
  maxJsonDepth,
  textFaultMessages,
} from '@guichet/domain';
import type { ErrorDetail } from '@guichet/domain';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function invalidBody(message: string, rule: string): DomainError {
  return new DomainError('validation_failed', message, [{ path: '', message, rule }]);
}

/**
 * Fastify's JSON parser, behind two checks on the raw body before anything parses or walks
 * it: bytes that are not UTF-8 (they would be read as U+FFFD, a value stored altered) and
 * nesting deeper than `maxJsonDepth` (a walk through thousands of levels overflows the stack).
 * Both answer 400 `validation_failed`.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    let text: string;
    try {
      text = utf8.decode(raw as Buffer);
    } catch {
      done(invalidBody('The body is not valid UTF-8', 'invalid_utf8'), undefined);
      return;
    }
    if (jsonNestsDeeperThan(text, maxJsonDepth)) {
      done(
        invalidBody(`The JSON nests deeper than ${maxJsonDepth} levels`, 'max_depth'),
        undefined,
      );
      return;
    }
    // Fastify's default parser is its callback form (it answers through `done`); its type
    // also allows a promise, which it never returns.
    void parse(request, text, done);
  });
}

function faultDetails(value: unknown, prefix: string, allowsLineBreaks: boolean): ErrorDetail[] {
  return findTextFaults(value, prefix, { allowsLineBreaks }).map(({ path, rule }) => ({
    path,
    rule,
    message: textFaultMessages[rule].en,
  }));
}

/**
 * The text rule (`packages/domain/src/text.ts`) on every string a request brings, before its
 * route's schema: body (JSON), query and path. NUL, other control characters and lone
 * surrogates answer 400 `validation_failed` with each field's path and rule — in a search's
 * `q` too (one rule: refused, never a 500 nor a silent no-match). Line breaks are left to each
 * field's schema (single-line fields refuse them); query and path are single-line.
 * Multipart fields and file names are checked where the upload is read (`uploads.ts`).
 */
export function registerTextBoundary(app: FastifyInstance): void {
  app.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    const details = [
      ...faultDetails(request.params, 'params', false),
      ...faultDetails(request.query, 'query', false),
      ...faultDetails(request.body, '', true),
    ];
    if (details.length > 0) {
      throw new DomainError(
        'validation_failed',
        'The request holds text that cannot be stored',
        details,
      );
    }
    done();
  });
}

/** The same rule on a multipart form's file name and fields (single-line). */
export function assertUploadText(fields: Record<string, unknown>): void {
  const details = faultDetails(fields, '', false);
  if (details.length > 0) {
    throw new DomainError(
      'validation_failed',
      'The form holds text that cannot be stored',
      details,
    );
  }
}
