// The home page: for a signed-in reader, the pools their account belongs to with their roles;
// for everyone, the pools whose books are open to the public.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../http/deps.ts';
import { areaHref } from './pool-nav.tsx';
import { render, textOf } from './render.tsx';
import type { WebEnv } from './web-env.ts';

export function registerHome(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/', async (c) => {
    const t = textOf(c);
    const actor = c.get('actor');
    const rolesByPool = new Map<string, Set<string>>();
    for (const grant of actor.grants) {
      const roles = rolesByPool.get(grant.poolId) ?? new Set<string>();
      roles.add(t(`role.${grant.role}`));
      rolesByPool.set(grant.poolId, roles);
    }
    const publicPools: string[] = [];
    for (const poolId of await deps.economy.listPools()) {
      if (await deps.authStore.publicBooks(poolId)) publicPools.push(poolId);
    }
    return render(
      c,
      t('home.title'),
      <>
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        {actor.accountId === null ? null : (
          <section aria-labelledby="your-pools">
            <h2 id="your-pools">{t('home.yourPools')}</h2>
            {rolesByPool.size === 0 ? (
              <p>{t('home.noPools')}</p>
            ) : (
              <div class="cards">
                {[...rolesByPool].map(([poolId, roles]) => (
                  <div class="card">
                    <h3>
                      <a href={`/pools/${encodeURIComponent(poolId)}`}>
                        {t('home.open', { pool: poolId })}
                      </a>
                    </h3>
                    <p class="muted">{t('home.roles', { roles: [...roles].join(', ') })}</p>
                  </div>
                ))}
              </div>
            )}
            <p>
              <a href="/account/password">{t('home.changePassword')}</a>
              {' · '}
              <a href="/account/sessions">{t('home.sessions')}</a>
            </p>
            <p>
              <a href="/account/security">{t('home.security')}</a>
            </p>
          </section>
        )}
        <section aria-labelledby="public-pools">
          <h2 id="public-pools">{t('home.publicPools')}</h2>
          {publicPools.length === 0 ? (
            <p>{t('home.noPublicPools')}</p>
          ) : (
            <ul>
              {publicPools.map((poolId) => (
                <li>
                  <a href={areaHref(poolId, 'books')}>{t('home.readBooks', { pool: poolId })}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </>,
    );
  });
}
