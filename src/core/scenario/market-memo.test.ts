// Proves that a clearing kept between runs of one period (decision 0067) gives every run what
// the market cleared anew gives: for random sequences of changes to the period's inputs (bids,
// no-shows, a person's capacity, the tasks, and work and project figures that do not touch the
// market), each run with the memo kept through the sequence reports byte for byte what a run
// without it does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { PersonId, TaskTemplateId } from '../ids.ts';
import type { TemplateHistory } from '../market/index.ts';
import type { EffortMilli } from '../units.ts';
import { runPeriodMarket } from './market.ts';
import { emptyMarketMemo, runPeriodMarketKept } from './market-memo.ts';
import { canonicalJson, periodReport } from './report.ts';
import { startRun, stepPeriod } from './run-state.ts';
import { oneSlotWork, scenarioOf } from './testing.ts';
import type { PeriodSpec, Scenario } from './types.ts';

const PERSONS = ['ana', 'bo', 'cy', 'di'];
const TASKS = ['t1', 't2', 't3'];

const variants = fc.record({
  tasks: fc.subarray(TASKS, { minLength: 1 }),
  bids: fc.array(
    fc.record({
      personId: fc.constantFrom(...PERSONS),
      instanceId: fc.constantFrom(...TASKS),
      weightMilli: fc.constantFrom(500, 1000, 1500),
    }),
    { maxLength: 6 },
  ),
  worked: fc.boolean(),
  noShow: fc.boolean(),
  capacityOfAna: fc.constantFrom(0, 1, 2),
  wip: fc.constantFrom(0, 1000, 2000),
});

const FIELDS = ['tasks', 'bids', 'worked', 'noShow', 'capacityOfAna', 'wip'] as const;
/** A period's inputs, then one of them changed at a time. */
const changes = fc.tuple(
  variants,
  fc.array(fc.tuple(fc.constantFrom(...FIELDS), variants), { maxLength: 10 }),
);

/** The record of the same content as one made before, that very object (as the stored open
 *  inputs are given again from read to read); a new one otherwise. */
type Intern = <T>(record: T) => T;
const internOf = (): Intern => {
  const seen = new Map<string, unknown>();
  return <T>(record: T): T => {
    const key = canonicalJson(record as never);
    if (!seen.has(key)) seen.set(key, record);
    return seen.get(key) as T;
  };
};
const fresh: Intern = (record) => record;

