// A pool for the member pages' tests: the test server's pool "p" with a bread product, a scarce
// cargo bike auctioned by premium, and period 1 open for bidding with two bakery tasks (one with
// a time and place), so a member has something to bid on, work at, take and read.
import type { InputRequest } from '../../../app/economy/economy-service.ts';
import type { PeriodStage } from '../../../core/cycle/stages.ts';
import { startTestServer, TEST_POOL, type TestServer } from '../../../http/testing.ts';

export const BAKE_TASK = 'bake-1';
export const DELIVER_TASK = 'deliver-1';
export const BREAD = 'bread';
export const CARGO_BIKE = 'cargo-bike';

const STANDING: InputRequest[] = [
  {
    kind: 'products',
    period: 0,
    record: { id: BREAD, projectId: 'bakery', unitPriceEffortMilli: 1500 },
  },
  {
    kind: 'products',
    period: 0,
    record: {
      id: CARGO_BIKE,
      projectId: 'bakery',
      unitPriceEffortMilli: 2000,
      scarcityRule: 'auction',
    },
  },
];

const TASKS = [
  {
    id: BAKE_TASK,
    templateId: 'baking',
    projectId: 'bakery',
    slots: 2,
    minutesPerSlot: 240,
    indicatedWeightMilli: 1300,
    start: '2026-01-05T06:00:00Z',
    place: 'Bakery, Mill Lane 3',
  },
  { id: DELIVER_TASK, templateId: 'delivery', projectId: 'bakery', slots: 1, minutesPerSlot: 120 },
];

/** Moves the pool's open period on to `stage` (as its coordinator would). */
export async function stepTo(server: TestServer, period: number, stage: PeriodStage) {
  const stepped = await server.deps.economy.advance(TEST_POOL, `fixture:${period}:${stage}`, {
    period,
    stage,
  });
  if (!stepped.ok) throw new Error(`${stage}: ${stepped.error.detail}`);
}

/** Gives inputs of the open period (or standing ones) without asking the policies. */
export async function give(server: TestServer, key: string, inputs: InputRequest[]) {
  const given = await server.deps.economy.submitInputs(TEST_POOL, `fixture:${key}`, inputs);
  if (!given.ok) throw new Error(`${key}: ${given.error.detail}`);
  return given.value;
}

/** The test server with products and period 1 open for bidding on two bakery tasks. */
export async function startMemberServer(): Promise<TestServer> {
  const server = await startTestServer();
  await give(server, 'products', STANDING);
  await stepTo(server, 1, 'planning');
  await give(
    server,
    'tasks',
    TASKS.map((record) => ({ kind: 'tasks', period: 1, record })),
  );
  await stepTo(server, 1, 'bidding');
  return server;
}

/** The bakery says what its work of the period made (work in progress), so the period closes. */
export const declareBakeryWork = (server: TestServer, period: number, effortMilli: number) =>
  give(server, `wip:${period}:${effortMilli}`, [
    {
      kind: 'workInProgress',
      period,
      record: { projectId: 'bakery', changeEffortMilli: effortMilli },
    },
  ]);

/** The sequence number of a person's work record of the period (for confirming it). */
export async function workSeqOf(server: TestServer, period: number, personId: string) {
  const inputs = await server.deps.economy.periodInputs(TEST_POOL, period);
  if (!inputs.ok) throw new Error(inputs.error.detail);
  const found = inputs.value.find(
    (i) => i.kind === 'work' && (i.record as { personId: string }).personId === personId,
  );
  if (found === undefined) throw new Error(`no work record of ${personId}`);
  return found.seq;
}
