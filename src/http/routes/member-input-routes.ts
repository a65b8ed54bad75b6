// What members (and for associations, stewards) do besides bidding and recording work, each as
// a named route over the same use case as the generic inputs route: taking goods (requests),
// premiums on scarce goods, pre-orders and their cancellation, subscriptions, resource claims,
// residencies and dependents; and confirming several work records in one request. The records are those of
// the scenario format (docs/scenario.schema.json); the economy checks them as it does a file.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { GivenInputRequest } from '../../app/economy/economy-service.ts';
import type { HttpDeps } from '../deps.ts';
import type { HttpEnv } from '../env.ts';
import {
  answer,
  IdempotencyHeaders,
  jsonBody,
  newRouter,
  problems,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { PoolParams, Submitted } from '../schemas.ts';

const id = z.string().min(1).max(128);
const units = z.number().int().min(1);
const effortMilli = z.number().int().min(0);

const Request = z
  .object({
    personId: id,
    productId: id,
    units,
    premiumPerUnitEffortMilli: effortMilli.optional().openapi({
      description: 'Extra effort per unit offered for a scarce good (× 1000); 0 or absent: none.',
    }),
    premiumTermPeriods: z.number().int().min(1).nullable().optional(),
    release: z.enum(['atOnce', 'onCompletion']).optional(),
    basicNeeds: z.boolean().optional(),
  })
  .openapi('GoodsRequest');
const Premium = z
  .object({
    personId: id,
    units,
    premiumPerUnitEffortMilli: z.number().int().min(1).openapi({
      description: 'The extra effort per unit (× 1000) the person offers for the scarce good.',
    }),
    premiumTermPeriods: z.number().int().min(1).nullable().optional().openapi({
      description: 'Pay the premium over this many periods (a durable good); absent: at once.',
    }),
  })
  .openapi('Premium');
const ProductParams = PoolParams.extend({
  productId: id.openapi({ param: { name: 'productId', in: 'path' } }),
});
const PreOrder = z
  .object({
    id,
    personId: id,
    productId: id,
    units,
    fulfil: z.enum(['request', 'production']).optional(),
  })
  .openapi('PreOrder');
const PreOrderParams = PoolParams.extend({
  preOrderId: id.openapi({ param: { name: 'preOrderId', in: 'path' } }),
});
const PreOrderCancellation = z
  .object({
    spentEffortMilli: effortMilli.optional().openapi({
      description:
        "Effort (× 1000) already spent on the pre-order's batch; 0 or absent: production has not started and the cancellation is free. Stated by the product's project.",
    }),
    plannedEffortMilli: effortMilli.optional().openapi({
      description: 'Effort (× 1000) the whole batch is planned to take.',
    }),
  })
  .openapi('PreOrderCancellation');
const Subscription = z
  .object({
    id,
    personId: id,
    productId: id,
    unitsPerPeriod: units,
    fromPeriod: z.number().int().min(1).optional(),
    untilPeriod: z.number().int().min(1).nullable().optional(),
    basicNeeds: z.boolean().optional(),
  })
  .openapi('Subscription');
const ResourceClaim = z
  .object({
    resourceId: id,
    personId: id.nullable().optional(),
    projectId: id.nullable().optional(),
    units,
    premiumPerUnitEffortMilli: effortMilli.optional(),
    basicNeeds: z.boolean().optional(),
  })
  .openapi('ResourceClaim');
const Residency = z
  .object({
    personId: id,
    associationId: id.nullable().openapi({ description: 'null: the person leaves it.' }),
  })
  .openapi('Residency');
const Dependent = z
  .object({
    personId: id,
    dependent: z
      .object({
        category: z.enum(['child', 'elderly', 'sick', 'other']),
        allowanceEffortMilli: effortMilli.nullable().optional(),
      })
      .nullable()
      .openapi({ description: 'null: the person is no longer carried as a dependent.' }),
  })
  .openapi('Dependent');
const Confirmations = z
  .object({
    seqs: z.array(z.number().int().min(0)).min(1).max(500).openapi({
      description: 'The work records to confirm, by their input sequence numbers.',
    }),
    confirmedBy: id.openapi({
      description:
        "The confirmer's person id (a maintainer or named confirmer of each task's project).",
    }),
  })
  .openapi('Confirmations');

const WRITE_PROBLEMS = problems(400, 401, 403, 404, 409, 422, 429);

/** The named routes that give one record of a kind; `period: 'open'` gives it to the open
 *  period, `'standing'` as a standing input. */
const NAMED = [
  {
    path: '/pools/{poolId}/requests',
    kind: 'requests',
    schema: Request,
    period: 'open',
    summary:
      'Request (take) goods of the open period for oneself; a premium per unit bids for a scarce good.',
  },
  {
    path: '/pools/{poolId}/pre-orders',
    kind: 'preOrders',
    schema: PreOrder,
    period: 'open',
    summary:
      'Pre-order goods for oneself in the open period (fulfilled by a request or by production).',
  },
  {
    path: '/pools/{poolId}/subscriptions',
    kind: 'subscriptions',
    schema: Subscription,
    period: 'standing',
    summary: 'Subscribe to a product for oneself: so many units every period from a period on.',
  },
  {
    path: '/pools/{poolId}/resource-claims',
    kind: 'resourceClaims',
    schema: ResourceClaim,
    period: 'open',
    summary:
      'Claim units of a natural resource in the open period: for oneself, for a project one maintains, or as its association’s steward.',
  },
  {
    path: '/pools/{poolId}/residencies',
    kind: 'residencies',
    schema: Residency,
    period: 'open',
    summary: 'Move a person into or out of an association from the open period (its stewards).',
  },
  {
    path: '/pools/{poolId}/dependents',
    kind: 'dependents',
    schema: Dependent,
    period: 'open',
    summary:
      'Carry a person as a dependent of their association, or stop carrying them (its stewards).',
  },
] as const;

export function memberInputRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { pools } = deps;
  const keyOf = (c: Context<HttpEnv>) => c.req.header('idempotency-key')!;

  async function give(
    c: Context<HttpEnv>,
    kind: string,
    period: 'open' | 'standing',
    record: object,
  ) {
    const { poolId } = valid(c, 'param', PoolParams);
    // The open period is the one the write finds open (submitInputs reads it with the lock).
    const input: GivenInputRequest = { kind, period: period === 'open' ? 'open' : 0, record };
    return answer(c, await pools.submit(c.get('actor'), poolId, keyOf(c), [input]), 201);
  }

  for (const named of NAMED) {
    route(
      router,
      createRoute({
        method: 'post',
        path: named.path,
        tags: ['inputs'],
        summary: named.summary,
        security: SECURITY,
        request: {
          params: PoolParams,
          headers: IdempotencyHeaders,
          body: { content: { 'application/json': { schema: named.schema } }, required: true },
        },
        responses: { 201: jsonBody(Submitted, 'Given.'), ...WRITE_PROBLEMS },
      }),
      async (c) => give(c, named.kind, named.period, valid(c, 'json', named.schema)),
    );
  }

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/scarce-goods/{productId}/premiums',
      tags: ['inputs'],
      summary:
        'Offer a premium for units of a scarce good in the open period (a request with a premium; MODEL.md M7).',
      security: SECURITY,
      request: {
        params: ProductParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Premium } }, required: true },
      },
      responses: { 201: jsonBody(Submitted, 'Offered.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { productId } = valid(c, 'param', ProductParams);
      return give(c, 'requests', 'open', { ...valid(c, 'json', Premium), productId });
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/pre-orders/{preOrderId}/cancellation',
      tags: ['inputs'],
      summary:
        "Cancel a pre-order in the open period: its person, free before production started; the product's maintainers, with the effort spent (MODEL.md M9).",
      security: SECURITY,
      request: {
        params: PreOrderParams,
        headers: IdempotencyHeaders,
        body: {
          content: { 'application/json': { schema: PreOrderCancellation } },
          required: true,
        },
      },
      responses: { 201: jsonBody(Submitted, 'Cancelled.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { preOrderId } = valid(c, 'param', PreOrderParams);
      const effort = valid(c, 'json', PreOrderCancellation);
      return give(c, 'preOrderCancellations', 'open', { preOrderId, ...effort });
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/work/confirmations',
      tags: ['inputs'],
      summary:
        'Confirm several work records in one request, all or none, as a maintainer or named confirmer of their projects.',
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Confirmations } }, required: true },
      },
      responses: { 201: jsonBody(Submitted, 'The confirmed records.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { seqs, confirmedBy } = valid(c, 'json', Confirmations);
      return answer(
        c,
        await pools.confirmWork(c.get('actor'), poolId, keyOf(c), seqs, confirmedBy),
        201,
      );
    },
  );

  return router;
}
