// Signing in and out, the signed-in account, personal access tokens, and redeeming an
// invitation or reset link.
import { createRoute, z } from '@hono/zod-openapi';
import { canManageOwnAccount } from '../../app/policies/permissions.ts';
import { idempotentWrite } from '../account-idempotency.ts';
import type { HttpDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { requestContext } from '../request-context.ts';
import {
  answer,
  IdempotencyHeaders,
  jsonBody,
  newRouter,
  problems,
  refusal,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.ts';
import { clientAddress, limited } from './limits.ts';
import { SecondFactorRequired } from './second-factor-routes.ts';

const SignIn = z
  .object({ login: z.string().min(1).max(128), password: z.string().min(1).max(256) })
  .openapi('SignIn');
const Role = z
  .object({
    poolId: z.string(),
    role: z.enum(['member', 'coordinator', 'steward', 'auditor']),
    subject: z.string().openapi({
      description: "member: the person's id; steward: the association's id; else empty",
    }),
  })
  .openapi('Role');
const Me = z
  .object({ accountId: z.string(), login: z.string(), roles: z.array(Role) })
  .openapi('Me');
const SignedIn = z.object({ accountId: z.string() }).openapi('SignedIn');
const TokenRequest = z
  .object({
    name: z.string().min(1).max(128),
    scope: z.enum(['read', 'write']),
    ttlDays: z.number().int().min(1).max(365),
  })
  .openapi('TokenRequest');
const TokenView = z
  .object({
    tokenId: z.string(),
    name: z.string(),
    scope: z.enum(['read', 'write']),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    revoked: z.boolean(),
  })
  .openapi('AccessToken');
const NewToken = TokenView.extend({
  token: z.string().optional().openapi({
    description: 'The secret, shown once: it is stored only hashed (not on a repeated request).',
  }),
}).openapi('NewAccessToken');
const Redeem = z
  .object({ token: z.string().min(1).max(200), password: z.string().min(1).max(256) })
  .openapi('RedeemLink');
const Redeemed = z
  .object({ accountId: z.string(), purpose: z.enum(['invitation', 'reset']) })
  .openapi('RedeemedLink');

const PasswordChange = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(1).max(256),
  })
  .openapi('PasswordChange');

const DAY_MS = 86_400_000;

