// The HTTP app (issue 15): /api/v1 with the routes per area, the OpenAPI document and its
// reference page, /healthz. Around every request: a request id, a structured log line, a body
// size limit, who is asking, a rate limit on writes per account, ETags on reads, and refusals
// as problem+json, an unexpected error as a 500 problem that says no more than its request id.
import { OpenAPIHono } from '@hono/zod-openapi';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { errorPage } from '../web/app/render.tsx';
import { sameSiteRequest, securityHeaders } from '../web/app/security.ts';
import { createWebApp, isApiPath, pageNotFound } from '../web/app/web-app.tsx';
import type { WebEnv } from '../web/app/web-env.ts';
import { authenticate } from './authenticate.ts';
import type { HttpDeps } from './deps.ts';
import { openApiDocument, registerDocs, registerSecuritySchemes } from './docs.ts';
import type { HttpEnv } from './env.ts';
import { etagOnReads } from './etag.ts';
import { problem, problemResponse } from './problem.ts';
import { createRateLimiter } from './rate-limit.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { booksRoutes } from './routes/books-routes.ts';
import { calendarRoutes } from './routes/calendar-routes.ts';
import { exportRoutes } from './routes/export-routes.ts';
import { inputRoutes } from './routes/input-routes.ts';
import { clientAddress, limited } from './routes/limits.ts';
import { memberInputRoutes } from './routes/member-input-routes.ts';
import { peopleRoutes } from './routes/people-routes.ts';
import { periodReadRoutes } from './routes/period-read-routes.ts';
import { poolRoutes } from './routes/pool-routes.ts';
import { secondFactorRoutes } from './routes/second-factor-routes.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a request says it carries a body: a media type, a length above 0 or chunks. */
const hasBody = (request: Request): boolean =>
  request.headers.has('content-type') ||
  Number(request.headers.get('content-length') ?? '0') > 0 ||
  request.headers.has('transfer-encoding');

/** application/json or a +json type, parameters and letter case aside. */
const isJson = (contentType: string | undefined): boolean =>
  /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/** A request's path as the log keeps it: a calendar feed's secret stays out of the log. */
export const loggedPath = (path: string): string =>
  path.replace(/^\/api\/v1\/calendar\/[^/]+/, '/api/v1/calendar/…');

/** The API's routes alone: what the OpenAPI document is generated from. */
export function createApi(
  deps: HttpDeps,
  signInLimiter = createRateLimiter(deps.settings.signInLimit, deps.now),
) {
  const api = new OpenAPIHono<HttpEnv>();
  registerSecuritySchemes(api);
  api.route('/', authRoutes(deps, signInLimiter));
  api.route('/', secondFactorRoutes(deps, signInLimiter));
  api.route('/', accountRoutes(deps));
  api.route('/', poolRoutes(deps));
  api.route('/', inputRoutes(deps));
  api.route('/', memberInputRoutes(deps));
  api.route('/', booksRoutes(deps));
  api.route('/', peopleRoutes(deps));
  api.route('/', periodReadRoutes(deps));
  api.route('/', exportRoutes(deps));
  api.route('/', calendarRoutes(deps));
  return api;
}

