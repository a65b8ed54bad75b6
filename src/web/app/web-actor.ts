// Who is asking, for the web app: the session cookie (or a bearer token); a session that ended
// or expired reads as signed out, and its cookie is cleared, so the reader sees the sign-in
// link rather than an error.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { PUBLIC_ACTOR } from '../../app/policies/actor.ts';
import { bearerOf, resolveActor, SESSION_COOKIE } from '../../http/authenticate.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { clearSessionCookie } from '../../http/session-cookie.ts';
import type { WebEnv } from './web-env.ts';

export const webActor =
  (deps: Pick<HttpDeps, 'auth' | 'authStore'>): MiddlewareHandler<WebEnv> =>
  async (c, next) => {
    const sessionToken = getCookie(c, SESSION_COOKIE) ?? null;
    const resolved = await resolveActor(
      deps.auth,
      deps.authStore,
      bearerOf(c.req.header('authorization')),
      sessionToken,
    );
    c.set('actor', resolved.ok ? resolved.actor : PUBLIC_ACTOR);
    c.set('sessionToken', resolved.ok ? sessionToken : null);
    if (!resolved.ok && resolved.stale) clearSessionCookie(c);
    await next();
  };
