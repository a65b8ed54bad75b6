// ETags on reads: a strong tag from the SHA-256 of the body, and 304 Not Modified when the
// client already holds it, so a polling client costs no transfer of an unchanged page.
import type { MiddlewareHandler } from 'hono';
import { textSha256 } from '../app/sha256.ts';

export const etagOnReads: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.method !== 'GET' || c.res.status !== 200) return;
  const body = await c.res.clone().text();
  const etag = `"${textSha256(body).slice(0, 32)}"`;
  const held = c.req.header('if-none-match');
  if (held?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    c.res = new Response(null, { status: 304, headers: { etag } });
    return;
  }
  c.res.headers.set('etag', etag);
};
