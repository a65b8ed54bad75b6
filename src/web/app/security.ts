// The server's protective headers and its guard against writes from another origin, for the
// pages and the API alike (decisions 0042, 0050). Scripts only from this server (no inline
// script, no eval: htmx is configured not to need them); inline styles are allowed because the
// server-rendered SVG charts carry style attributes. Writes carry a SameSite=Lax cookie, and a
// write whose Origin is another origin, or that the browser marks other than same-origin, is
// refused as well.
import type { MiddlewareHandler } from 'hono';
import { SESSION_COOKIE } from '../../http/session-cookie.ts';

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

/** What an answer that is no page may load: nothing; and no site may frame it. */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** HSTS for a year, subdomains included (ASVS 5.0 level 2), once the site is reached by TLS. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** The request as the guard and the headers read it (Hono's request has this shape). */
export interface RequestFacts {
  readonly method: string;
  readonly url: string;
  header(name: string): string | undefined;
}

/** The scheme the browser used: a proxy that ends TLS says so in X-Forwarded-Proto. */
function browserScheme(request: RequestFacts): string {
  const forwarded = request.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded === 'https' || forwarded === 'http') return `${forwarded}:`;
  // The request's URL is absolute; its scheme is all that is asked (no parse of the rest).
  return /^https:/i.test(request.url) ? 'https:' : new URL(request.url).protocol;
}

/** Whether the browser reached this server over TLS (itself, or a proxy in front of it). */
export const overTls = (request: RequestFacts): boolean => browserScheme(request) === 'https:';

/**
 * The protective headers of every answer, pages and API alike: the page policy for pages (and
 * the API's reference page), a policy that loads nothing for everything else, no sniffing, no
 * framing, no referrer to other sites, no caching of what a signed-in reader is shown, and
 * HSTS when the site is served over TLS (reached by https, or told so by --secure-cookies).
 */
export const securityHeaders =
  (options: {
    readonly tls: boolean;
    readonly isPage: (path: string) => boolean;
  }): MiddlewareHandler =>
  async (c, next) => {
    await next();
    // Set on the answer's own headers: `c.header` on a finished answer copies it, and the copy
    // turns its body into a stream the Node adapter then answers through (docs/BENCHMARKS.md).
    let headers = c.res.headers;
    try {
      headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      // An answer with immutable headers (Response.redirect, a fetched one): copy it once.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
      headers.set('X-Content-Type-Options', 'nosniff');
    }
    const page = options.isPage(c.req.path);
    headers.set('Content-Security-Policy', page ? CONTENT_SECURITY_POLICY : NON_PAGE_POLICY);
    headers.set('Referrer-Policy', 'same-origin');
    headers.set('X-Frame-Options', 'DENY');
    // What a signed-in reader is shown is theirs: no browser or proxy cache keeps it.
    const credentialed =
      c.req.header('cookie')?.includes(`${SESSION_COOKIE}=`) || c.req.header('authorization');
    if (credentialed && !headers.has('cache-control')) headers.set('Cache-Control', 'no-store');
    if (options.tls || overTls(c.req)) {
      headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    }
  };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether an unsafe request comes from this origin (or from no browser at all). The origin
 * compared against is the request's host with the scheme the browser used, so a proxy that
 * ends TLS in front of the server does not turn every form post into a cross-site one.
 */
export function sameSiteRequest(request: RequestFacts): boolean {
  if (!UNSAFE.has(request.method)) return true;
  const fetchSite = request.header('sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  const origin = request.header('origin');
  if (origin === undefined) return true;
  return origin === `${browserScheme(request)}//${new URL(request.url).host}`;
}
