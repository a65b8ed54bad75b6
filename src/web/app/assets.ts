// Static assets served by the app itself (no CDN): htmx from its npm package and the app's
// stylesheet. Their URLs carry a version or content hash, so browsers may keep them forever.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { APP_CSS } from './styles.ts';
import type { WebEnv } from './web-env.ts';

const require = createRequire(import.meta.url);
const HTMX_SOURCE = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8');
const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

export const ASSET_PATHS = {
  htmx: `/assets/htmx-${shortHash(HTMX_SOURCE)}.min.js`,
  css: `/assets/app-${shortHash(APP_CSS)}.css`,
} as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function assetRoutes() {
  const assets = new Hono<WebEnv>();
  assets.get(ASSET_PATHS.htmx, (c) =>
    c.body(HTMX_SOURCE, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': IMMUTABLE,
    }),
  );
  assets.get(ASSET_PATHS.css, (c) =>
    c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': IMMUTABLE }),
  );
  return assets;
}
