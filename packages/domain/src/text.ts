/**
 * The one rule for text that enters Guichet (issue 18), at the API's boundary and in the
 * inventory sync's lines alike:
 * - NUL, the other C0 controls, DEL and the C1 controls are refused everywhere, except tab,
 *   line feed and carriage return in a multi-line text (a comment, a note, a reason, a form's
 *   multi-line text field): rule `control_character`, or `line_break` for those three in a
 *   single-line text;
 * - a lone UTF-16 surrogate (a high one not followed by a low one, or a low one alone) is
 *   refused everywhere: rule `lone_surrogate`. PostgreSQL cannot store either NUL or a lone
 *   surrogate, so accepting them would mean a 500 or a value stored altered.
 * Nothing is rewritten: a text is stored as sent or refused, and Unicode normalisation forms
 * (NFC, NFD) are kept as sent.
 */
import { en } from './messages/en.ts';
import { fr } from './messages/fr.ts';

export const textRules = ['control_character', 'line_break', 'lone_surrogate'] as const;
export type TextRule = (typeof textRules)[number];

export interface TextOptions {
  /** Tab, line feed and carriage return are allowed (a multi-line text). */
  allowsLineBreaks: boolean;
}

// eslint-disable-next-line no-control-regex -- finding them is the point
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const lineBreak = /[\t\n\r]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- a cheap first look: most texts hold none
const suspect = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

/** Which rule `text` breaks, or null when it may be stored as sent. */
export function textFault(text: string, options: TextOptions): TextRule | null {
  if (!suspect.test(text)) return null;
  if (controlCharacter.test(text)) return 'control_character';
  if (loneSurrogate.test(text)) return 'lone_surrogate';
  if (!options.allowsLineBreaks && lineBreak.test(text)) return 'line_break';
  return null;
}

/** The catalog's words for each text rule (`messages/`), in both locales. */
export const textFaultMessages: Record<TextRule, { fr: string; en: string }> = {
  control_character: { fr: fr.rules.control_character, en: en.rules.control_character },
  line_break: { fr: fr.rules.line_break, en: en.rules.line_break },
  lone_surrogate: { fr: fr.rules.lone_surrogate, en: en.rules.lone_surrogate },
};

export interface TextFaultAt {
  path: string;
  rule: TextRule;
}

/**
 * Every string of `value` (object keys included) that breaks the rule, with its dotted path
 * from `path`, at most `limit` of them. Walks with a stack of its own, never recursing, so
 * that no nesting can overflow the call stack.
 */
export function findTextFaults(
  value: unknown,
  path: string,
  options: TextOptions,
  limit = 20,
): TextFaultAt[] {
  const faults: TextFaultAt[] = [];
  const join = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);
  const stack: { value: unknown; path: string }[] = [{ value, path }];
  while (stack.length > 0 && faults.length < limit) {
    const next = stack.pop()!;
    if (typeof next.value === 'string') {
      const rule = textFault(next.value, options);
      if (rule !== null) faults.push({ path: next.path, rule });
    } else if (Array.isArray(next.value)) {
      for (let index = next.value.length - 1; index >= 0; index -= 1) {
        stack.push({ value: next.value[index], path: join(next.path, String(index)) });
      }
    } else if (isPlainObject(next.value)) {
      const entries = Object.entries(next.value);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, item] = entries[index]!;
        const rule = textFault(key, { allowsLineBreaks: false });
        if (rule !== null) faults.push({ path: join(next.path, key), rule });
        stack.push({ value: item, path: join(next.path, key) });
      }
    }
  }
  return faults.slice(0, limit);
}

/**
 * Parsed JSON and query objects (a query parser's objects may have a prototype of their own
 * made from null); never a stream, a buffer or another class's instance.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return (
    prototype === Object.prototype ||
    prototype === null ||
    Object.getPrototypeOf(prototype) === null
  );
}

/** How deep JSON may nest in a request body (objects and arrays, the outermost counted). */
export const maxJsonDepth = 32;

/**
 * Whether the JSON text nests objects or arrays deeper than `limit`, found by one pass over
 * the raw text (brackets inside strings ignored) before anything parses or walks it.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (isInString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) isInString = false;
    } else if (code === 0x22) {
      isInString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
