// Proves the certificate checker names what is wrong with a broken clearing by a stable code:
// listings, bids, counts, duals, weights and credits, each broken on its own.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WeightMilli } from '../units.ts';
import { checkClearing } from './check.ts';
import { clearRound } from './clear.ts';
import { bid, instance, person, roundInput } from './fixtures.ts';
import type { Clearing, ClearingInput } from './types.ts';

const input = roundInput({
  instances: [instance('full', 2, 60), instance('partial', 3, 60), instance('none', 1, 30)],
  bids: [
    bid('A', 'full', 1000),
    bid('B', 'full', 1200),
    bid('C', 'full', 1500),
    bid('C', 'partial', 2000),
    bid('D', 'partial', 2500),
  ],
  capacity: { E: 1 },
});

function base(from: ClearingInput = input): Clearing {
  const result = clearRound(from);
  assert.ok(result.ok);
  return result.value;
}

function code(clearing: Clearing, from: ClearingInput = input): string {
  const result = checkClearing(from, clearing);
  return result.ok ? 'ok' : result.error.code;
}

const c = base();
const at = (id: string) => c.instances.findIndex((o) => o.instanceId === id);
function withInstance(id: string, change: object): Clearing {
  return { ...c, instances: c.instances.map((o, k) => (k === at(id) ? { ...o, ...change } : o)) };
}

/** The instance and its assignments at another weight, credits consistent. */
function reweighted(id: string, weight: number): Clearing {
  const changed = withInstance(id, { weightMilli: weight });
  return {
    ...changed,
    assignments: changed.assignments.map((a) =>
      a.instanceId === id
        ? { ...a, weightMilli: weight as WeightMilli, creditEffortMilli: weight as never }
        : a,
    ),
  };
}

describe('checkClearing', () => {
  it('accepts the clearing', () => {
    assert.equal(code(c), 'ok');
    assert.deepEqual(
      c.instances.map((o) => [o.instanceId, o.status, o.weightMilli]),
      [
        ['full', 'full', 1200],
        ['none', 'empty', null],
        ['partial', 'partial', 2500],
      ],
    );
  });

  it('rejects broken listings', () => {
    assert.equal(code({ ...c, instances: c.instances.slice(1) }), 'market.check.instances');
    assert.equal(
      code({ ...c, instances: [c.instances[0]!, c.instances[0]!, c.instances[2]!] }),
      'market.check.instances',
    );
    assert.equal(
      code({ ...c, persons: c.persons.map((p, k) => (k === 0 ? { ...p, capacitySlots: 9 } : p)) }),
      'market.check.persons',
    );
    assert.equal(code(withInstance('full', { status: 'partial' })), 'market.check.counts');
    const twiceInput = { ...input, instances: [...input.instances, input.instances[0]!] };
    assert.equal(code(c, twiceInput), 'market.check.input');
    const strangerInput = { ...input, bids: [...input.bids, bid('Z', 'full', 1000)] };
    assert.equal(code(c, strangerInput), 'market.check.input');
  });

  it('rejects assignments that are not the bids', () => {
    const a = c.assignments[0]!;
    assert.equal(code({ ...c, assignments: [...c.assignments, a] }), 'market.check.twice');
    assert.equal(
      code({
        ...c,
        assignments: [{ ...a, bidWeightMilli: 999 as WeightMilli }, ...c.assignments.slice(1)],
      }),
      'market.check.bid_changed',
    );
    assert.equal(
      code({ ...c, assignments: [{ ...a, personId: person('E') }, ...c.assignments.slice(1)] }),
      'market.check.not_a_bid',
    );
  });

  it('refuses an assignment to someone whose id falls among the bidders but who did not bid', () => {
    // The bid behind an assignment is found by a binary search on the ids of the instance's
    // bidders: landing between two of them must not be taken for the bid of the next one.
    const among = {
      ...input,
      capacities: [...input.capacities, { personId: person('Ab'), capacitySlots: 1 }],
    };
    const cleared = base(among);
    const renamed = cleared.assignments.map((a) =>
      a.personId === 'A' && a.instanceId === 'full' ? { ...a, personId: person('Ab') } : a,
    );
    assert.ok(renamed.some((a) => a.personId === 'Ab'));
    const persons = cleared.persons.map((p) =>
      p.personId === 'Ab'
        ? { ...p, assignedSlots: 1 }
        : p.personId === 'A'
          ? { ...p, assignedSlots: 0 }
          : p,
    );
    assert.equal(
      code({ ...cleared, assignments: renamed, persons }, among),
      'market.check.not_a_bid',
    );
  });

  it('finds the bids of holders whom the clearing lists as holding nothing, and refuses it', () => {
    // The persons' assigned counts play no part in finding each assignment's bid (they once
    // guided it); a count denied must still lead to the bid and then to its own refusal.
    const holder = c.assignments[0]!.personId;
    const denied = c.persons.map((p) => (p.personId === holder ? { ...p, assignedSlots: 0 } : p));
    assert.equal(code({ ...c, persons: denied }), 'market.check.capacity_exceeded');
    const claimed = c.persons.map((p) => (p.personId === 'E' ? { ...p, assignedSlots: 1 } : p));
    assert.equal(code({ ...c, persons: claimed }), 'market.check.capacity_exceeded');
    const outOfOrder = { ...c, assignments: [...c.assignments].reverse() };
    assert.equal(code(outOfOrder), 'ok');
  });

  it('rejects broken duals', () => {
    const negative = c.persons.map((p) => (p.personId === 'A' ? { ...p, surplus: -1 } : p));
    assert.equal(code({ ...c, persons: negative }), 'market.check.dual_infeasible');
    assert.equal(code(withInstance('partial', { slotPrice: 0 })), 'market.check.slackness');
    const busyA = c.persons.map((p) => (p.personId === 'A' ? { ...p, surplus: 1_000_000 } : p));
    assert.equal(code({ ...c, persons: busyA }), 'market.check.slackness');
  });

  it('rejects weights that are not the published rule', () => {
    assert.equal(code(withInstance('none', { weightMilli: 1000 })), 'market.check.weight');
    assert.equal(code(withInstance('partial', { weightMilli: 2400 })), 'market.check.credit');
    assert.equal(code(reweighted('partial', 2400)), 'market.check.weight');
    assert.equal(code(reweighted('full', 1201)), 'market.check.weight_rounding');
    // A weight in parts of a milli fits the rounding window of the price (1 200.5 × 60 is 30
    // above it) but has no credit and would leave competitiveness unproved (check.ts).
    assert.equal(code(reweighted('full', 1200.5)), 'market.check.weight');
    const noWeight = withInstance('full', { weightMilli: null });
    assert.equal(code(noWeight), 'market.check.credit');
    assert.equal(code({ ...noWeight, assignments: [] }), 'market.check.counts');
    const flat = base({ ...input, settings: { ...input.settings, weighting: 'flat' } });
    assert.equal(code(flat), 'ok');
    assert.equal(
      code({
        ...flat,
        instances: flat.instances.map((o) =>
          o.weightMilli === null ? o : { ...o, weightMilli: 1001 as WeightMilli },
        ),
      }),
      'market.check.credit',
    );
  });
});
