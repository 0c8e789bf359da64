export const errorCodes = [
  'validation_failed',
  'form_values_invalid',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'billing_not_acknowledged',
  /** The contract is suspended or ended: it takes no new request (details say which). */
  'contract_inactive',
  /** The planned window falls in a freeze period the provider declared (decision 0037). */
  'in_freeze_period',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A rule's parameters, interpolated by the message catalog (`{{max}}`, `count`). */
export type MessageParams = Record<string, string | number>;

export interface ErrorDetail {
  /** Dotted path from the body's root, e.g. `values.lines.0.requested`. */
  path: string;
  /** Rendered in the caller's locale, for API clients; screens render `rule` and `params`. */
  message: string;
  /** Stable key for translation, e.g. `required`, `min`, `rule`. */
  rule?: string;
  /**
   * Set on the details of a catalog rule (`messages/`): what its words interpolate, e.g.
   * `{ max: 10 }`. A detail without params is worded where it is raised (decision 0024).
   */
  params?: MessageParams;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}

/**
 * A 409 on one field of the body, e.g. a name another row already has: the answer's message
 * and its one detail (which may word it for the field, `fieldMessage`).
 */
export function conflictOn(
  path: string,
  rule: string,
  message: string,
  fieldMessage: string = message,
): DomainError {
  return new DomainError('conflict', message, [{ path, rule, message: fieldMessage }]);
}
