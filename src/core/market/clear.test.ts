// Proves the pool-round clearing reproduces the worked examples of reference §4.4 to the mWH,
// breaks ties by rotation fairness then the seeded lottery, and rejects invalid input by code.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EffortMilli } from '../units.ts';
import { clearRound } from './clear.ts';
import { bid, instance, person, roundInput, templateId } from './fixtures.ts';
import type { Clearing } from './types.ts';

function cleared(input: Parameters<typeof clearRound>[0]): Clearing {
  const result = clearRound(input);
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.detail}`);
  return result.value;
}

const garbage = instance('garbage-mon', 4, 180);
const example1Bids = [
  bid('A', 'garbage-mon', 1200),
  bid('B', 'garbage-mon', 1500),
  bid('C', 'garbage-mon', 1800),
  bid('D', 'garbage-mon', 2000),
  bid('E', 'garbage-mon', 2400),
  bid('F', 'garbage-mon', 3000),
];

describe('reference §4.4 worked examples', () => {
  it('example 1, lowest rule: A–D win at 2.000 and earn 6 WH each', () => {
    const c = cleared(roundInput({ instances: [garbage], bids: example1Bids }));
    assert.deepEqual(
      c.assignments.map((a) => [a.personId, a.weightMilli, a.creditEffortMilli]),
      [
        ['A', 2000, 6000],
        ['B', 2000, 6000],
        ['C', 2000, 6000],
        ['D', 2000, 6000],
      ],
    );
    assert.equal(c.instances[0]!.status, 'full');
    assert.equal(c.instances[0]!.slotPrice, 2000 * 180);
    assert.equal(c.objective, (1200 + 1500 + 1800 + 2000) * 180);
  });

  it('example 1, highest rule: w* = 2.400, 7.2 WH each', () => {
    const c = cleared(
      roundInput({
        instances: [garbage],
        bids: example1Bids,
        settings: { clearingRule: 'highest' },
      }),
    );
    assert.deepEqual(
      c.assignments.map((a) => [a.personId, a.creditEffortMilli]),
      [
        ['A', 7200],
        ['B', 7200],
        ['C', 7200],
        ['D', 7200],
      ],
    );
    assert.equal(c.instances[0]!.weightMilli, 2400);
  });

  it('example 2, undersubscribed: A and B win at 1.500, two slots unfilled', () => {
    const c = cleared(roundInput({ instances: [garbage], bids: example1Bids.slice(0, 2) }));
    assert.deepEqual(
      c.assignments.map((a) => [a.personId, a.weightMilli, a.creditEffortMilli]),
      [
        ['A', 1500, 4500],
        ['B', 1500, 4500],
      ],
    );
    assert.equal(c.instances[0]!.status, 'partial');
    assert.equal(c.instances[0]!.unfilledSlots, 2);
    // The certificate prices the empty slots at the reserve w_cap.
    assert.equal(c.instances[0]!.slotPrice, 5000 * 180);
  });

  const website = instance('website', 2, 600);
  const websiteBids = [
    bid('P', 'website', 400),
    bid('Q', 'website', 500),
    bid('R', 'website', 500),
    bid('S', 'website', 700),
    bid('T', 'website', 900),
  ];

  it('example 3, popular task: w* = 0.500, 5 WH each, tie to the one with fewer recent WH', () => {
    for (const [busy, expected] of [
      ['Q', 'R'],
      ['R', 'Q'],
    ] as const) {
      const c = cleared(
        roundInput({
          instances: [website],
          bids: websiteBids,
          history: [
            {
              personId: person(busy),
              templateId: templateId('website'),
              period: 8,
              effortMilli: 2000 as EffortMilli,
            },
          ],
        }),
      );
      assert.deepEqual(
        c.assignments.map((a) => [a.personId, a.weightMilli, a.creditEffortMilli]),
        [
          ['P', 500, 5000],
          [expected, 500, 5000],
        ],
      );
    }
  });

  it('example 3 without history: the seeded lottery decides and is replayable', () => {
    const winners = new Set<string>();
    for (let seed = 0; seed < 16; seed += 1) {
      const input = roundInput({ instances: [website], bids: websiteBids, seed });
      const first = cleared(input);
      assert.deepEqual(cleared(input), first);
      assert.equal(first.seed, seed);
      winners.add(first.assignments[1]!.personId);
    }
    assert.deepEqual([...winners].sort(), ['Q', 'R']);
  });

  it('history outside the last K periods does not count', () => {
    const c = cleared(
      roundInput({
        instances: [website],
        bids: websiteBids,
        seed: 1,
        history: [
          {
            personId: person('Q'),
            templateId: templateId('website'),
            period: 5,
            effortMilli: 9000 as EffortMilli,
          },
        ],
      }),
    );
    const d = cleared(roundInput({ instances: [website], bids: websiteBids, seed: 1 }));
    assert.deepEqual(c.assignments, d.assignments);
  });
});

describe('multi-instance clearing', () => {
  it('a person with capacity 1 goes where the pool saves most; prices in weight space', () => {
    // Lowest prices exceed the highest bid on an instance when a person's envy binds:
    // A bids i 1.000 and k 1.500; B bids only k at 3.000. A→i, B→k. w_k ≥ 3.000 and A must
    // not envy k: w_i − 1.000 ≥ w_k − 1.500, so w_i ≥ 2.500 though nobody bid above 1.000 on i.
    const c = cleared(
      roundInput({
        instances: [instance('i', 1, 60), instance('k', 1, 60)],
        bids: [bid('A', 'i', 1000), bid('A', 'k', 1500), bid('B', 'k', 3000)],
      }),
    );
    assert.deepEqual(
      c.assignments.map((a) => [a.instanceId, a.personId, a.weightMilli]),
      [
        ['i', 'A', 2500],
        ['k', 'B', 3000],
      ],
    );
  });

  it('different minutes: the weight is the exact price per minute rounded inward', () => {
    const input = roundInput({
      instances: [instance('i', 1, 60), instance('k', 1, 90)],
      bids: [bid('A', 'i', 1000), bid('A', 'k', 1001), bid('B', 'k', 2000)],
      settings: { clearingRule: 'lowest' },
    });
    const c = cleared(input);
    // A→i, B→k. w_k ≥ 2.000; A: (w_i − 1000)·60 ≥ (w_k − 1001)·90 → w_i ≥ 2498.5 → 2499.
    assert.deepEqual(
      c.assignments.map((a) => [a.instanceId, a.personId, a.weightMilli]),
      [
        ['i', 'A', 2499],
        ['k', 'B', 2000],
      ],
    );
    assert.equal(c.instances[0]!.slotPrice, 149_910);
  });

  it('capacity above one lets a person take several instances, one slot each', () => {
    const c = cleared(
      roundInput({
        instances: [instance('a', 2, 60), instance('b', 1, 60)],
        bids: [bid('X', 'a', 1000), bid('X', 'b', 1000), bid('Y', 'a', 4000)],
        capacity: { X: 2 },
      }),
    );
    assert.deepEqual(
      c.assignments.map((a) => [a.instanceId, a.personId]),
      [
        ['a', 'X'],
        ['a', 'Y'],
        ['b', 'X'],
      ],
    );
  });

  it('a bid at exactly w_cap is preferred to leaving the slot empty', () => {
    const c = cleared(
      roundInput({ instances: [instance('x', 1, 60)], bids: [bid('A', 'x', 5000)] }),
    );
    assert.equal(c.assignments.length, 1);
    assert.equal(c.instances[0]!.weightMilli, 5000);
  });

  it('an instance without bids stays empty with no weight', () => {
    const c = cleared(
      roundInput({ instances: [instance('x', 3, 60)], bids: [], capacity: { A: 1 } }),
    );
    assert.equal(c.instances[0]!.status, 'empty');
    assert.equal(c.instances[0]!.weightMilli, null);
  });

  it('flat weighting credits 1.000 and still assigns the most willing', () => {
    const c = cleared(
      roundInput({ instances: [garbage], bids: example1Bids, settings: { weighting: 'flat' } }),
    );
    assert.deepEqual(
      c.assignments.map((a) => [a.personId, a.weightMilli, a.creditEffortMilli]),
      [
        ['A', 1000, 3000],
        ['B', 1000, 3000],
        ['C', 1000, 3000],
        ['D', 1000, 3000],
      ],
    );
  });
});

describe('input validation', () => {
  const cases: [string, Parameters<typeof roundInput>[0]][] = [
    ['market.bid_above_cap', { instances: [garbage], bids: [bid('A', 'garbage-mon', 5001)] }],
    ['market.bid_below_min', { instances: [garbage], bids: [bid('A', 'garbage-mon', 99)] }],
    ['market.bid_unknown_instance', { instances: [garbage], bids: [bid('A', 'nope', 1000)] }],
    [
      'market.duplicate_bid',
      {
        instances: [garbage],
        bids: [bid('A', 'garbage-mon', 1000), bid('A', 'garbage-mon', 1100)],
      },
    ],
    ['market.duplicate_instance', { instances: [garbage, garbage], bids: [] }],
    ['market.slots_invalid', { instances: [instance('z', 0, 60)], bids: [] }],
    ['market.minutes_invalid', { instances: [instance('z', 1, 0)], bids: [] }],
    ['market.capacity_invalid', { instances: [garbage], bids: [], capacity: { A: 0 } }],
    [
      'market.settings_invalid',
      { instances: [], bids: [], settings: { capWeightMilli: 50 as never } },
    ],
    ['market.seed_invalid', { instances: [], bids: [], seed: -1 }],
    [
      'market.settings_invalid',
      { instances: [], bids: [], settings: { minWeightMilli: 0 as never } },
    ],
    [
      'market.settings_invalid',
      { instances: [], bids: [], settings: { escalationStepPpm: 0 as never } },
    ],
    [
      'market.settings_invalid',
      { instances: [], bids: [], settings: { rotationWindowPeriods: -1 } },
    ],
  ];
  for (const [code, spec] of cases) {
    it(`fails with ${code}`, () => {
      const result = clearRound(roundInput(spec));
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.code, code);
    });
  }

  it('fails on an unknown person and a duplicate person', () => {
    const input = roundInput({ instances: [garbage], bids: [bid('A', 'garbage-mon', 1000)] });
    const unknown = clearRound({ ...input, capacities: [] });
    assert.equal(unknown.ok ? '' : unknown.error.code, 'market.bid_unknown_person');
    const twice = clearRound({ ...input, capacities: [...input.capacities, ...input.capacities] });
    assert.equal(twice.ok ? '' : twice.error.code, 'market.duplicate_person');
  });
});
