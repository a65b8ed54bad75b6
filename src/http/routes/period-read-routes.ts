// The open period as it stands (decision 0027's projection): run from the checkpoint with the
// inputs given so far, as if it closed now. The pool's projection (the clearing it would give and
// the price factor it would hand on) is an aggregate of the open books (MODEL.md M17): the pool's
// people read it, and the public where the pool opened its books. One person's projection says
// what that person would take and owe, so it is read by that person, and by the coordinators and
// auditors who answer for the period. The projection carries the input sequence number it was
// computed at, so its ETag changes exactly when an input arrives.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { canReadBooks, canReadPersonProjection } from '../../app/policies/permissions.ts';
import type { HttpDeps } from '../deps.ts';
import type { HttpEnv } from '../env.ts';
import {
  answer,
  jsonBody,
  newRouter,
  problems,
  refusal,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { PoolParams, Stage } from '../schemas.ts';

const RunStop = z
  .object({
    period: z.number().int(),
    invariant: z
      .string()
      .nullable()
      .openapi({ description: 'The invariant that broke; null when a rule refused an input.' }),
    code: z.string(),
    detail: z.string(),
  })
  .openapi('RunStop');

const PersonPart = z
  .object({
    period: z.number().int(),
    personId: z.string(),
    accountId: z.string(),
    openingEffortMilli: z.number().int(),
    closingEffortMilli: z.number().int(),
    status: z.string(),
    transfers: z.array(
      z.object({
        transferId: z.string(),
        direction: z.enum(['credit', 'debit']),
        amountEffortMilli: z.number().int(),
        code: z.string(),
        reference: z.string().nullable(),
        counterpartyAccountId: z.string(),
      }),
    ),
    work: z.array(
      z.object({
        recordId: z.string(),
        instanceId: z.string(),
        minutes: z.number().int(),
        confirmed: z.boolean(),
        weightMilli: z.number().int().nullable(),
        amountEffortMilli: z.number().int(),
      }),
    ),
    associationShares: z.array(
      z.object({
        associationId: z.string(),
        basicEffortMilli: z.number().int(),
        otherEffortMilli: z.number().int(),
      }),
    ),
    goods: z.array(
      z.object({
        productId: z.string(),
        units: z.number().int(),
        quotaUnits: z.number().int(),
        priceEffortMilli: z.number().int(),
        premiumEffortMilli: z.number().int(),
      }),
    ),
  })
  .openapi('PersonPeriodPart', {
    description:
      "A person's part of a period: work and its credit, takings and premiums, association shares and every transfer, opening and closing balance.",
  });

const Projection = z
  .object({
    poolId: z.string(),
    period: z.number().int(),
    stage: Stage,
    inputSeq: z
      .number()
      .int()
      .openapi({ description: "The pool's input sequence number the projection is of." }),
    stop: RunStop.nullable().openapi({
      description: 'Why the period would not close with the inputs given so far; null if it would.',
    }),
    priceFactorPpm: z.number().int().nullable(),
    nextPriceFactorPpm: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The price factor the period would hand on (MODEL.md M8).' }),
    clearing: z.unknown().openapi({
      description: "The task market as it would clear now (the report's form); null on a stop.",
    }),
    person: PersonPart.nullable()
      .optional()
      .openapi({ description: "Only on a person's projection; null on a stop." }),
  })
  .openapi('Projection');

const PersonParams = PoolParams.extend({
  personId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'personId', in: 'path' } }),
});

const READ_PROBLEMS = problems(400, 401, 403, 404, 409, 422);

export function periodReadRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { economy, authStore } = deps;

  async function projection(c: Context<HttpEnv>, poolId: string, personId?: string) {
    return answer(c, await economy.projection(poolId, personId));
  }

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/projection',
      tags: ['books'],
      summary:
        'The open period as it stands: the clearing and price factor it would give if it closed now.',
      security: SECURITY,
      request: { params: PoolParams },
      responses: {
        200: jsonBody(Projection, 'The projection.'),
        ...READ_PROBLEMS,
      },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const publicBooks = await authStore.publicBooks(poolId);
      const refused = refusal(c, canReadBooks(c.get('actor'), { poolId, publicBooks }));
      return refused ?? projection(c, poolId);
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/persons/{personId}/projection',
      tags: ['books'],
      summary:
        "The open period as it stands with one person's part: work, takings, shares and balance at close (that person, coordinators and auditors).",
      security: SECURITY,
      request: { params: PersonParams },
      responses: {
        200: jsonBody(Projection, 'The projection with `person`.'),
        ...READ_PROBLEMS,
      },
    }),
    async (c) => {
      const { poolId, personId } = valid(c, 'param', PersonParams);
      const refused = refusal(c, canReadPersonProjection(c.get('actor'), poolId, personId));
      return refused ?? projection(c, poolId, personId);
    },
  );

  return router;
}
