// The session cookie, set the same way by the API's sign-in and the web app's sign-in form:
// HttpOnly, SameSite=Lax, living as long as a session may. When it is Secure (served over TLS,
// or behind a proxy that is) it is named with the __Host- prefix, which a browser keeps only
// from a secure origin, for Path=/ and without a Domain: no sibling host and no plain-HTTP page
// can set or overwrite it (ASVS 3.3.1). A browser refuses the prefix without Secure, so a plain
// server keeps the plain name. Each server reads only the name it sets: a secure server that
// also took the plain one would accept a cookie a sibling host planted.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'pc_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export const sessionCookieName = (secure: boolean): string =>
  secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

/** The session token the request came with, under the name this server sets. */
export const sessionTokenOf = (c: Context, secure: boolean): string | null =>
  getCookie(c, sessionCookieName(secure)) ?? null;

export function setSessionCookie(
  c: Context,
  token: string,
  options: { readonly secure: boolean; readonly maxAgeMs: number },
): void {
  setCookie(c, sessionCookieName(options.secure), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secure,
    path: '/',
    maxAge: Math.floor(options.maxAgeMs / 1000),
  });
}

export const clearSessionCookie = (c: Context, secure: boolean): void => {
  deleteCookie(c, sessionCookieName(secure), { path: '/', secure });
};
