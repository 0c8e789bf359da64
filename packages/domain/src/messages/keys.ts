import type { ErrorCode } from '../errors.ts';

/** What the API says for a code in a case of its own (not a field's rule). */
export const messageReasons = [
  'body_too_large',
  'upload_too_large',
  'json_expected',
  'no_route',
] as const;
export type MessageReason = (typeof messageReasons)[number];

/** The form linter's rules (`lintForm` in form-lint.ts), worded by the catalog too. */
export const lintRules = [
  'invalid_key',
  'duplicate_key',
  'missing_label',
  'invalid_pattern',
  'invalid_bounds',
  'invalid_step',
  'invalid_default',
  'no_options',
  'duplicate_option',
  'empty_rows',
  'invalid_prefill',
  'unknown_field',
  'forward_reference',
  'invalid_condition',
  'unreachable_field',
  'hidden_required',
  'invalid_rule',
] as const;
export type LintRule = (typeof lintRules)[number];

/** Every field rule the catalog words (without its plural or context suffix). */
export const messageRules = [
  'required',
  'type',
  'min',
  'max',
  'step',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'range',
  'enum',
  'unique',
  'minItems',
  'maxItems',
  'minRows',
  'maxRows',
  'distinctRow',
  'unknown',
  'rule',
  'control_character',
  'line_break',
  'lone_surrogate',
  'empty_once_trimmed',
  'login_characters',
  'login_length',
  'sign_in_identifier',
  'two_factor_code',
  'sso_required',
  'duplicate_code',
  // Execution windows (decision 0037)
  'window_empty',
  'window_in_the_past',
  'window_too_long',
  'window_too_far',
  'in_freeze_period',
  // Due-date targets (issue 20)
  'due_target_minutes',
  'take_charge_after_carry_out',
  // An article version's executor (decision 0032), as a catalogs file names it
  'executor_missing',
  'executor_disabled',
  'quote_article',
  'time_limit',
  // The form linter's
  ...lintRules,
  'invalid',
] as const;
export type MessageRule = (typeof messageRules)[number];

export interface MessageCatalog {
  codes: Record<ErrorCode, string>;
  reasons: Record<MessageReason, string>;
  rules: Record<string, string>;
}
