// Rate limiting inside a route: the client's address, and a 429 with Retry-After when any of
// the keys is over its limit.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { problem } from '../problem.ts';
import type { RateLimiter } from '../rate-limit.ts';

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'local';
  }
}

export function limited(
  c: Context,
  limiter: RateLimiter,
  keys: readonly string[],
): Response | null {
  for (const key of keys) {
    const wait = limiter.take(key);
    if (wait !== null) {
      const refused = problem(c, 'http.rate_limited', `too many requests; retry in ${wait} s`);
      refused.headers.set('retry-after', String(wait));
      return refused;
    }
  }
  return null;
}
