// What the clients of the server crash test do, period after period, as the pool's people
// would: the coordinator steps the cycle; the maintainer posts tasks; five members ask for rye
// bread, bid on every task (and once more on one, which is refused as a duplicate), withdraw a
// bid and bid again, record the work they won; the maintainer and the named confirmer confirm
// it; the maintainer declares the bread made and the work in progress, so the period settles.
// The members act at once; each phase ends before the coordinator takes the next step.
import { drawBelow } from '../../src/core/random.ts';
import type { AccountRole } from './server-seed.ts';

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body read field by field
  readonly body: any;
}

/** The pool's API as the workload uses it; paths are below `/api/v1/pools/p`. */
export interface WorkloadApi {
  /** A write with its own Idempotency-Key; answers once the server answered it. */
  write(
    role: AccountRole,
    method: string,
    path: string,
    body: unknown,
    period: number,
  ): Promise<Answer>;
  read(role: AccountRole, path: string): Promise<Answer>;
}

/** Each client's person in the pool. */
export const PERSON_OF = {
  member: 'ada',
  maintainer: 'bo',
  confirmer: 'cy',
  steward: 'dan',
  coordinator: 'eve',
} as const satisfies Partial<Record<AccountRole, string>>;
type Bidder = keyof typeof PERSON_OF;
const BIDDERS = Object.keys(PERSON_OF) as Bidder[];
const ROLE_OF_PERSON = new Map<string, Bidder>(BIDDERS.map((role) => [PERSON_OF[role], role]));

const TASKS = [
  { suffix: 'a', slots: 2, minutesPerSlot: 60 },
  { suffix: 'b', slots: 2, minutesPerSlot: 60 },
  { suffix: 'c', slots: 1, minutesPerSlot: 120 },
] as const;
const RYE_PRICE_EFFORT_MILLI = 1000;

/** The refusal the workload asks for on purpose: a second bid on the same task. */
export const DUPLICATE_CODE = 'scenario.duplicate_id';

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
}

/** Runs period `p` from planning to closed. `random` (a mulberry32 stream) draws the bids' weights. */
export async function runPeriod(api: WorkloadApi, p: number, random: () => number): Promise<void> {
  const instance = (suffix: string) => `t${p}${suffix}`;
  const step = async (stage: string) =>
    expectStatus(
      await api.write('coordinator', 'POST', '/steps', { period: p, stage }, p),
      200,
      `step ${p} ${stage}`,
    );
  const weight = () => 800 + 10 * drawBelow(random, 120);

  await step('planning');
  const requested = await Promise.all([
    api
      .write(
        'maintainer',
        'POST',
        '/inputs',
        {
          inputs: TASKS.map((task) => ({
            kind: 'tasks',
            period: p,
            record: {
              id: instance(task.suffix),
              templateId: `t${task.suffix}`,
              projectId: 'bakery',
              slots: task.slots,
              minutesPerSlot: task.minutesPerSlot,
            },
          })),
        },
        p,
      )
      .then((answer) => expectStatus(answer, 201, 'tasks')),
    ...BIDDERS.map(async (role) =>
      expectStatus(
        await api.write(
          role,
          'POST',
          '/requests',
          { personId: PERSON_OF[role], productId: 'rye', units: 1 },
          p,
        ),
        201,
        `request of ${role}`,
      ),
    ),
  ]);
  const ryeUnits = requested.length - 1;

  await step('bidding');
  const weights = BIDDERS.map(() => TASKS.map(() => weight()));
  await Promise.all(
    BIDDERS.map(async (role, b) => {
      const bid = (suffix: string, weightMilli: number) =>
        api.write(
          role,
          'POST',
          '/bids',
          { personId: PERSON_OF[role], instanceId: instance(suffix), weightMilli },
          p,
        );
      const seqs: number[] = [];
      for (const [t, task] of TASKS.entries()) {
        seqs.push(expectStatus(await bid(task.suffix, weights[b]![t]!), 201, 'bid').body.firstSeq);
      }
      const twice = await bid('a', weights[b]![0]! + 10);
      if (twice.status !== 422 || twice.body.code !== DUPLICATE_CODE) {
        throw new Error(`a duplicate bid answered ${twice.status} ${JSON.stringify(twice.body)}`);
      }
      expectStatus(
        await api.write(role, 'DELETE', `/inputs/${seqs[2]}`, undefined, p),
        200,
        'withdraw',
      );
      expectStatus(await bid('c', weights[b]![2]! + 20), 201, 'bid again');
    }),
  );

  await step('cleared');
  const clearing = expectStatus(
    await api.read('coordinator', `/periods/${p}/clearing`),
    200,
    'clearing',
  ).body.value as {
    tasks: { instanceId: string; weightMilli: number; winners: { personId: string }[] }[];
  };
  await step('running');

  const won = clearing.tasks.flatMap((task) =>
    task.winners.map((winner) => ({
      person: winner.personId,
      task,
      minutes: TASKS.find((t) => instance(t.suffix) === task.instanceId)!.minutesPerSlot,
    })),
  );
  const recorded = await Promise.all(
    won.map(async ({ person, task, minutes }) => {
      const role = ROLE_OF_PERSON.get(person)!;
      const body = {
        id: `w${p}-${person}-${task.instanceId}`,
        personId: person,
        instanceId: task.instanceId,
        minutes,
      };
      const answer = expectStatus(await api.write(role, 'POST', '/work', body, p), 201, 'work');
      return { person, seq: answer.body.firstSeq as number };
    }),
  );
  // Nobody confirms their own work: cy confirms the others' records, bo confirms cy's.
  const confirmBy = async (role: 'maintainer' | 'confirmer', seqs: number[]) => {
    for (const seq of seqs) {
      const confirmedBy = PERSON_OF[role];
      expectStatus(
        await api.write(role, 'POST', `/inputs/${seq}/confirmation`, { confirmedBy }, p),
        201,
        'confirmation',
      );
    }
  };
  await Promise.all([
    confirmBy(
      'maintainer',
      recorded.filter((r) => r.person === 'cy').map((r) => r.seq),
    ),
    confirmBy(
      'confirmer',
      recorded.filter((r) => r.person !== 'cy').map((r) => r.seq),
    ),
  ]);
  // The bakery's books hold the credited work; what the bread made does not hold is in progress.
  const credited = won.reduce((sum, w) => sum + (w.minutes * w.task.weightMilli) / 60, 0);
  expectStatus(
    await api.write(
      'maintainer',
      'POST',
      '/inputs',
      {
        inputs: [
          { kind: 'production', period: p, record: { productId: 'rye', units: ryeUnits } },
          {
            kind: 'workInProgress',
            period: p,
            record: {
              projectId: 'bakery',
              changeEffortMilli: credited - ryeUnits * RYE_PRICE_EFFORT_MILLI,
            },
          },
        ],
      },
      p,
    ),
    201,
    'production',
  );
  await step('settling');
  await step('closed');
}
