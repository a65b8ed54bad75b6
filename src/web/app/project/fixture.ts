// A richer pool for the maintainer's and coordinator's pages: the test server's pool with a
// bread made by the bakery's recipe and a plain flour, period 1 opened with two bakery tasks,
// and helpers that move the cycle on and give inputs as the pool's own records (no policy).
import type { InputRequest } from '../../../app/economy/economy-service.ts';
import { nextStep, type PeriodStage } from '../../../core/cycle/stages.ts';
import { startTestServer, TEST_POOL, type TestServer } from '../../../http/testing.ts';

export const BREAD_RECIPE = {
  unitsPerPeriod: 100,
  labour: [{ templateId: 'bake', effortMilliPerUnit: 120 }],
  overhead: [{ templateId: 'plan', effortMilliPerPeriod: 2000 }],
  inputs: [{ productId: 'flour', quantityPerUnit: 1 }],
  resources: [],
  meansOfProduction: [{ id: 'oven', buildEffortMilli: 400_000, lifePeriods: 100 }],
};

export interface ProjectFixture {
  readonly server: TestServer;
  /** Gives inputs to the pool as its record, without asking a policy. */
  give(inputs: readonly InputRequest[]): Promise<void>;
  /** Moves the open period on to `stage`, one step at a time. */
  advanceTo(stage: PeriodStage): Promise<void>;
}

let keys = 0;

export async function startProjectFixture(): Promise<ProjectFixture> {
  const server = await startTestServer();
  const { economy } = server.deps;
  const give = async (inputs: readonly InputRequest[]) => {
    keys += 1;
    const given = await economy.submitInputs(TEST_POOL, `fixture:${keys}`, inputs);
    if (!given.ok) throw new Error(given.error.detail);
  };
  const advanceTo = async (stage: PeriodStage) => {
    for (;;) {
      const status = await economy.status(TEST_POOL);
      if (!status.ok) throw new Error(status.error.detail);
      if (status.value.cycle.stage === stage) return;
      const next = nextStep(status.value.cycle);
      keys += 1;
      const stepped = await economy.advance(TEST_POOL, `fixture:${keys}`, next);
      if (!stepped.ok) throw new Error(stepped.error.detail);
      if (next.stage === stage) return;
    }
  };
  await give([
    {
      kind: 'products',
      period: 0,
      record: { id: 'flour', projectId: 'bakery', unitPriceEffortMilli: 200 },
    },
    {
      kind: 'products',
      period: 0,
      record: { id: 'bread', projectId: 'bakery', recipe: BREAD_RECIPE },
    },
  ]);
  await advanceTo('planning');
  await give([
    {
      kind: 'tasks',
      period: 1,
      record: {
        id: 'bake-1',
        templateId: 'bake',
        projectId: 'bakery',
        slots: 2,
        minutesPerSlot: 120,
        start: '2026-01-05T06:00',
        place: 'Bakery',
      },
    },
    {
      kind: 'tasks',
      period: 1,
      record: {
        id: 'plan-1',
        templateId: 'plan',
        projectId: 'bakery',
        slots: 1,
        minutesPerSlot: 60,
        standardMinutesPerUnit: null,
      },
    },
  ]);
  return { server, give, advanceTo };
}
