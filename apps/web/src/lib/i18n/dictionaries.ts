import { areas as areasEn } from './areas.en.ts';
import { areas as areasFr } from './areas.fr.ts';
import { firstPaint as firstPaintEn } from './first-paint.en.ts';
import { firstPaint as firstPaintFr } from './first-paint.fr.ts';

// One file per area (core: the customer flow; rights: users and rights; operations: the
// back-office and request follow-up; catalogAdmin: catalog authoring; operatorAccounts:
// operator accounts and their API tokens; statements: monthly statements; providerAdmin:
// customers and contracts; inventorySync: the inventory sync and retired items), each a
// namespace of keys under its own name; live: live updates; signIn: sign-in, sessions and
// second factor (issue 21); execution: a request's automatic execution (decision 0032);
// integrations: service accounts and webhooks (issue 17); sso: single sign-on and the sign-in
// policies (issue 21, decision 0030); approvals: approvals on the customer's side (issue 20,
// decision 0034); questions: questions back to the customer (issue 20, decision 0035); dueDates:
// due dates (issue 20, decision 0036); windows: execution windows, freeze and maintenance periods
// (issue 20, decision 0037). `errors` holds the domain's message catalog (decision 0024):
// `errors.<code>`, `errors.reasons.<reason>`, `errors.rules.<rule>`, the same words as the API's
// `message`.
//
// The browser loads each language in two parts (decision 0038): `first-paint.<locale>.ts`, what
// the customer's list and change form show (with `areas-first-paint.<locale>.json`, the few words
// of the other areas they show), and `areas.<locale>.ts`, loaded with the routes of those areas.
// This module, which puts the parts back together, is for the types and the tests only.

type Branch = Record<string, unknown>;

/** Two dictionaries merged branch by branch, as i18next's `addResourceBundle(…, deep)` does. */
export type Merged<First, Second> = {
  [Key in keyof First | keyof Second]: Key extends keyof Second
    ? Key extends keyof First
      ? First[Key] extends Branch
        ? Second[Key] extends Branch
          ? Merged<First[Key], Second[Key]>
          : Second[Key]
        : Second[Key]
      : Second[Key]
    : Key extends keyof First
      ? First[Key]
      : never;
};

const isBranch = (value: unknown): value is Branch =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function merged<First extends Branch, Second extends Branch>(
  first: First,
  second: Second,
): Merged<First, Second> {
  const result: Branch = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const existing = result[key];
    result[key] = isBranch(existing) && isBranch(value) ? merged(existing, value) : value;
  }
  return result as Merged<First, Second>;
}

export const fr = merged(firstPaintFr, areasFr);
export const en = merged(firstPaintEn, areasEn);
