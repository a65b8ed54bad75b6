// The shapes the API speaks, shared by the route files and named in the OpenAPI document.
import { z } from '@hono/zod-openapi';

export const PoolParams = z.object({
  poolId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'poolId', in: 'path' }, example: 'riverside-pool' }),
});

export const PeriodParams = PoolParams.extend({
  period: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'period', in: 'path', required: true }, example: 1 }),
});

export const SeqParams = PoolParams.extend({
  seq: z.coerce
    .number()
    .int()
    .min(0)
    .openapi({ param: { name: 'seq', in: 'path', required: true }, example: 0 }),
});

export const Record = z.record(z.string(), z.unknown()).openapi('Record', {
  description: 'A record of the scenario format (docs/scenario.schema.json) for its kind.',
});

export const Input = z
  .object({
    kind: z.string().min(1).max(64).openapi({ example: 'bids' }),
    period: z
      .number()
      .int()
      .min(0)
      .openapi({ description: '0 for a standing input, else the open period.' }),
    record: Record,
  })
  .openapi('Input');

export const Stage = z
  .enum(['planning', 'bidding', 'cleared', 'running', 'settling', 'closed'])
  .openapi('Stage');

export const PoolStatus = z
  .object({
    poolId: z.string(),
    settings: Record,
    cycle: z.object({ period: z.number().int(), stage: Stage.nullable() }),
    inputs: z.number().int(),
    periods: z.array(
      z.object({ period: z.number().int(), stage: Stage, journalHead: z.string().nullable() }),
    ),
    publicBooks: z.boolean(),
  })
  .openapi('PoolStatus');

export const Submitted = z
  .object({ accepted: z.number().int(), firstSeq: z.number().int() })
  .openapi('Submitted');
export const Withdrawn = z.object({ withdrawn: z.number().int() }).openapi('Withdrawn');
export const Replaced = Submitted.extend({
  replaced: z
    .array(z.number().int())
    .openapi({ description: 'The sequence numbers of the inputs withdrawn in their place.' }),
}).openapi('Replaced');

export const StepRequest = z
  .object({ period: z.number().int().min(1), stage: Stage })
  .openapi('StepRequest');
export const StepAnswer = z
  .object({
    period: z.number().int(),
    stage: Stage,
    alreadyDone: z.boolean(),
    journalHead: z.string().optional(),
    journalEntries: z.number().int().optional(),
  })
  .openapi('StepAnswer');
