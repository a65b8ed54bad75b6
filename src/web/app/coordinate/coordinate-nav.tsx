// The coordinator's pages and the one list of their paths under /pools/:poolId/coordinate.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpDeps } from '../../../http/deps.ts';
import { openPoolArea, type PoolView, renderPoolPage } from '../pool-page.tsx';
import { webText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';

export const COORDINATE_PAGES = ['cycle', 'people', 'settings', 'office', 'audit'] as const;
export type CoordinatePage = (typeof COORDINATE_PAGES)[number];

export const coordinateHref = (poolId: string, page: CoordinatePage): string =>
  `/pools/${encodeURIComponent(poolId)}/coordinate${page === 'cycle' ? '' : `/${page}`}`;

/** The pool for a coordinator, or the response to send instead (sign-in, 403, 404). */
export const openCoordinate = (c: Context<WebEnv>, deps: HttpDeps) =>
  openPoolArea(c, deps, 'coordinate');

/** A coordinator's page: the pool's navigation, then this area's own, then the content. */
export function renderCoordinatePage(
  c: Context<WebEnv>,
  pool: PoolView,
  page: CoordinatePage,
  content: Child,
  status: ContentfulStatusCode = 200,
) {
  const lang = c.get('lang');
  const title = webText(lang, `coord.${page}.title`);
  return renderPoolPage(
    c,
    pool,
    'coordinate',
    title,
    <>
      <nav aria-label={webText(lang, 'coord.nav')}>
        <ul class="subnav coord-nav">
          {COORDINATE_PAGES.map((p) => (
            <li>
              <a
                href={coordinateHref(pool.poolId, p)}
                aria-current={p === page ? 'page' : undefined}
              >
                {webText(lang, `coord.${p}.title`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {content}
    </>,
    status,
  );
}

/** A form's string fields. */
export async function formOf(c: Context<WebEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
