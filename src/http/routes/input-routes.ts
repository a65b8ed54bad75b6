// What members, maintainers, stewards and coordinators give a pool: any input of the scenario
// format's lists (standing ones and those of the open period), withdrawing or replacing one,
// confirming a work record, and the two things members do most, named: placing a bid and
// recording work.
// Each is asked of the policies first; a coordinator giving one for another person is office
// mode and lands in the audit log.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { OpenPeriodInputRequest } from '../../app/economy/economy-service.ts';
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
import { Input, PoolParams, Replaced, SeqParams, Submitted, Withdrawn } from '../schemas.ts';

const Inputs = z.object({ inputs: z.array(Input).min(1).max(1000) }).openapi('Inputs');
const Replacement = z
  .object({ inputs: z.array(Input).max(1000) })
  .openapi('Replacement', { description: 'The inputs given in place of the one withdrawn.' });
const Bid = z
  .object({
    personId: z.string().min(1),
    instanceId: z.string().min(1),
    weightMilli: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'The lowest weight (× 1000) at which the person takes one slot.' }),
    round: z.number().int().min(0).default(0),
  })
  .openapi('Bid');
const Work = z
  .object({
    id: z.string().min(1),
    personId: z.string().min(1),
    instanceId: z.string().min(1),
    minutes: z.number().int().min(0),
    unitsDone: z.number().int().min(0).nullable().default(null),
  })
  .openapi('WorkRecord');
const Confirmation = z
  .object({
    confirmedBy: z.string().min(1).openapi({
      description:
        "The confirmer's person id (a maintainer or named confirmer of the task's project).",
    }),
  })
  .openapi('Confirmation');

const WRITE_PROBLEMS = problems(400, 401, 403, 404, 409, 422, 429);

export function inputRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { pools } = deps;
  const keyOf = (c: Context<HttpEnv>) => c.req.header('idempotency-key')!;

  /** Gives one record of `kind` to the pool's open period (the one open at the write). */
  async function giveToOpenPeriod(c: Context<HttpEnv>, kind: string, record: object) {
    const { poolId } = valid(c, 'param', PoolParams);
    const input: OpenPeriodInputRequest = { kind, period: 'open', record };
    return answer(c, await pools.submit(c.get('actor'), poolId, keyOf(c), [input]), 201);
  }

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/inputs',
      tags: ['inputs'],
      summary: 'Give the pool inputs, all or none (kinds and records as in the scenario format).',
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Inputs } }, required: true },
      },
      responses: { 201: jsonBody(Submitted, 'Accepted.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { inputs } = valid(c, 'json', Inputs);
      return answer(c, await pools.submit(c.get('actor'), poolId, keyOf(c), inputs), 201);
    },
  );

  route(
    router,
    createRoute({
      method: 'delete',
      path: '/pools/{poolId}/inputs/{seq}',
      tags: ['inputs'],
      summary:
        'Withdraw an input of the open period while its stage still takes its kind (a bid while bidding …).',
      security: SECURITY,
      request: { params: SeqParams, headers: IdempotencyHeaders },
      responses: { 200: jsonBody(Withdrawn, 'Withdrawn (again: no change).'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { poolId, seq } = valid(c, 'param', SeqParams);
      return answer(c, await pools.withdraw(c.get('actor'), poolId, keyOf(c), seq));
    },
  );

  route(
    router,
    createRoute({
      method: 'put',
      path: '/pools/{poolId}/inputs/{seq}',
      tags: ['inputs'],
      summary:
        'Replace an input by others in one write, all or none (a changed bid; a subscription changed from a period on): a refusal leaves the old one in place.',
      security: SECURITY,
      request: {
        params: SeqParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Replacement } }, required: true },
      },
      responses: { 200: jsonBody(Replaced, 'Replaced.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { poolId, seq } = valid(c, 'param', SeqParams);
      const { inputs } = valid(c, 'json', Replacement);
      return answer(c, await pools.replace(c.get('actor'), poolId, keyOf(c), [seq], inputs));
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/inputs/{seq}/confirmation',
      tags: ['inputs'],
      summary:
        'Confirm a work record as a maintainer or named confirmer of its project (MODEL.md M2).',
      security: SECURITY,
      request: {
        params: SeqParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Confirmation } }, required: true },
      },
      responses: { 201: jsonBody(Submitted, 'The confirmed record.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { poolId, seq } = valid(c, 'param', SeqParams);
      const { confirmedBy } = valid(c, 'json', Confirmation);
      return answer(
        c,
        await pools.confirmWork(c.get('actor'), poolId, keyOf(c), [seq], confirmedBy),
        201,
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/bids',
      tags: ['inputs'],
      summary:
        'Place a bid on a task instance of the open period (while bidding); change it by replacing it (PUT /pools/{poolId}/inputs/{seq}).',
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Bid } }, required: true },
      },
      responses: { 201: jsonBody(Submitted, 'Placed.'), ...WRITE_PROBLEMS },
    }),
    async (c) => giveToOpenPeriod(c, 'bids', valid(c, 'json', Bid)),
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/work',
      tags: ['inputs'],
      summary:
        'Record work on a won slot of the open period (unconfirmed until its project confirms it).',
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Work } }, required: true },
      },
      responses: { 201: jsonBody(Submitted, 'Recorded.'), ...WRITE_PROBLEMS },
    }),
    async (c) => giveToOpenPeriod(c, 'work', { ...valid(c, 'json', Work), confirmedBy: null }),
  );

  return router;
}
