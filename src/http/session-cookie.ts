// The session cookie, set the same way by the API's sign-in and the web app's sign-in form:
// HttpOnly, SameSite=Lax, Secure when the server is told so, living as long as a session may.
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './authenticate.ts';

export function setSessionCookie(
  c: Context,
  token: string,
  options: { readonly secure: boolean; readonly maxAgeMs: number },
): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secure,
    path: '/',
    maxAge: Math.floor(options.maxAgeMs / 1000),
  });
}

export const clearSessionCookie = (c: Context): void => {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
};