export function authRoutes(deps: HttpDeps, signInLimiter: RateLimiter) {
  const router = newRouter();
  const { auth, authStore } = deps;

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags: ['accounts'],
      summary: 'Sign in with login and password; sets the session cookie (a new token every time).',
      request: { body: { content: { 'application/json': { schema: SignIn } }, required: true } },
      responses: {
        200: jsonBody(SignedIn, 'Signed in; the session cookie is set.'),
        202: jsonBody(SecondFactorRequired, 'The password is right; a code must follow.'),
        ...problems(400, 401, 429),
      },
    }),
    async (c) => {
      const { login, password } = valid(c, 'json', SignIn);
      const tooMany = limited(c, signInLimiter, [`ip:${clientAddress(c)}`, `login:${login}`]);
      if (tooMany !== null) return tooMany;
      const signedIn = await auth.signIn(login, password, requestContext(c));
      if (!signedIn.ok) return problem(c, signedIn.error.code, signedIn.error.detail);
      if ('secondFactor' in signedIn.value) {
        return c.json({ secondFactor: 'totp' as const, ...signedIn.value.secondFactor }, 202);
      }
      // Rotation: the session the client came with ends; the new token replaces it.
      const previous = c.get('sessionToken');
      if (previous !== null) await auth.signOut(previous, requestContext(c));
      setSessionCookie(c, signedIn.value.token, {
        secure: deps.settings.secureCookies,
        maxAgeMs: auth.settings.sessionAbsoluteMs,
      });
      return c.json({ accountId: signedIn.value.accountId }, 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags: ['accounts'],
      summary: 'End the session of the cookie.',
      responses: { 204: { description: 'Signed out.' } },
    }),
    async (c) => {
      const token = c.get('sessionToken');
      if (token !== null) await auth.signOut(token, requestContext(c));
      clearSessionCookie(c, deps.settings.secureCookies);
      return c.body(null, 204);
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags: ['accounts'],
      summary: 'The signed-in account and its roles.',
      security: SECURITY,
      responses: { 200: jsonBody(Me, 'The account.'), ...problems(401) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      const account = await authStore.findAccount(actor.accountId!);
      return c.json(
        { accountId: actor.accountId!, login: account?.login ?? '', roles: actor.grants },
        200,
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/auth/tokens',
      tags: ['accounts'],
      summary: "The account's personal access tokens (without their secrets).",
      security: SECURITY,
      responses: {
        200: jsonBody(z.object({ items: z.array(TokenView) }), 'The tokens.'),
        ...problems(401),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      return c.json({ items: await auth.listTokens(actor.accountId!) }, 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/tokens',
      tags: ['accounts'],
      summary:
        'Create a personal access token for the CLI or a script (signed in by session only).',
      security: SECURITY,
      request: {
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: TokenRequest } }, required: true },
      },
      responses: {
        201: jsonBody(NewToken, 'The token; its secret is shown this once.'),
        ...problems(400, 401, 403, 429),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      // A token does not mint tokens: a leaked one must not outlive its own expiry.
      if (c.req.header('authorization') !== undefined) {
        return problem(c, 'auth.forbidden', 'access tokens are created in a signed-in session');
      }
      const { name, scope, ttlDays } = valid(c, 'json', TokenRequest);
      return idempotentWrite(c, authStore, { name, scope, ttlDays }, 201, async (context) =>
        c.json(
          await auth.createAccessToken(actor.accountId!, name, scope, ttlDays * DAY_MS, context),
          201,
        ),
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'delete',
      path: '/auth/tokens/{tokenId}',
      tags: ['accounts'],
      summary: 'Revoke a personal access token.',
      security: SECURITY,
      request: { headers: IdempotencyHeaders, params: z.object({ tokenId: z.string() }) },
      responses: {
        200: jsonBody(z.object({ tokenId: z.string() }), 'Revoked.'),
        ...problems(400, 401, 404, 429),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      const tokenId = c.req.param('tokenId')!;
      return idempotentWrite(c, authStore, { tokenId }, 200, async (context) =>
        answer(c, await auth.revokeToken(actor.accountId!, tokenId, context)),
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['accounts'],
      summary:
        "Change the signed-in account's password, giving the current one; every session of the account ends and a new session cookie is set.",
      security: SECURITY,
      request: {
        body: { content: { 'application/json': { schema: PasswordChange } }, required: true },
      },
      responses: {
        200: jsonBody(SignedIn, 'Changed; the other sessions are ended.'),
        ...problems(400, 401, 403, 422, 429),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      const tooMany = limited(c, signInLimiter, [`ip:${clientAddress(c)}`]);
      if (tooMany !== null) return tooMany;
      const { currentPassword, newPassword } = valid(c, 'json', PasswordChange);
      const changed = await auth.changePassword(
        actor.accountId!,
        currentPassword,
        newPassword,
        requestContext(c),
      );
      if (!changed.ok) return problem(c, changed.error.code, changed.error.detail);
      setSessionCookie(c, changed.value.token, {
        secure: deps.settings.secureCookies,
        maxAgeMs: auth.settings.sessionAbsoluteMs,
      });
      return c.json({ accountId: changed.value.accountId }, 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/auth/links/redeem',
      tags: ['accounts'],
      summary: 'Set the password through an invitation or reset link (once, before it expires).',
      request: { body: { content: { 'application/json': { schema: Redeem } }, required: true } },
      responses: {
        200: jsonBody(Redeemed, 'The password is set; sign in with it.'),
        ...problems(400, 410, 422, 429),
      },
    }),
    async (c) => {
      const tooMany = limited(c, signInLimiter, [`ip:${clientAddress(c)}`]);
      if (tooMany !== null) return tooMany;
      const { token, password } = valid(c, 'json', Redeem);
      return answer(c, await auth.redeemLink(token, password, requestContext(c)));
    },
  );

  return router;
}
