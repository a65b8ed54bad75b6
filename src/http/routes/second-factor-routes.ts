// The optional second sign-in factor (decision 0060): the second step of a sign-in, and a
// signed-in account enrolling an authenticator app, confirming it with a code, reading whether
// it is on and turning it off. Managing the factor takes a session: an access token, like one
// that may not mint tokens, may not remove the account's second factor.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { canManageOwnAccount } from '../../app/policies/permissions.ts';
import type { HttpDeps } from '../deps.ts';
import type { HttpEnv } from '../env.ts';
import { problem } from '../problem.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { requestContext } from '../request-context.ts';
import {
  answer,
  jsonBody,
  newRouter,
  problems,
  refusal,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { clientAddress, limited } from './limits.ts';

export const SecondFactorRequired = z
  .object({
    secondFactor: z.literal('totp'),
    pendingToken: z.string().openapi({
      description: 'Sent with a code to /auth/sign-in/second-factor; ends after five minutes.',
    }),
    expiresAt: z.number().int(),
  })
  .openapi('SecondFactorRequired');
const Code = z.string().min(1).max(32).openapi({
  description: 'A 6-digit code of the authenticator app, or one of the recovery codes.',
});
const SecondStep = z
  .object({ pendingToken: z.string().min(1).max(200), code: Code })
  .openapi('SecondFactorSignIn');
const Status = z
  .object({
    enabled: z.boolean(),
    awaitingConfirmation: z.boolean(),
    recoveryCodesLeft: z.number().int(),
  })
  .openapi('SecondFactorStatus');
const Enrolment = z
  .object({
    secretBase32: z.string(),
    otpauthUri: z.string().openapi({ description: 'For the authenticator app (or a QR code).' }),
  })
  .openapi('SecondFactorEnrolment');
const Confirmation = z.object({ code: Code }).openapi('SecondFactorConfirmation');
const RecoveryCodes = z
  .object({
    recoveryCodes: z.array(z.string()).openapi({
      description: 'Ten one-time codes, shown this once: they are stored only hashed.',
    }),
  })
  .openapi('RecoveryCodes');
const TurnOff = z
  .object({ password: z.string().min(1).max(256), code: Code })
  .openapi('SecondFactorOff');

/** A new session for a completed sign-in: the one the client came with ends (rotation). */
export async function startSessionCookie(
  c: Context,
  deps: HttpDeps,
  token: string,
  previous: string | null,
) {
  if (previous !== null) await deps.auth.signOut(previous, requestContext(c));
  setSessionCookie(c, token, {
    secure: deps.settings.secureCookies,
    maxAgeMs: deps.auth.settings.sessionAbsoluteMs,
  });
}

export function secondFactorRoutes(deps: HttpDeps, signInLimiter: RateLimiter) {
  const router = newRouter();
  const { secondFactor } = deps;

  /** The signed-in account, by session only; else the refusal. */
  const sessionAccount = (c: Context<HttpEnv>): string | Response => {
    const actor = c.get('actor');
    const refused = refusal(c, canManageOwnAccount(actor));
    if (refused !== null) return refused;
    if (c.req.header('authorization') !== undefined) {
      return problem(c, 'auth.forbidden', 'the second factor is managed in a signed-in session');
    }
    return actor.accountId!;
  };

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/sign-in/second-factor',
      tags: ['accounts'],
      summary:
        'Complete a sign-in that asked for a second factor, with a TOTP or recovery code; sets the session cookie.',
      request: {
        body: { content: { 'application/json': { schema: SecondStep } }, required: true },
      },
      responses: {
        200: jsonBody(z.object({ accountId: z.string() }), 'Signed in; the cookie is set.'),
        ...problems(400, 410, 422, 429),
      },
    }),
    async (c) => {
      const tooMany = limited(c, signInLimiter, [`ip:${clientAddress(c)}`]);
      if (tooMany !== null) return tooMany;
      const { pendingToken, code } = valid(c, 'json', SecondStep);
      const done = await secondFactor.completeSignIn(pendingToken, code, requestContext(c));
      if (!done.ok) return problem(c, done.error.code, done.error.detail);
      await startSessionCookie(c, deps, done.value.token, c.get('sessionToken'));
      return c.json({ accountId: done.value.accountId }, 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/auth/second-factor',
      tags: ['accounts'],
      summary: "Whether the account's second factor is on, and how many recovery codes are left.",
      security: SECURITY,
      responses: { 200: jsonBody(Status, 'The status.'), ...problems(401, 403) },
    }),
    async (c) => {
      const accountId = sessionAccount(c);
      if (typeof accountId !== 'string') return accountId;
      return c.json(await secondFactor.status(accountId), 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/second-factor/enrolment',
      tags: ['accounts'],
      summary:
        'Start enrolling an authenticator app: a fresh secret, asked for at sign-in once a code confirms it.',
      security: SECURITY,
      responses: { 201: jsonBody(Enrolment, 'The secret.'), ...problems(401, 403, 409) },
    }),
    async (c) => {
      const accountId = sessionAccount(c);
      if (typeof accountId !== 'string') return accountId;
      return answer(c, await secondFactor.enrol(accountId), 201);
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/second-factor/confirmation',
      tags: ['accounts'],
      summary: 'Confirm the enrolment with a code of the app: the factor is on from now.',
      security: SECURITY,
      request: {
        body: { content: { 'application/json': { schema: Confirmation } }, required: true },
      },
      responses: {
        200: jsonBody(RecoveryCodes, 'On; the recovery codes are shown this once.'),
        ...problems(400, 401, 403, 409, 422, 429),
      },
    }),
    async (c) => {
      const accountId = sessionAccount(c);
      if (typeof accountId !== 'string') return accountId;
      const tooMany = limited(c, signInLimiter, [`ip:${clientAddress(c)}`]);
      if (tooMany !== null) return tooMany;
      const { code } = valid(c, 'json', Confirmation);
      return answer(c, await secondFactor.confirm(accountId, code, requestContext(c)));
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/second-factor/off',
      tags: ['accounts'],
      summary: 'Turn the second factor off, giving the password and a code.',
      security: SECURITY,
      request: { body: { content: { 'application/json': { schema: TurnOff } }, required: true } },
      responses: {
        200: jsonBody(z.object({ accountId: z.string() }), 'Off.'),
        ...problems(400, 401, 403, 422, 429),
      },
    }),
    async (c) => {
      const accountId = sessionAccount(c);
      if (typeof accountId !== 'string') return accountId;
      const tooMany = limited(c, signInLimiter, [`ip:${clientAddress(c)}`]);
      if (tooMany !== null) return tooMany;
      const { password, code } = valid(c, 'json', TurnOff);
      return answer(c, await secondFactor.disable(accountId, password, code, requestContext(c)));
    },
  );

  return router;
}
