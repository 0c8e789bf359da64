import {
  RecoveryCodes,
  TwoFactorCodeBody,
  TwoFactorSetup,
  TwoFactorStatus,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './two-factor.service.ts';

const codeAttempts = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** « Mon compte »: two-factor sign-in with an authenticator app (TOTP, issue 21). */
export const twoFactorRoutes = routesPlugin(
  { tags: ['account'], errors: [400, 401, 403, 409] },
  ({ deps }) => [
    route('GET /api/account/two-factor', {
      summary: 'Whether two-factor sign-in is on, and how many recovery codes are left',
      ok: TwoFactorStatus,
      errors: [401, 403],
      handle: ({ auth }) => service.getStatus(deps, auth),
    }),
    route('POST /api/account/two-factor/setup', {
      summary:
        'Start setting up two-factor sign-in: a new secret, as a QR code for the app and as text. Nothing changes until a first code confirms it (409 if it is already on)',
      ok: TwoFactorSetup,
      handle: ({ auth }) => service.startMySetup(deps, auth),
    }),
    route('POST /api/account/two-factor/confirm', {
      config: codeAttempts,
      summary:
        'Confirm the setup with a first code from the app: two-factor sign-in is on, and the ten single-use recovery codes are given (this once)',
      body: TwoFactorCodeBody,
      ok: RecoveryCodes,
      errors: [400, 401, 403, 409, 429],
      handle: ({ auth, body }) => service.confirmMySetup(deps, auth, body.code),
    }),
    route('POST /api/account/two-factor/disable', {
      config: codeAttempts,
      summary: 'Turn two-factor sign-in off, with a current code from the app',
      body: TwoFactorCodeBody,
      status: 204,
      errors: [400, 401, 403, 409, 429],
      handle: ({ auth, body }) => service.disable(deps, auth, body.code),
    }),
  ],
);
