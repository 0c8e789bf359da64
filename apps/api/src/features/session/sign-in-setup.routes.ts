import { SignInSetupDone, TwoFactorCodeBody, TwoFactorSetup } from '@guichet/contracts';
import { setSessionCookie } from '../../http/auth.ts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import { pendingCookie, signInAttemptsOf } from './session.routes.ts';
import { resolveSession, toSessionView } from './session.service.ts';
import * as service from './sign-in-setup.service.ts';

/** The second factor's setup a policy requires at sign-in (after a 202 `setup`, issue 21). */
export const signInSetupRoutes = routesPlugin(
  { tags: ['session'], errors: [400, 401, 409, 429] },
  ({ deps, config }) => {
    const signInAttempts = signInAttemptsOf(config);
    return [
      route('POST /api/session/second-factor/setup', {
        config: signInAttempts,
        summary:
          'When POST /api/session answered 202 `setup` (a policy requires a second factor the user has none of: their customer’s, or any admin operator): a new secret for the app, as a QR code and as text. Needs the pending sign-in cookie',
        ok: TwoFactorSetup,
        errors: [401, 409, 429],
        handle: ({ request }) => service.startSetupAtSignIn(deps, request.cookies[pendingCookie]),
      }),
      route('POST /api/session/second-factor/setup/confirm', {
        config: signInAttempts,
        summary:
          'Confirm the setup at sign-in with a first code from the app: two-factor sign-in is on, the session opens (cookie) and the ten recovery codes are given this once',
        body: TwoFactorCodeBody,
        ok: SignInSetupDone,
        handle: async ({ body, request, reply }) => {
          const done = await service.confirmSetupAtSignIn(
            deps,
            request.cookies[pendingCookie],
            body.code,
            { ttlHours: config.sessionTtlHours, ip: request.ip },
          );
          void reply.clearCookie(pendingCookie, { path: '/api/session' });
          setSessionCookie(reply, done.token, done.expiresAt, config.secureCookies);
          const auth = await resolveSession(deps, done.token);
          if (!auth) throw new Error('session vanished right after login');
          return { recoveryCodes: done.recoveryCodes, session: toSessionView(auth) };
        },
      }),
    ];
  },
);
