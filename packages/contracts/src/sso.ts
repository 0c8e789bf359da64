import { z } from 'zod';
import { Uuid, singleLineText } from './common.ts';

/**
 * OpenID Connect single sign-on (issue 21, decision 0030): the connections the login page
 * offers, and a customer's connection as the provider's admin sets it.
 */

/** A connection the login page offers: « Se connecter avec <name> ». */
export const SsoOffer = z
  .object({
    /** A customer's id, or `operators` (the provider's own staff). */
    connection: z.string(),
    name: z.string(),
    /** Where the browser goes to sign in (the API's start of the flow). */
    startUrl: z.string(),
    /** Password sign-in is refused to these users. */
    isRequired: z.boolean(),
  })
  .meta({ id: 'SsoOffer' });
export type SsoOffer = z.infer<typeof SsoOffer>;
export const SsoOfferList = z.object({ offers: z.array(SsoOffer) }).meta({ id: 'SsoOfferList' });
export type SsoOfferList = z.infer<typeof SsoOfferList>;

/** `identifier`: what the user typed (an e-mail's domain is looked up); `customer`: a link's. */
export const SsoOfferQuery = z.object({
  identifier: z.string().max(254).optional(),
  customer: Uuid.optional(),
});

/** Where to go back once signed in: a path of the web app (anything else means `/`). */
export const SsoStartQuery = z.object({ suite: z.string().max(500).optional() });

/** What the identity provider sends back to the callback (all optional: it may send an error). */
export const SsoCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(500).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(500).optional(),
  session_state: z.string().max(500).optional(),
});

export const SsoLogout = z
  .object({
    /** The identity provider's logout (RP-initiated), to send the browser to; null if none. */
    redirectTo: z.string().nullable(),
  })
  .meta({ id: 'SsoLogout' });
export type SsoLogout = z.infer<typeof SsoLogout>;

const Domain = z
  .string()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: 'A lower-case domain name, e.g. acme.example',
  });

const IssuerUrl = z
  .string()
  .max(500)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'An https:// URL',
    params: { rule: 'url' },
  });

/** A customer's connection as the admin writes it; `clientSecret` omitted keeps the stored one. */
export const SsoConnectionBody = z.object({
  issuer: IssuerUrl,
  clientId: singleLineText(200).pipe(z.string().min(1)),
  clientSecret: singleLineText(500).pipe(z.string().min(1)).optional(),
  displayName: singleLineText(80).pipe(z.string().min(1)),
  allowedDomains: z.array(Domain).min(1).max(20),
  emailClaim: z
    .string()
    .max(100)
    .regex(/^[A-Za-z_][A-Za-z0-9_.:-]*$/)
    .default('email'),
  isRequired: z.boolean().default(false),
});
export type SsoConnectionBody = z.input<typeof SsoConnectionBody>;

export const SsoConnectionView = z
  .object({
    issuer: z.string(),
    clientId: z.string(),
    /** The secret is never shown back: only whether one is stored. */
    hasClientSecret: z.boolean(),
    displayName: z.string(),
    allowedDomains: z.array(z.string()),
    emailClaim: z.string(),
    isRequired: z.boolean(),
    /** The customer-specific link to give its users (the login page with its connection). */
    loginLink: z.string(),
    /** The redirect URI to register at the identity provider. */
    redirectUri: z.string(),
    /** Where the provider's logout sends the browser back (to register too). */
    postLogoutRedirectUri: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SsoConnectionView' });
export type SsoConnectionView = z.infer<typeof SsoConnectionView>;

/** A customer's sign-in settings in the back-office. */
export const CustomerSignInSettings = z
  .object({
    requiresTwoFactor: z.boolean(),
    sso: SsoConnectionView.nullable(),
  })
  .meta({ id: 'CustomerSignInSettings' });
export type CustomerSignInSettings = z.infer<typeof CustomerSignInSettings>;

export const TwoFactorPolicyBody = z.object({ requiresTwoFactor: z.boolean() });
export type TwoFactorPolicyBody = z.infer<typeof TwoFactorPolicyBody>;
