// The API's reference: the OpenAPI 3.1 document generated from the route schemas, and a
// reference page served from the swagger-ui-dist package (no CDN, no inline script, so a strict
// Content-Security-Policy holds).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { HttpEnv } from './env.ts';

export const API_VERSION = '1.0.0';

/** The document's head: everything but the paths and schemas, which the routes give. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Peerconomy API',
    version: API_VERSION,
    description:
      'Pools, their period cycle, inputs (bids, work, takings …), the open books and accounts. Refusals are RFC 9457 problem+json with a stable `code`. Every write takes an Idempotency-Key header.',
    license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
  },
  servers: [{ url: '/api/v1' }],
};

export function registerSecuritySchemes(api: OpenAPIHono<HttpEnv>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'pc_session',
    description:
      'The session cookie set by POST /auth/sign-in; named __Host-pc_session when the server marks it Secure (over TLS).',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal access token (POST /auth/tokens).',
  });
}

export function openApiDocument(api: OpenAPIHono<HttpEnv>) {
  return api.getOpenAPI31Document(OPENAPI_CONFIG);
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peerconomy API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.addEventListener('load', function () {
  window.SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true });
});
`;

const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function registerDocs(app: Hono<HttpEnv>, document: () => unknown): void {
  const require = createRequire(import.meta.url);
  const assetDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, string>();
  app.get('/api/openapi.json', (c) => c.json(document() as object));
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/init.js', (c) =>
    c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  // One static route per asset, not `/api/docs/:asset`: a parameter beside the static
  // `init.js` is a path Hono's RegExpRouter cannot take, and one such path makes the app fall
  // back to its TrieRouter, which matches every request of the app more slowly
  // (docs/BENCHMARKS.md, the HTTP server).
  for (const [asset, type] of Object.entries(ASSETS)) {
    app.get(`/api/docs/${asset}`, (c) => {
      let text = cache.get(asset);
      if (text === undefined) {
        text = readFileSync(join(assetDir, asset), 'utf8');
        cache.set(asset, text);
      }
      return c.body(text, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
  }
}
