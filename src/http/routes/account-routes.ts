// The signed-in account's own security: its sessions (listed without their tokens, one ended
// at a time) and its security events; and a pool's auditors reading the events of the pool's
// accounts.
import { createRoute, z } from '@hono/zod-openapi';
import { SECURITY_EVENT_KINDS } from '../../app/auth/security-events.ts';
import { canAudit, canManageOwnAccount } from '../../app/policies/permissions.ts';
import { idempotentWrite } from '../account-idempotency.ts';
import type { HttpDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import {
  answer,
  IdempotencyHeaders,
  jsonBody,
  newRouter,
  PageQuery,
  page,
  problems,
  refusal,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { PoolParams } from '../schemas.ts';

const Session = z
  .object({
    sessionId: z.string().openapi({ description: 'Names the session; it is not its token.' }),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().openapi({ description: 'Kept to the minute.' }),
    agent: z.string().nullable().openapi({ description: 'The browser, e.g. "Firefox on Linux".' }),
    current: z.boolean().openapi({ description: 'The session of this request.' }),
  })
  .openapi('Session');
const SessionParams = z.object({ sessionId: z.string().min(1).max(64) });
const SecurityEvent = z
  .object({
    seq: z.number().int(),
    at: z.number().int(),
    accountId: z.string().nullable(),
    kind: z.enum(SECURITY_EVENT_KINDS),
    login: z.string().nullable().openapi({ description: 'The login a sign-in named.' }),
    sourceIp: z.string().nullable(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .openapi('SecurityEvent');
const EventPage = z
  .object({ items: z.array(SecurityEvent), nextCursor: z.number().int().nullable() })
  .openapi('SecurityEventPage');

export function accountRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { sessions, authStore, economy } = deps;

  route(
    router,
    createRoute({
      method: 'get',
      path: '/auth/sessions',
      tags: ['accounts'],
      summary: "The signed-in account's live sessions (never their tokens), newest first.",
      security: SECURITY,
      responses: {
        200: jsonBody(z.object({ items: z.array(Session) }), 'The sessions.'),
        ...problems(401),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      return c.json({ items: await sessions.list(actor.accountId!, c.get('sessionToken')) }, 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'delete',
      path: '/auth/sessions/{sessionId}',
      tags: ['accounts'],
      summary: 'End one of the account’s own sessions (another account’s is not found).',
      security: SECURITY,
      request: { headers: IdempotencyHeaders, params: SessionParams },
      responses: {
        200: jsonBody(z.object({ sessionId: z.string() }), 'Ended.'),
        ...problems(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      const { sessionId } = valid(c, 'param', SessionParams);
      return idempotentWrite(c, authStore, { sessionId }, 200, async (context) =>
        answer(c, await sessions.end(actor.accountId!, sessionId, context)),
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/auth/events',
      tags: ['accounts'],
      summary:
        "The signed-in account's security events (sign-ins, refusals, tokens, sessions, roles), oldest first.",
      security: SECURITY,
      request: { query: PageQuery },
      responses: { 200: jsonBody(EventPage, 'A page.'), ...problems(400, 401) },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canManageOwnAccount(actor));
      if (refused !== null) return refused;
      const { after = -1, limit = 100 } = valid(c, 'query', PageQuery);
      const events = await authStore.securityEvents([actor.accountId!], after, limit);
      return c.json(
        page(events, limit, (event) => event.seq),
        200,
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/security-events',
      tags: ['people'],
      summary: 'The security events of the accounts holding a role in the pool (auditors).',
      security: SECURITY,
      request: { params: PoolParams, query: PageQuery },
      responses: { 200: jsonBody(EventPage, 'A page.'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { after = -1, limit = 100 } = valid(c, 'query', PageQuery);
      const refused = refusal(c, canAudit(c.get('actor'), poolId));
      if (refused !== null) return refused;
      const status = await economy.status(poolId);
      if (!status.ok) return problem(c, status.error.code, status.error.detail);
      const accounts = [...new Set((await authStore.rolesInPool(poolId)).map((r) => r.accountId))];
      const events = await authStore.securityEvents(accounts, after, limit);
      return c.json(
        page(events, limit, (event) => event.seq),
        200,
      );
    },
  );

  return router;
}