/** One period of the pool with the variant's inputs (tasks, bids and no-shows by `intern`). */
function periodOf(
  v: typeof variants extends fc.Arbitrary<infer T> ? T : never,
  intern: Intern = fresh,
): Scenario {
  const tasks = v.tasks.map((id) =>
    intern(oneSlotWork(id, id, 'bakery', 'ana', 60, 1000, 'bo').task),
  );
  const seen = new Set<string>();
  const bids = v.bids.filter((b) => {
    const key = `${b.personId}|${b.instanceId}`;
    if (!v.tasks.includes(b.instanceId) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const first = bids[0];
  const spec: Partial<PeriodSpec> = {
    tasks,
    bids: bids.map((b) => intern({ ...b, round: 0 })),
    work: v.worked
      ? bids.map((b) => ({
          id: `w.${b.instanceId}.${b.personId}`,
          personId: b.personId,
          instanceId: b.instanceId,
          minutes: 60,
          unitsDone: null,
          confirmedBy: b.personId === 'bo' ? 'cy' : 'bo',
        }))
      : [],
    noShows:
      v.noShow && first !== undefined
        ? [intern({ instanceId: first.instanceId, personId: first.personId, round: 0 })]
        : [],
    workInProgress: [{ projectId: 'bakery', changeEffortMilli: v.wip }],
  };
  const file = scenarioOf({
    persons: PERSONS,
    projects: ['bakery'],
    products: [],
    periods: [spec],
  });
  const persons = file.persons.map((p) =>
    p.id === 'ana' ? { ...p, capacitySlots: v.capacityOfAna } : p,
  );
  return { ...file, persons };
}

test('a kept clearing runs the period as a clearing anew does, whatever changed', () => {
  let reused = 0;
  fc.assert(
    fc.property(changes, fc.boolean(), ([start, steps], same) => {
      const memo = emptyMarketMemo();
      // Records kept from run to run (the memo's quick comparison by reference), or all new.
      const intern = same ? internOf() : undefined;
      let v = start;
      for (const [field, other] of [['wip', start] as const, ...steps]) {
        v = { ...v, [field]: other[field] };
        const scenario = periodOf(v, intern);
        const fresh = stepPeriod(startRun(scenario), scenario.periods[0]!);
        const held = memo.result;
        const kept = stepPeriod(startRun(scenario), scenario.periods[0]!, undefined, memo);
        if (held !== null && memo.result === held) reused += 1;
        const report = (x: typeof fresh) =>
          x.period === null ? canonicalJson(x.state.stop) : canonicalJson(periodReport(x.period));
        assert.equal(report(kept), report(fresh));
      }
    }),
    { numRuns: 200 },
  );
  // The sequences repeat the market's inputs now and then: kept clearings were given again.
  assert.ok(reused > 0);
});

/** One period of `tasks` in which Ana, free for one slot, bids 1.000 on t1 and works nothing. */
const anaBidsOnT1 = (tasks: string[]) =>
  periodOf({
    tasks,
    bids: [{ personId: 'ana', instanceId: 't1', weightMilli: 1000 }],
    worked: false,
    noShow: false,
    capacityOfAna: 1,
    wip: 0,
  });

test('a kept clearing is given again only for the same inputs, history included', () => {
  const scenario = anaBidsOnT1(['t1']);
  const period = scenario.periods[0]!;
  const memo = emptyMarketMemo();
  const first = runPeriodMarketKept(memo, scenario, 1, period, [], new Map());
  assert.equal(runPeriodMarketKept(memo, scenario, 1, { ...period }, [], new Map()), first);
  const history = [{ personId: 'ana', templateId: 't1', period: 1, effortMilli: 1000 }];
  // biome-ignore lint/suspicious/noExplicitAny: a plain record of the market's history
  const other = runPeriodMarketKept(memo, scenario, 1, period, history as any, new Map());
  assert.notEqual(other, first);
  assert.notEqual(runPeriodMarketKept(memo, scenario, 1, period, [], new Map([['t1', 9]])), other);
});

test('a kept clearing compared by reference: the same records give it, a list grown does not', () => {
  const scenario = anaBidsOnT1(['t1', 't2']);
  const period = scenario.periods[0]!;
  const memo = emptyMarketMemo();
  const history: TemplateHistory[] = [];
  const kept = (p: PeriodSpec) => runPeriodMarketKept(memo, scenario, 1, p, history, new Map());
  const first = kept(period);
  // New lists of the same records: given again.
  assert.equal(kept({ ...period, bids: [...period.bids], tasks: [...period.tasks] }), first);
  // A list changed in place after the clearing was kept (a step appends to the carried
  // history): cleared anew.
  history.push({
    personId: 'ana' as PersonId,
    templateId: 't1' as TaskTemplateId,
    period: 0,
    effortMilli: 1000 as EffortMilli,
  });
  const grown = kept(period);
  assert.notEqual(grown, first);
  // One bid more, then the same bid as a new record of the same content: anew, then given.
  const bid = { personId: 'bo', instanceId: 't2', weightMilli: 1000, round: 0 };
  const more = kept({ ...period, bids: [...period.bids, bid] });
  assert.notEqual(more, grown);
  assert.equal(kept({ ...period, bids: [...period.bids, { ...bid }] }), more);
  // Lists of the same lengths with another record in one: cleared anew.
  const noShow = (personId: string) => ({
    ...period,
    noShows: [{ instanceId: 't1', personId, round: 0 }],
  });
  const ana = kept(noShow('ana'));
  const bo = kept(noShow('bo'));
  assert.deepEqual(bo, runPeriodMarket(scenario, 1, noShow('bo'), history, new Map()));
  assert.notDeepEqual(bo, ana);
});
