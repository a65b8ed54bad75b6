// The web app's protective headers and its guard against cross-site form posts.
// Scripts only from this server (no inline script, no eval: htmx is configured not to need
// them); inline styles are allowed because the server-rendered SVG charts carry style
// attributes (decision 0042). Forms are posted with a SameSite=Lax cookie, and a post whose
// Origin is another site, or that the browser marks cross-site, is refused as well.
import type { MiddlewareHandler } from 'hono';
import type { WebEnv } from './web-env.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export const securityHeaders = (): MiddlewareHandler<WebEnv> => async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether an unsafe request comes from this site (or from no browser at all). */
export function sameSiteRequest(
  method: string,
  requestUrl: string,
  origin: string | undefined,
  fetchSite: string | undefined,
): boolean {
  if (!UNSAFE.has(method)) return true;
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  if (origin === undefined) return true;
  return origin === new URL(requestUrl).origin;
}
