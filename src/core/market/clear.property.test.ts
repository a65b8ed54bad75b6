// Proves by property tests that the clearing is optimal (same objective as HiGHS), that its
// weights are the extreme points of the competitive lattice (single instance: n-th and
// (n+1)-th bid; in general no price can move further), that the output does not depend on
// input order, and that the checker accepts every clearing and rejects broken ones.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { highsModelOf, loadHighs } from '../../../test/support/highs.ts';
import type { EffortMilli } from '../units.ts';
import { checkClearing } from './check.ts';
import { clearRound, indexRound } from './clear.ts';
import { bid, instance, randomRound, roundInput } from './fixtures.ts';
import { roundLp } from './lp.ts';
import { bidRank, type FlowSolution, solveRound } from './round-solve.ts';
import type { Clearing, ClearingInput } from './types.ts';

function cleared(input: ClearingInput): Clearing {
  const result = clearRound(input);
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.detail}`);
  return result.value;
}

const smallShape = fc.record({
  persons: fc.integer({ min: 1, max: 14 }),
  instances: fc.integer({ min: 1, max: 8 }),
  bidsPerPerson: fc.integer({ min: 0, max: 5 }),
  maxSlots: fc.integer({ min: 1, max: 3 }),
  maxCapacity: fc.integer({ min: 1, max: 3 }),
  weightSteps: fc.integer({ min: 1, max: 60 }),
});
const seed = fc.integer({ min: 0, max: 0xffffffff });
const rule = fc.constantFrom('lowest' as const, 'highest' as const);

describe('single instance with unbounded capacity', () => {
  it('lowest = n-th lowest bid, highest = (n+1)-th or n-th without a loser', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 100, max: 5000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(30, 60, 90, 180),
        (slots, weights, minutes) => {
          const bids = weights.map((w, k) => bid(`p${k}`, 'x', w));
          const sorted = [...weights].sort((a, b) => a - b);
          for (const clearingRule of ['lowest', 'highest'] as const) {
            const c = cleared(
              roundInput({
                instances: [instance('x', slots, minutes)],
                bids,
                settings: { clearingRule },
              }),
            );
            const expected =
              sorted.length < slots
                ? sorted[sorted.length - 1]
                : clearingRule === 'lowest'
                  ? sorted[slots - 1]
                  : (sorted[slots] ?? sorted[slots - 1]);
            assert.equal(c.instances[0]!.weightMilli, expected);
            const winners = c.assignments
              .map((a) => a.bidWeightMilli as number)
              .sort((a, b) => a - b);
            assert.deepEqual(winners, sorted.slice(0, slots));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

// The competitive prices as a system of difference constraints (decision 0005), solved by
// Bellman–Ford: an independent way to ask "is there a competitive price vector with …?".
function feasibleWith(input: ClearingInput, c: Clearing, extra: [string, number, 'le' | 'ge'][]) {
  const won = new Set(c.assignments.map((a) => `${a.personId}|${a.instanceId}`));
  const outcome = new Map(c.instances.map((o) => [o.instanceId as string, o]));
  const dual = new Map(c.persons.map((p) => [p.personId as string, p]));
  const edges: [string, string, number][] = []; // from, to, weight: x_to ≤ x_from + weight
  for (const b of input.bids) {
    const m = input.instances.find((i) => i.id === b.instanceId)!.minutesPerSlot;
    const cost = b.weightMilli * m;
    if (won.has(`${b.personId}|${b.instanceId}`))
      edges.push([`I${b.instanceId}`, `P${b.personId}`, -cost]);
    else edges.push([`P${b.personId}`, `I${b.instanceId}`, cost]);
  }
  for (const p of input.capacities) {
    edges.push([`P${p.personId}`, 'R', 0]);
    const d = dual.get(p.personId)!;
    if (d.assignedSlots < d.capacitySlots) edges.push(['R', `P${p.personId}`, 0]);
  }
  for (const i of input.instances) {
    const reserve = input.settings.capWeightMilli * i.minutesPerSlot;
    edges.push(['R', `I${i.id}`, reserve]);
    if (outcome.get(i.id)!.unfilledSlots > 0) edges.push([`I${i.id}`, 'R', -reserve]);
  }
  for (const [id, bound, kind] of extra) {
    if (kind === 'le') edges.push(['R', `I${id}`, bound]);
    else edges.push([`I${id}`, 'R', -bound]);
  }
  const nodes = new Set<string>();
  for (const [a, b] of edges) nodes.add(a).add(b);
  const dist = new Map([...nodes].map((v) => [v, 0]));
  for (let round = 0; round <= nodes.size; round += 1) {
    let changed = false;
    for (const [a, b, w] of edges) {
      if (dist.get(a)! + w < dist.get(b)!) {
        dist.set(b, dist.get(a)! + w);
        changed = true;
      }
    }
    if (!changed) return true;
  }
  return false;
}

describe('multi-instance clearing', () => {
  it('weights are extreme competitive prices: no full instance can move one unit further', () => {
    fc.assert(
      fc.property(seed, smallShape, rule, (s, shape, clearingRule) => {
        const input = randomRound(s, shape, { settings: { clearingRule } });
        const c = cleared(input);
        assert.ok(feasibleWith(input, c, []));
        for (const o of c.instances) {
          if (o.status !== 'full') continue;
          if (clearingRule === 'lowest') {
            assert.ok(!feasibleWith(input, c, [[o.instanceId, o.slotPrice - 1, 'le']]));
          } else {
            // The highest rule is bounded by each full instance's highest bid (decision 0005).
            const box: [string, number, 'le' | 'ge'][] = [];
            const lowest = cleared({
              ...input,
              settings: { ...input.settings, clearingRule: 'lowest' },
            });
            for (const q of lowest.instances) {
              if (q.status !== 'full') continue;
              const m = input.instances.find((i) => i.id === q.instanceId)!.minutesPerSlot;
              const top = Math.max(
                ...input.bids
                  .filter((b) => b.instanceId === q.instanceId)
                  .map((b) => b.weightMilli * m),
              );
              box.push([q.instanceId, Math.max(top, q.slotPrice), 'le']);
            }
            assert.ok(feasibleWith(input, c, box));
            assert.ok(!feasibleWith(input, c, [...box, [o.instanceId, o.slotPrice + 1, 'ge']]));
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('any permutation of the input gives the bit-identical clearing', () => {
    fc.assert(
      fc.property(seed, smallShape, rule, fc.integer(), (s, shape, clearingRule, shuffleSeed) => {
        const input = randomRound(s, shape, { settings: { clearingRule } });
        const shuffled: ClearingInput = {
          ...input,
          instances: shuffle(input.instances, shuffleSeed),
          capacities: shuffle(input.capacities, shuffleSeed + 1),
          bids: shuffle(input.bids, shuffleSeed + 2),
        };
        assert.equal(JSON.stringify(cleared(shuffled)), JSON.stringify(cleared(input)));
      }),
      { numRuns: 100 },
    );
  });

  it('searching from persons or from slots gives the same objective and weights', () => {
    fc.assert(
      fc.property(seed, smallShape, rule, (s, shape, clearingRule) => {
        const input = randomRound(s, shape, { settings: { clearingRule } });
        const fromPersons = clearRound(input, { orientation: 'persons' });
        const fromSlots = clearRound(input, { orientation: 'slots' });
        assert.ok(fromPersons.ok && fromSlots.ok);
        assert.equal(fromPersons.value.objective, fromSlots.value.objective);
        // The dual optimal set does not depend on which optimal assignment was found, so its
        // extreme point is the same (the assignments may differ where ties remain).
        assert.deepEqual(
          fromPersons.value.instances.map((o) => o.slotPrice),
          fromSlots.value.instances.map((o) => o.slotPrice),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the warm start keeps the objective, Σ rank, the prices and the surpluses', () => {
    fc.assert(
      fc.property(seed, smallShape, rule, (s, shape, clearingRule) => {
        const plain = randomRound(s, shape, { settings: { clearingRule } });
        // With rotation history the ranks differ between a person's bids as well.
        const template = new Map(plain.instances.map((i) => [i.id as string, i.templateId]));
        const history = plain.bids
          .filter((_, k) => (k * 7 + s) % 3 === 0)
          .map((b, k) => ({
            personId: b.personId,
            templateId: template.get(b.instanceId)!,
            period: plain.period - 1,
            effortMilli: ((k % 4) * 1000) as EffortMilli,
          }));
        for (const [input, orientation] of [
          [plain, 'persons'],
          [plain, 'slots'],
          [{ ...plain, history }, 'persons'],
          [{ ...plain, history }, 'slots'],
        ] as const) {
          const warm = clearRound(input, { orientation });
          const cold = clearRound(input, { orientation, warmStart: false });
          assert.ok(warm.ok && cold.ok);
          assert.equal(warm.value.objective, cold.value.objective);
          // The dual optimal set does not depend on which optimal assignment was found. Where
          // (objective, Σ rank) still ties, the assignment may differ, as between orientations.
          assert.deepEqual(
            warm.value.instances.map((o) => o.slotPrice),
            cold.value.instances.map((o) => o.slotPrice),
          );
          assert.deepEqual(
            warm.value.persons.map((p) => p.surplus),
            cold.value.persons.map((p) => p.surplus),
          );
          // The tie rule: the warm start reaches the same minimum of Σ rank.
          const indexed = indexRound(input);
          assert.ok(indexed.ok);
          const round = indexed.value.round;
          const rankSum = (flow: FlowSolution) =>
            round.bidWeight.reduce(
              (sum, _, b) => sum + (flow.assigned[b] === 1 ? bidRank(round, b) : 0),
              0,
            ) +
            round.slots.reduce(
              (sum, slots, i) => sum + (slots - flow.filledCount[i]!) * round.emptyRank,
              0,
            );
          assert.equal(
            rankSum(solveRound(round, orientation)),
            rankSum(solveRound(round, orientation, { warmStart: false })),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the checker rejects broken clearings', () => {
    fc.assert(
      fc.property(seed, smallShape, fc.nat(), (s, shape, pick) => {
        const input = randomRound(s, shape);
        const c = cleared(input);
        assert.ok(checkClearing(input, c).ok);
        for (const broken of perturbations(input, c, pick)) {
          assert.equal(checkClearing(input, broken).ok, false);
        }
      }),
      { numRuns: 150 },
    );
  });
});

function shuffle<T>(items: readonly T[], s: number): T[] {
  const out = [...items];
  let state = s >>> 0;
  for (let k = out.length - 1; k > 0; k -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const r = state % (k + 1);
    [out[k], out[r]] = [out[r]!, out[k]!];
  }
  return out;
}

/** Clearings that are wrong for certain: each one must be rejected. */
function perturbations(input: ClearingInput, c: Clearing, pick: number): Clearing[] {
  const out: Clearing[] = [{ ...c, objective: c.objective + 1 }];
  const full = c.instances.filter((o) => o.status === 'full');
  if (full.length > 0) {
    const o = full[pick % full.length]!;
    for (const delta of [-1, 1]) {
      const w = (o.weightMilli as number) + delta;
      out.push({
        ...c,
        instances: c.instances.map((q) => (q === o ? { ...q, weightMilli: w as never } : q)),
      });
    }
    out.push({
      ...c,
      instances: c.instances.map((q) =>
        q === o ? { ...q, slotPrice: c.capWeightMilli * 100_000 } : q,
      ),
    });
  }
  if (c.assignments.length > 0) {
    const a = c.assignments[pick % c.assignments.length]!;
    out.push({ ...c, assignments: c.assignments.filter((x) => x !== a) });
    out.push({
      ...c,
      assignments: c.assignments.map((x) =>
        x === a ? { ...x, creditEffortMilli: (x.creditEffortMilli + 1) as never } : x,
      ),
    });
    // A consistent but suboptimal clearing: leave a cheap slot empty and recount everything.
    if (a.bidWeightMilli < c.capWeightMilli) {
      const assignments = c.assignments.filter((x) => x !== a);
      const inst = input.instances.find((i) => i.id === a.instanceId)!;
      const rest = assignments.filter((x) => x.instanceId === a.instanceId);
      out.push({
        ...c,
        objective: c.objective + (c.capWeightMilli - a.bidWeightMilli) * inst.minutesPerSlot,
        assignments,
        instances: c.instances.map((q) =>
          q.instanceId === a.instanceId
            ? {
                ...q,
                filledSlots: q.filledSlots - 1,
                unfilledSlots: q.unfilledSlots + 1,
                status: rest.length === 0 ? 'empty' : 'partial',
                weightMilli:
                  rest.length === 0
                    ? null
                    : (Math.max(...rest.map((x) => x.bidWeightMilli)) as never),
              }
            : q,
        ),
        persons: c.persons.map((p) =>
          p.personId === a.personId ? { ...p, assignedSlots: p.assignedSlots - 1 } : p,
        ),
      });
    }
  }
  const spare = c.persons.find((p) => p.assignedSlots < p.capacitySlots);
  if (spare) {
    out.push({ ...c, persons: c.persons.map((p) => (p === spare ? { ...p, surplus: 1 } : p)) });
  }
  return out;
}

describe('objective equals HiGHS', () => {
  it('on random rounds up to a few hundred persons and instances', async () => {
    const highs = await loadHighs();
    const shapes = [
      {
        persons: 30,
        instances: 20,
        bidsPerPerson: 4,
        maxSlots: 3,
        maxCapacity: 2,
        weightSteps: 50,
      },
      {
        persons: 120,
        instances: 80,
        bidsPerPerson: 6,
        maxSlots: 2,
        maxCapacity: 3,
        weightSteps: 8,
      },
      {
        persons: 300,
        instances: 200,
        bidsPerPerson: 8,
        maxSlots: 3,
        maxCapacity: 2,
        weightSteps: 4900,
      },
      {
        persons: 80,
        instances: 300,
        bidsPerPerson: 10,
        maxSlots: 2,
        maxCapacity: 3,
        weightSteps: 30,
      },
    ];
    for (let k = 0; k < 12; k += 1) {
      const input = randomRound(1000 + k, shapes[k % shapes.length]!);
      const c = cleared(input);
      const indexed = indexRound(input);
      assert.ok(indexed.ok);
      const lp = roundLp(indexed.value.round, highs.infinity);
      const model = highsModelOf(highs, lp);
      try {
        model.options.set({ output_flag: false, solver: 'simplex' });
        model.run();
        assert.equal(Math.round(model.getObjectiveValue()), c.objective);
      } finally {
        model.dispose();
      }
    }
  });
});
