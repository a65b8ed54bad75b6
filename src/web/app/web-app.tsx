// The web app (issue 16), served at / beside the API: the reader's language, who is asking,
// the protective headers and the cross-site guard around every page; then the pages per area.
// The pages call the same use cases and policies as the API, so both refuse alike.
import { Hono, type MiddlewareHandler } from 'hono';
import type { HttpDeps } from '../../http/deps.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { accountLang } from './account-lang.ts';
import { registerAccountSecurityPage } from './account-security-page.tsx';
import { assetRoutes } from './assets.ts';
import { registerAssociation } from './association/register.ts';
import { registerBooks } from './books/register.ts';
import { registerCoordinatePages } from './coordinate/register.ts';
import { registerHome } from './home.tsx';
import { chooseLang } from './lang.ts';
import { registerMember } from './member/register.ts';
import { registerPasswordPage } from './password-page.tsx';
import { registerProjectPages } from './project/project-routes.tsx';
import { errorPage, render, textOf } from './render.tsx';
import { registerSecondFactorSignIn } from './second-factor-sign-in.tsx';
import { sameSiteRequest } from './security.ts';
import { registerSessionsPage } from './sessions-page.tsx';
import { registerSignIn } from './sign-in.tsx';
import { registerSimulate } from './simulate/register.ts';
import { webActor } from './web-actor.ts';
import type { WebEnv } from './web-env.ts';

/** The API, its documents and the health check are not pages. */
export const isApiPath = (path: string): boolean =>
  path === '/api' || path.startsWith('/api/') || path === '/healthz';

const pagesOnly =
  (middleware: MiddlewareHandler<WebEnv>): MiddlewareHandler<WebEnv> =>
  (c, next) =>
    isApiPath(c.req.path) ? next() : middleware(c, next);

const crossSiteGuard = (): MiddlewareHandler<WebEnv> => async (c, next) => {
  if (!sameSiteRequest(c.req)) {
    const t = textOf(c);
    return render(c, t('error.forbidden.title'), <p>{t('error.crossSite')}</p>, 403);
  }
  await next();
};

export function createWebApp(deps: HttpDeps, signInLimiter: RateLimiter) {
  const web = new Hono<WebEnv>();
  web.use(pagesOnly(chooseLang()));
  web.use(pagesOnly(webActor(deps)));
  web.use(pagesOnly(accountLang(deps)));
  web.use(pagesOnly(crossSiteGuard()));
  web.route('/', assetRoutes());
  registerHome(web, deps);
  registerSignIn(web, deps, signInLimiter);
  registerPasswordPage(web, deps, signInLimiter);
  registerSecondFactorSignIn(web, deps, signInLimiter);
  registerAccountSecurityPage(web, deps, signInLimiter);
  registerSessionsPage(web, deps);
  registerMember(web, deps);
  registerProjectPages(web, deps);
  registerCoordinatePages(web, deps);
  registerBooks(web, deps);
  registerAssociation(web, deps);
  registerSimulate(web, deps);
  return web;
}

/** The page for a path no route answers (the API answers its own with problem+json). */
export const pageNotFound = (c: Parameters<typeof errorPage>[0]) => errorPage(c, 404);