export function createApp(deps: HttpDeps) {
  const app = new Hono<HttpEnv>();
  // One sign-in limit for the API's sign-in and the web app's sign-in form.
  const signInLimiter = createRateLimiter(deps.settings.signInLimit, deps.now);
  const api = createApi(deps, signInLimiter);
  const writeLimiter = createRateLimiter(deps.settings.writeLimit, deps.now);
  const readLimiter = createRateLimiter(deps.settings.readLimit, deps.now);
  let document: unknown = null;

  app.use(requestId());
  app.use(
    securityHeaders({
      tls: deps.settings.secureCookies,
      isPage: (path) => !isApiPath(path) || path === '/api/docs',
    }),
  );
  // The request id is a field of the line (and of an unexpected error's line), not a child
  // logger's binding: the line is the same, and no logger is made for each request.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: loggedPath(c.req.path),
        account: c.get('actor')?.accountId ?? null,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
  const tooLarge = (c: Context) =>
    problem(
      c,
      'http.body_too_large',
      `a request body has at most ${deps.settings.bodyLimitBytes} bytes`,
    );
  const limitStreamedBody = bodyLimit({ maxSize: deps.settings.bodyLimitBytes, onError: tooLarge });
  // A body with a Content-Length (and no Transfer-Encoding) is limited by that length, which
  // Node's HTTP parser holds the body to, as Hono's bodyLimit does; only a streamed body goes
  // through Hono's, which counts its bytes. Hono's first asks the request for its body stream,
  // and that alone makes the Node adapter build a whole web Request with a stream over the
  // socket, which the route's JSON then is read through: a tenth of a bid's CPU
  // (docs/BENCHMARKS.md, the HTTP server). Without it the route reads the body straight off
  // the socket.
  const limitBody: MiddlewareHandler<HttpEnv> = (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      return limitStreamedBody(c, next);
    }
    return Number.parseInt(length, 10) > deps.settings.bodyLimitBytes
      ? Promise.resolve(tooLarge(c))
      : next();
  };
  // Only writes carry a body: asking a read for its body makes the Node adapter build a whole
  // Request for it, a few per cent of a read's CPU (docs/BENCHMARKS.md, the HTTP server).
  // A write from another origin is refused before anything reads its body or its cookie: a
  // browser sends the session cookie with a same-site post (another port of this host, a form
  // of a sibling page), and the API's sign-in and sign-out are writes too. Clients that are no
  // browser (the CLI, scripts) send no Origin and pass.
  app.use('/api/*', async (c, next) => {
    if (sameSiteRequest(c.req)) return next();
    return problem(c, 'http.cross_site', 'a write from another origin is refused');
  });
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  // The API reads JSON only: a body of another media type would reach a route as no body at
  // all, so it is refused here with 415 (a write without a body is the route's 400). A
  // request without a body may come with no type (a DELETE over HTTP has an empty stream).
  app.use('/api/*', (c, next) =>
    WRITE_METHODS.has(c.req.method) && hasBody(c.req.raw) && !isJson(c.req.header('content-type'))
      ? Promise.resolve(
          problem(
            c,
            'http.unsupported_media_type',
            'the API reads request bodies as application/json',
          ),
        )
      : next(),
  );
  app.use('/api/v1/*', authenticate(deps.auth, deps.settings.secureCookies));
  app.use('/api/v1/*', async (c, next) => {
    const accountId = c.get('actor').accountId;
    if (accountId !== null && WRITE_METHODS.has(c.req.method)) {
      const tooMany = limited(c, writeLimiter, [`account:${accountId}`]);
      if (tooMany !== null) return tooMany;
    } else if (!WRITE_METHODS.has(c.req.method)) {
      const client = accountId === null ? `address:${clientAddress(c)}` : `account:${accountId}`;
      const tooMany = limited(c, readLimiter, [client]);
      if (tooMany !== null) return tooMany;
    }
    await next();
  });
  app.use('/api/v1/*', etagOnReads);

  app.get('/healthz', async (c) =>
    (await deps.ready()) ? c.json({ status: 'ready' }) : c.json({ status: 'unavailable' }, 503),
  );
  app.route('/api/v1', api);
  registerDocs(app, () => {
    document ??= openApiDocument(api);
    return document;
  });

  // Pages and their assets, counted per address (the page's account is known only inside).
  app.use('*', async (c, next) => {
    if (isApiPath(c.req.path) || c.req.path === '/healthz' || WRITE_METHODS.has(c.req.method)) {
      return next();
    }
    const tooMany = limited(c, readLimiter, [`page:${clientAddress(c)}`]);
    if (tooMany !== null) return tooMany;
    await next();
  });
  app.route('/', createWebApp(deps, signInLimiter));

  app.notFound((c) =>
    isApiPath(c.req.path)
      ? problem(c, 'http.not_found', `no route ${c.req.method} ${c.req.path}`)
      : pageNotFound(c as unknown as Context<WebEnv>),
  );
  app.onError((error, c) => {
    // A malformed JSON body reaches here as a parse error: the client's fault, not a 500.
    if (error instanceof SyntaxError || (error as { status?: number }).status === 400) {
      return problem(c, 'http.invalid_request', 'the body is not valid JSON');
    }
    deps.logger.error({ requestId: c.get('requestId'), err: error }, 'unexpected error');
    if (!isApiPath(c.req.path) && (c as unknown as Context<WebEnv>).get('lang') !== undefined) {
      return errorPage(c as unknown as Context<WebEnv>, 500, { requestId: c.get('requestId') });
    }
    const answer = problemResponse(
      'http.internal',
      `unexpected error; request id ${c.get('requestId')}`,
      c.req.path,
    );
    // The answer is made here, not through the context, so the request id's header that the
    // requestId middleware set on the context is not on it: set it, as on every other answer.
    answer.headers.set('X-Request-Id', c.get('requestId'));
    return answer;
  });
  return app;
}

export type HttpApp = ReturnType<typeof createApp>;
