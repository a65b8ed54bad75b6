// The pool of the cycle benchmark (issue 14): members with about three bids each, projects,
// task instances, takings, one association with dependents and its services. Each period's
// inputs are drawn from a seeded generator; the work records follow the clearing (a winner
// works their slot, confirmed by a maintainer), so they are made once the market has cleared.
import type { InputRequest } from '../../src/app/economy/economy-service.ts';
import type { PoolSettings } from '../../src/core/cycle/inputs.ts';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';

export interface CycleShape {
  readonly members: number;
  readonly dependents: number;
  readonly projects: number;
  readonly tasks: number;
  readonly slotsPerTask: number;
  readonly bidsPerMember: number;
}

export const DEFAULT_SHAPE: CycleShape = {
  members: 1000,
  dependents: 50,
  projects: 20,
  tasks: 200,
  slotsPerTask: 4,
  bidsPerMember: 3,
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const memberId = (i: number) => `m${pad(i, 4)}`;
const dependentId = (i: number) => `d${pad(i, 3)}`;
const projectId = (i: number) => `p${pad(i, 2)}`;
const productId = (i: number) => `goods-${pad(i, 2)}`;
const taskId = (p: number, i: number) => `t${p}-${pad(i, 3)}`;

export const POOL_ID = 'cycle-bench';
/** The association's two services a period, by projects p00 and p01. */
const SERVICES_EFFORT_MILLI = [40_000, 60_000];
const SERVICES_PROJECTS = ['p00', 'p01'];
const priceOf = (product: number) => 500 + 50 * product;
const ASSOCIATION = 'la';

export function poolSettings(): PoolSettings {
  return { name: 'cycle-bench', seed: 14, pool: { id: POOL_ID } } as unknown as PoolSettings;
}

/** The founding inputs: members (the first two of each project maintain it), dependents,
 *  projects, one product per project, the association. */
export function foundingInputs(shape: CycleShape): InputRequest[] {
  const standing = (kind: string, record: unknown): InputRequest =>
    ({ kind, period: 0, record }) as InputRequest;
  const inputs: InputRequest[] = [
    standing('associations', {
      id: ASSOCIATION,
      level: 'neighbourhood',
      allowances: [{ category: 'child', allowanceEffortMilli: 25_000 }],
    }),
  ];
  for (let i = 0; i < shape.members; i += 1) {
    inputs.push(standing('persons', { id: memberId(i), residence: ASSOCIATION }));
  }
  for (let i = 0; i < shape.dependents; i += 1) {
    inputs.push(
      standing('persons', {
        id: dependentId(i),
        residence: ASSOCIATION,
        capacitySlots: 0,
        dependent: { category: 'child' },
      }),
    );
  }
  for (let i = 0; i < shape.projects; i += 1) {
    inputs.push(
      standing('projects', {
        id: projectId(i),
        maintainers: [memberId(2 * i), memberId(2 * i + 1)],
      }),
    );
    inputs.push(
      standing('products', {
        id: productId(i),
        projectId: projectId(i),
        unitPriceEffortMilli: priceOf(i),
      }),
    );
  }
  return inputs;
}

export interface PeriodDraw {
  readonly tasks: InputRequest[];
  readonly bids: InputRequest[];
  /** Takings and the association's services: given while the period runs. */
  readonly running: InputRequest[];
}

const periodInput = (kind: string, period: number, record: unknown): InputRequest =>
  ({ kind, period, record }) as InputRequest;

/** Period p's tasks, bids, takings and services, the same for the same seed and period. */
export function drawPeriod(shape: CycleShape, p: number, seed = 14): PeriodDraw {
  const random = mulberry32(seed * 100_003 + p);
  const tasks = Array.from({ length: shape.tasks }, (_, i) =>
    periodInput('tasks', p, {
      id: taskId(p, i),
      templateId: `template-${pad(i, 3)}`,
      projectId: projectId(i % shape.projects),
      slots: shape.slotsPerTask,
      minutesPerSlot: 60 * (4 + (i % 5)),
    }),
  );
  const bids: InputRequest[] = [];
  for (let m = 0; m < shape.members; m += 1) {
    const chosen = new Set<number>();
    while (chosen.size < shape.bidsPerMember) chosen.add(drawBelow(random, shape.tasks));
    for (const t of [...chosen].sort((a, b) => a - b)) {
      bids.push(
        periodInput('bids', p, {
          personId: memberId(m),
          instanceId: taskId(p, t),
          weightMilli: 800 + 50 * drawBelow(random, 9),
        }),
      );
    }
  }
  const running: InputRequest[] = [];
  for (let m = 0; m < shape.members; m += 1) {
    if (drawBelow(random, 3) === 0) continue;
    running.push(
      periodInput('requests', p, {
        personId: memberId(m),
        productId: productId(drawBelow(random, shape.projects)),
        units: 1,
      }),
    );
  }
  for (let d = 0; d < shape.dependents; d += 1) {
    running.push(
      periodInput('requests', p, { personId: dependentId(d), productId: productId(0), units: 2 }),
    );
  }
  for (const [i, effortMilli] of SERVICES_EFFORT_MILLI.entries()) {
    running.push(
      periodInput('services', p, {
        id: `service-${i}-${p}`,
        associationId: ASSOCIATION,
        projectId: projectId(i),
        effortMilli,
        basicNeeds: i === 0,
      }),
    );
  }
  return { tasks, bids, running };
}

interface ClearingReport {
  readonly tasks: readonly {
    readonly instanceId: string;
    readonly projectId: string | null;
    readonly weightMilli: number;
    readonly winners: readonly { readonly personId: string }[];
  }[];
}

const minutesOf = (instanceId: string) => 60 * (4 + (Number(instanceId.split('-')[1]) % 5));

/**
 * What follows the clearing: the winners' work records (each works the slot in full,
 * confirmed by a maintainer of the task's project who is not the worker), each product's
 * production (what is requested of it) and each project's work in progress, the rest of the
 * effort credited to it, so that its books match what it declares (the pool identity).
 */
export function afterClearing(
  shape: CycleShape,
  p: number,
  draw: PeriodDraw,
  clearing: unknown,
): InputRequest[] {
  const work: InputRequest[] = [];
  const unaccountedMilli = new Array<number>(shape.projects).fill(0);
  for (const task of (clearing as ClearingReport).tasks) {
    const project = Number(task.projectId?.slice(1) ?? 0) % shape.projects;
    for (const winner of task.winners) {
      const first = memberId(2 * project);
      const confirmedBy = winner.personId === first ? memberId(2 * project + 1) : first;
      const minutes = minutesOf(task.instanceId);
      unaccountedMilli[project]! += (minutes / 60) * task.weightMilli;
      work.push(
        periodInput('work', p, {
          id: `w-${task.instanceId}-${winner.personId}`,
          personId: winner.personId,
          instanceId: task.instanceId,
          minutes,
          confirmedBy,
        }),
      );
    }
  }
  const requested = new Array<number>(shape.projects).fill(0);
  for (const input of draw.running) {
    const record = input.record as { productId?: string; units?: number; projectId?: string };
    if (input.kind === 'requests') requested[Number(record.productId!.slice(6))]! += record.units!;
    if (input.kind === 'services') {
      const index = SERVICES_PROJECTS.indexOf(record.projectId!);
      unaccountedMilli[Number(record.projectId!.slice(1))]! -= SERVICES_EFFORT_MILLI[index]!;
    }
  }
  const production: InputRequest[] = [];
  const inProgress: InputRequest[] = [];
  for (let j = 0; j < shape.projects; j += 1) {
    if (requested[j]! > 0) {
      production.push(
        periodInput('production', p, { productId: productId(j), units: requested[j] }),
      );
      unaccountedMilli[j]! -= requested[j]! * priceOf(j);
    }
    inProgress.push(
      periodInput('workInProgress', p, {
        projectId: projectId(j),
        changeEffortMilli: unaccountedMilli[j],
      }),
    );
  }
  return [...work, ...production, ...inProgress];
}
