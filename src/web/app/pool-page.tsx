// What every page of a pool does first: find the pool and its facts, check that the reader may
// see the area (the public is sent to sign in, a signed-in reader without the role gets a
// refusal page), and render the page with the pool's navigation.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PoolStatus } from '../../app/economy/economy-service.ts';
import type { PoolFacts } from '../../app/policies/actor.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { POOL_AREAS, type PoolAreaId, PoolNav } from './pool-nav.tsx';
import { errorPage, render } from './render.tsx';
import type { WebEnv } from './web-env.ts';

export interface PoolView {
  readonly poolId: string;
  readonly facts: PoolFacts;
  readonly status: PoolStatus;
}

/**
 * The pool of the request's `:poolId` when the reader may see `area`; otherwise the response to
 * send instead (404 for an unknown pool, sign-in for the public, 403 for a reader without role).
 */
export async function openPoolArea(
  c: Context<WebEnv>,
  deps: HttpDeps,
  area: PoolAreaId,
): Promise<PoolView | Response> {
  const poolId = c.req.param('poolId') ?? '';
  const facts = await deps.pools.facts(poolId);
  const status = await deps.economy.status(poolId);
  if (!facts.ok || !status.ok) return errorPage(c, 404);
  const visible = POOL_AREAS.find((a) => a.id === area)!.visible(c.get('actor'), facts.value);
  if (!visible) {
    if (c.get('actor').accountId === null) {
      const url = new URL(c.req.url);
      return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    return errorPage(c, 403);
  }
  return { poolId, facts: facts.value, status: status.value };
}

/** A pool page: its title as the heading's context, the pool's navigation, then the content. */
export function renderPoolPage(
  c: Context<WebEnv>,
  view: PoolView,
  area: PoolAreaId,
  title: string,
  content: Child,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  return render(
    c,
    `${title} · ${view.poolId}`,
    <>
      <p class="muted">{view.poolId}</p>
      <PoolNav lang={c.get('lang')} actor={c.get('actor')} facts={view.facts} current={area} />
      {content}
    </>,
    status,
  );
}
