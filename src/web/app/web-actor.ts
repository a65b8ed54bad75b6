// Who is asking, for the web app: the session cookie (or a bearer token); a session that ended
// or expired reads as signed out, and its cookie is cleared, so the reader sees the sign-in
// link rather than an error.
import type { MiddlewareHandler } from 'hono';
import { PUBLIC_ACTOR } from '../../app/policies/actor.ts';
import { bearerOf, resolveActor } from '../../http/authenticate.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { clearSessionCookie, sessionTokenOf } from '../../http/session-cookie.ts';
import type { WebEnv } from './web-env.ts';

export const webActor =
  (deps: Pick<HttpDeps, 'auth' | 'settings'>): MiddlewareHandler<WebEnv> =>
  async (c, next) => {
    const secure = deps.settings.secureCookies;
    const sessionToken = sessionTokenOf(c, secure);
    const resolved = await resolveActor(
      deps.auth,
      bearerOf(c.req.header('authorization')),
      sessionToken,
    );
    c.set('actor', resolved.ok ? resolved.actor : PUBLIC_ACTOR);
    c.set('sessionToken', resolved.ok ? sessionToken : null);
    if (!resolved.ok && resolved.stale) clearSessionCookie(c, secure);
    await next();
  };
