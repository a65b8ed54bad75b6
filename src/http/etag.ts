// ETags on reads: a strong tag from the SHA-256 of the body, and 304 Not Modified when the
// client already holds it, so a polling client costs no transfer of an unchanged page. A JSON
// answer is tagged from the text `c.json` wrote, before it became a response: reading the
// body back out of the response made the Node adapter build a web stream for it and answer
// through that stream, about a tenth of a read's CPU (docs/BENCHMARKS.md, the HTTP server).
// Any other answer (CSV, a calendar) is read once and answered from the bytes read.
import { hash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

// The one-shot hash (Node 20.12 and later) makes no Hash object for each answer; the tag is the
// same as through createHash.
const tagOf = (body: string | Uint8Array) => `"${hash('sha256', body, 'hex').slice(0, 32)}"`;

/** The headers `c.json` gives an answer, as Hono's own `c.json` makes them. */
const withJsonType = (headers: unknown) => ({
  'Content-Type': 'application/json',
  ...(headers as Record<string, string | string[]> | undefined),
});

/** Makes `c.json` keep the text it writes, with the response it made of it. */
function recordJsonText(c: Context): { response?: Response; text?: string } {
  const written: { response?: Response; text?: string } = {};
  const body = c.body as (data: string, arg?: unknown, headers?: unknown) => Response;
  c.json = ((object: unknown, arg?: unknown, headers?: unknown) => {
    const text = JSON.stringify(object);
    const response = body(text, arg, withJsonType(headers));
    written.response = response;
    written.text = text;
    return response;
  }) as typeof c.json;
  return written;
}

export const etagOnReads: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET') return next();
  const written = recordJsonText(c);
  await next();
  if (c.res.status !== 200) return;
  const fromJson = written.response === c.res && written.text !== undefined;
  const body = fromJson ? written.text! : new Uint8Array(await c.res.arrayBuffer());
  const etag = tagOf(body);
  const held = c.req.header('if-none-match');
  if (held?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    c.res = new Response(null, { status: 304, headers: { etag } });
    return;
  }
  if (fromJson) {
    c.res.headers.set('etag', etag);
    return;
  }
  const headers = new Headers(c.res.headers);
  headers.set('etag', etag);
  c.res = new Response(body, { status: 200, headers });
};
