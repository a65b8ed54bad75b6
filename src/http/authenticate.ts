// Who is asking: a session cookie, or an `Authorization: Bearer` personal access token. A
// credential that does not open anything is refused at once (a stale cookie would otherwise
// look like the public); no credential is the public.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuthService } from '../app/auth/auth-service.ts';
import { PUBLIC_ACTOR } from '../app/policies/actor.ts';
import type { AuthStore } from '../app/ports/auth-store.ts';
import type { HttpEnv } from './env.ts';
import { problem } from './problem.ts';

export const SESSION_COOKIE = 'pc_session';

export function authenticate(auth: AuthService, store: AuthStore): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const sessionToken = getCookie(c, SESSION_COOKIE) ?? null;
    c.set('sessionToken', sessionToken);
    c.set('actor', PUBLIC_ACTOR);
    if (bearer !== undefined) {
      const granted = await auth.tokenAccount(bearer);
      if (!granted.ok) return problem(c, granted.error.code, granted.error.detail);
      const grants = await store.rolesOf(granted.value.accountId);
      c.set('actor', {
        accountId: granted.value.accountId,
        grants,
        mayWrite: granted.value.scope === 'write',
      });
    } else if (sessionToken !== null) {
      const session = await auth.sessionAccount(sessionToken);
      // A sign-in replaces whatever session came before and a sign-out ends it, so a stale
      // cookie is no refusal there.
      if (!session.ok && !/\/auth\/sign-(in|out)$/.test(c.req.path)) {
        return problem(c, session.error.code, session.error.detail);
      }
      if (session.ok) {
        const grants = await store.rolesOf(session.value.accountId);
        c.set('actor', { accountId: session.value.accountId, grants, mayWrite: true });
      }
    }
    await next();
  };
}
