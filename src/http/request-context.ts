// What a request brings to the use cases that record security events or store a keyed answer:
// the connection's address (as the rate limits see it) and a short label of the user agent.
// Built only by the routes that write accounts or sign in (decision 0071), never for a read.
import type { Context } from 'hono';
import type { RequestContext } from '../app/auth/account-writes.ts';
import { userAgentLabel } from '../app/auth/security-events.ts';
import { clientAddress } from './routes/limits.ts';

export function requestContext(c: Context): RequestContext {
  return { source: { ip: clientAddress(c), agent: userAgentLabel(c.req.header('user-agent')) } };
}
