// Pools and their period cycle: list, create, status, step, and whether the books are public.
import { createRoute, z } from '@hono/zod-openapi';
import { canCreatePool, canReadBooks, canReadPool } from '../../app/policies/permissions.ts';
import type { PoolSettings } from '../../core/cycle/inputs.ts';
import { idempotentWrite } from '../account-idempotency.ts';
import type { HttpDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import {
  answer,
  IdempotencyHeaders,
  jsonBody,
  newRouter,
  problems,
  refusal,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { Input, PoolParams, PoolStatus, Record, StepAnswer, StepRequest } from '../schemas.ts';

const CreatePool = z
  .object({
    settings: Record.openapi({
      description: "The scenario's non-list fields: name, seed, pool (with its id) …",
    }),
    founding: z.array(Input).min(1),
  })
  .openapi('CreatePool');
const Visibility = z.object({ publicBooks: z.boolean() }).openapi('Visibility');

export function poolRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { economy, pools, people, authStore } = deps;

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools',
      tags: ['pools'],
      summary:
        'The pools whose books are open to the public, and those the signed-in account belongs to.',
      security: [...SECURITY, {}],
      responses: { 200: jsonBody(z.object({ items: z.array(z.string()) }), 'Pool ids.') },
    }),
    async (c) => {
      const actor = c.get('actor');
      const items: string[] = [];
      for (const poolId of await economy.listPools()) {
        const open = await authStore.publicBooks(poolId);
        if (canReadBooks(actor, { poolId, publicBooks: open }).allowed) items.push(poolId);
      }
      return c.json({ items }, 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools',
      tags: ['pools'],
      summary:
        'Create a pool from its settings and founding inputs; the creator becomes its coordinator.',
      security: SECURITY,
      request: {
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: CreatePool } }, required: true },
      },
      responses: {
        201: jsonBody(z.object({ poolId: z.string() }), 'Created.'),
        ...problems(400, 401, 403, 409, 422, 429),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const refused = refusal(c, canCreatePool(actor));
      if (refused !== null) return refused;
      const { settings, founding } = valid(c, 'json', CreatePool);
      const key = `http:${actor.accountId}:${c.req.header('idempotency-key')}`;
      const created = await economy.createPool(key, settings as unknown as PoolSettings, founding);
      if (!created.ok) return problem(c, created.error.code, created.error.detail);
      const grant = { poolId: created.value.poolId, role: 'coordinator' as const, subject: '' };
      if (await authStore.grantRole(actor.accountId!, grant)) {
        await authStore.appendAudit(grant.poolId, {
          at: deps.now(),
          actorAccountId: actor.accountId!,
          onBehalfOf: null,
          action: 'role.granted',
          detail: { accountId: actor.accountId, role: 'coordinator', subject: '', founder: true },
        });
      }
      return c.json(created.value, 201);
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}',
      tags: ['pools'],
      summary: "The pool's settings, cycle and periods.",
      security: SECURITY,
      request: { params: PoolParams },
      responses: { 200: jsonBody(PoolStatus, 'The pool.'), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const publicBooks = await authStore.publicBooks(poolId);
      const actor = c.get('actor');
      const decision = canReadPool(actor, poolId);
      // The public reads the pool's status where its books are public.
      if (!decision.allowed && !publicBooks) return refusal(c, decision)!;
      const status = await economy.status(poolId);
      if (!status.ok) return problem(c, status.error.code, status.error.detail);
      return c.json({ ...status.value, publicBooks }, 200);
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/steps',
      tags: ['pools'],
      summary:
        'Move the period cycle one step (coordinators); a step already taken answers alreadyDone.',
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: StepRequest } }, required: true },
      },
      responses: {
        200: jsonBody(StepAnswer, 'The step.'),
        ...problems(400, 401, 403, 404, 409, 422, 429),
      },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const step = valid(c, 'json', StepRequest);
      return answer(
        c,
        await pools.advance(c.get('actor'), poolId, c.req.header('idempotency-key')!, step),
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'put',
      path: '/pools/{poolId}/visibility',
      tags: ['pools'],
      summary: "Open the pool's books to the public, or close them (coordinators).",
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Visibility } }, required: true },
      },
      responses: {
        200: jsonBody(Visibility.extend({ poolId: z.string() }), 'Set.'),
        ...problems(400, 401, 403, 404, 422, 429),
      },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { publicBooks } = valid(c, 'json', Visibility);
      return idempotentWrite(c, authStore, { poolId, publicBooks }, 200, async (context) =>
        answer(c, await people.setPublicBooks(c.get('actor'), poolId, publicBooks, context)),
      );
    },
  );

  return router;
}
