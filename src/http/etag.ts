// ETags on reads: a strong tag from the SHA-256 of the body, and 304 Not Modified when the
// client already holds it, so a polling client costs no transfer of an unchanged page. The body
// is read once and answered from the bytes read (no clone of the response's stream).
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export const etagOnReads: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.method !== 'GET' || c.res.status !== 200) return;
  const body = new Uint8Array(await c.res.arrayBuffer());
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  const held = c.req.header('if-none-match');
  if (held?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    c.res = new Response(null, { status: 304, headers: { etag } });
    return;
  }
  const headers = new Headers(c.res.headers);
  headers.set('etag', etag);
  c.res = new Response(body, { status: 200, headers });
};
