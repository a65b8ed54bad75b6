// Who is asking: a session cookie, or an `Authorization: Bearer` personal access token. For the
// API a credential that does not open anything is refused at once (a stale cookie would
// otherwise look like the public); no credential is the public. The web app resolves the same
// credentials but treats a stale cookie as signed out (see src/web/app/web-actor.ts).
import type { MiddlewareHandler } from 'hono';
import type { AuthService } from '../app/auth/auth-service.ts';
import { type Actor, PUBLIC_ACTOR } from '../app/policies/actor.ts';
import type { HttpEnv } from './env.ts';
import { problem } from './problem.ts';
import { sessionTokenOf } from './session-cookie.ts';

export type ResolvedActor =
  | { readonly ok: true; readonly actor: Actor }
  | { readonly ok: false; readonly code: string; readonly detail: string; readonly stale: boolean };

/** The actor behind a bearer token or else a session token; `stale` marks a dead session. Each
 *  is one read of the credential with its account's roles, kept a few seconds in this process
 *  (src/app/auth/credential-cache.ts, decision 0078). */
export async function resolveActor(
  auth: AuthService,
  bearer: string | undefined,
  sessionToken: string | null,
): Promise<ResolvedActor> {
  if (bearer !== undefined) {
    const granted = await auth.tokenAccount(bearer);
    if (!granted.ok) return { ok: false, ...granted.error, stale: false };
    return {
      ok: true,
      actor: {
        accountId: granted.value.accountId,
        grants: granted.value.grants,
        mayWrite: granted.value.scope === 'write',
      },
    };
  }
  if (sessionToken === null) return { ok: true, actor: PUBLIC_ACTOR };
  const session = await auth.sessionAccount(sessionToken);
  if (!session.ok) return { ok: false, ...session.error, stale: true };
  return {
    ok: true,
    actor: { accountId: session.value.accountId, grants: session.value.grants, mayWrite: true },
  };
}

export const bearerOf = (header: string | undefined): string | undefined =>
  header?.match(/^Bearer\s+(\S+)$/i)?.[1];

/** `secureCookies`: the session cookie is Secure, so named with the __Host- prefix. */
export function authenticate(
  auth: AuthService,
  secureCookies: boolean,
): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const sessionToken = sessionTokenOf(c, secureCookies);
    c.set('sessionToken', sessionToken);
    c.set('actor', PUBLIC_ACTOR);
    const resolved = await resolveActor(
      auth,
      bearerOf(c.req.header('authorization')),
      sessionToken,
    );
    if (resolved.ok) c.set('actor', resolved.actor);
    // A sign-in replaces whatever session came before and a sign-out ends it, so a stale
    // cookie is no refusal there.
    else if (!(resolved.stale && /\/auth\/sign-(in|out)$/.test(c.req.path))) {
      return problem(c, resolved.code, resolved.detail);
    }
    await next();
  };
}
