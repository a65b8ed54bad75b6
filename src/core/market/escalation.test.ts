// Proves escalation rounds follow reference §4.4: worked example 2 end to end (A and B
// upgraded to 2.2, 6.6 WH each), δ_up steps, the NEEDS_RESTRUCTURING flag at the cap and at
// the deadline, and no-shows reopening the slot without lowering anyone's weight.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Minutes, WeightMilli } from '../units.ts';
import { clearRound } from './clear.ts';
import {
  applyRound,
  bidsForNextRound,
  capacitiesForNextRound,
  type InstanceAuction,
  nextIndicatedWeight,
  openAuction,
  releaseSlot,
  remainingInstance,
  winnerCredits,
} from './escalation.ts';
import { bid, instanceId, person, roundInput, templateId } from './fixtures.ts';
import { DEFAULT_MARKET_SETTINGS } from './settings.ts';
import type { Bid, Clearing, TaskInstance } from './types.ts';

const settings = DEFAULT_MARKET_SETTINGS;
const HOUR = 60;

function garbage(indicated = 2000): TaskInstance {
  return {
    id: instanceId('garbage-mon'),
    templateId: templateId('garbage'),
    projectId: 'proj' as TaskInstance['projectId'],
    period: 10,
    slots: 4,
    minutesPerSlot: 180 as Minutes,
    biddingOpensAtMinute: 0,
    biddingClosesAtMinute: 72 * HOUR,
    startsAtMinute: 120 * HOUR,
    deadlineMinute: 120 * HOUR,
    location: null,
    indicatedWeightMilli: indicated as WeightMilli,
  };
}

function clearOn(auction: InstanceAuction, bids: readonly Bid[], round: number): Clearing {
  const instance = remainingInstance(auction);
  assert.ok(instance);
  const result = clearRound(
    roundInput({ instances: [instance], bids: bidsForNextRound([auction], bids), round }),
  );
  assert.ok(result.ok);
  return result.value;
}

function step(auction: InstanceAuction, bids: readonly Bid[], round: number, now: number) {
  const applied = applyRound(auction, clearOn(auction, bids, round), settings, now);
  assert.ok(applied.ok, applied.ok ? '' : applied.error.code);
  return applied.value;
}

describe('escalation rounds', () => {
  it('worked example 2: A and B win at 1.5, escalate, and are upgraded to 2.2 (6.6 WH each)', () => {
    let auction = openAuction(garbage());
    const first = step(
      auction,
      [bid('A', 'garbage-mon', 1200), bid('B', 'garbage-mon', 1500)],
      0,
      72 * HOUR,
    );
    auction = first.auction;
    assert.equal(auction.weightMilli, 1500);
    assert.equal(auction.status, 'open');
    // w_next = max(w*, w_ind) × 1.25 = max(1.5, 2.0) × 1.25.
    assert.equal(auction.indicatedWeightMilli, 2500);
    assert.deepEqual(first.events, [
      {
        kind: 'escalated',
        round: 1,
        indicatedWeightMilli: 2500,
        closesAtMinute: 84 * HOUR,
        unfilledSlots: 2,
      },
    ]);
    const second = step(
      auction,
      [bid('A', 'garbage-mon', 1200), bid('G', 'garbage-mon', 1900), bid('H', 'garbage-mon', 2200)],
      1,
      84 * HOUR,
    );
    auction = second.auction;
    assert.equal(auction.status, 'filled');
    assert.equal(auction.weightMilli, 2200);
    assert.deepEqual(
      second.events.filter((e) => e.kind === 'upgraded').map((e) => e.personId),
      ['A', 'B'],
    );
    assert.deepEqual(winnerCredits(auction), [
      { personId: 'A', creditEffortMilli: 6600 },
      { personId: 'B', creditEffortMilli: 6600 },
      { personId: 'G', creditEffortMilli: 6600 },
      { personId: 'H', creditEffortMilli: 6600 },
    ]);
  });

  it('the indicated weight rises by δ_up from the clearing weight when that is higher', () => {
    assert.equal(nextIndicatedWeight(1500 as WeightMilli, 1000 as WeightMilli, settings), 1875);
    assert.equal(nextIndicatedWeight(null, 1000 as WeightMilli, settings), 1250);
  });

  it('flags NEEDS_RESTRUCTURING after a round at the cap leaves slots empty', () => {
    let auction = openAuction(garbage(4500));
    auction = step(auction, [bid('A', 'garbage-mon', 4000)], 0, 0).auction;
    assert.equal(auction.indicatedWeightMilli, 5000);
    const last = step(auction, [], 1, 12 * HOUR);
    assert.equal(last.auction.status, 'needsRestructuring');
    assert.deepEqual(last.events, [
      { kind: 'needsRestructuring', reason: 'cap', unfilledSlots: 3 },
    ]);
  });

  it('flags NEEDS_RESTRUCTURING when the next round would close within the minimum notice', () => {
    const auction = openAuction(garbage());
    const late = step(auction, [bid('A', 'garbage-mon', 1000)], 0, 100 * HOUR);
    assert.equal(late.auction.status, 'needsRestructuring');
    assert.deepEqual(late.events, [
      { kind: 'needsRestructuring', reason: 'deadline', unfilledSlots: 3 },
    ]);
    const closed = applyRound(late.auction, clearOn(auction, [], 1), settings, 0);
    assert.equal(closed.ok ? '' : closed.error.code, 'market.auction_closed');
  });

  it('capacity already used on earlier rounds is not offered again', () => {
    let auction = openAuction(garbage());
    auction = step(
      auction,
      [bid('A', 'garbage-mon', 1200), bid('B', 'garbage-mon', 1500)],
      0,
      0,
    ).auction;
    const left = capacitiesForNextRound(
      [auction],
      [
        { personId: person('A'), capacitySlots: 1 },
        { personId: person('B'), capacitySlots: 3 },
        { personId: person('C'), capacitySlots: 1 },
      ],
    );
    assert.deepEqual(left, [
      { personId: 'B', capacitySlots: 2 },
      { personId: 'C', capacitySlots: 1 },
    ]);
  });

  it('a pool-wide escalation round clears all short instances together', () => {
    const kitchen: TaskInstance = {
      ...garbage(),
      id: instanceId('kitchen'),
      slots: 2,
      minutesPerSlot: 120 as Minutes,
    };
    let auctions = [openAuction(garbage()), openAuction(kitchen)];
    const capacities = ['A', 'B', 'C', 'D'].map((p) => ({ personId: person(p), capacitySlots: 2 }));
    const round0 = [
      bid('A', 'garbage-mon', 1200),
      bid('A', 'kitchen', 900),
      bid('B', 'kitchen', 1000),
    ];
    const round1 = [
      bid('C', 'garbage-mon', 2100),
      bid('D', 'garbage-mon', 2600),
      bid('B', 'garbage-mon', 3000),
    ];
    for (const [round, bids] of [round0, round1].entries()) {
      const instances = auctions.map(remainingInstance).filter((i) => i !== null);
      const input = {
        ...roundInput({ instances, bids: bidsForNextRound(auctions, bids), round }),
        capacities: capacitiesForNextRound(auctions, capacities),
      };
      const clearing = clearRound(input);
      assert.ok(clearing.ok);
      auctions = auctions.map((auction) => {
        if (auction.status !== 'open') return auction;
        const applied = applyRound(auction, clearing.value, settings, round * 12 * HOUR);
        assert.ok(applied.ok);
        return applied.value.auction;
      });
    }
    const [g, k] = auctions;
    assert.equal(k!.status, 'filled');
    assert.equal(k!.weightMilli, 1000);
    // Garbage: A at 1.2 in round 0; C, D and B in round 1 at B's 3.0 (n-th lowest for 3 slots).
    assert.equal(g!.status, 'filled');
    assert.equal(g!.weightMilli, 3000);
    assert.deepEqual(
      winnerCredits(g!).map((w) => [w.personId, w.creditEffortMilli]),
      [
        ['A', 9000],
        ['B', 9000],
        ['C', 9000],
        ['D', 9000],
      ],
    );
  });

  it('rejects rounds out of order', () => {
    const auction = openAuction(garbage());
    const result = applyRound(auction, clearOn(auction, [], 1), settings, 0);
    assert.equal(result.ok ? '' : result.error.code, 'market.round_out_of_order');
  });

  it('a no-show frees the slot for re-auction and keeps the weight', () => {
    let auction = openAuction(garbage());
    const bids = ['A', 'B', 'C', 'D'].map((p, k) => bid(p, 'garbage-mon', 1000 + 100 * k));
    auction = step(auction, bids, 0, 0).auction;
    assert.equal(auction.status, 'filled');
    const released = releaseSlot(auction, person('B'));
    assert.ok(released.ok);
    assert.equal(released.value.status, 'open');
    assert.equal(released.value.weightMilli, 1300);
    assert.deepEqual(remainingInstance(released.value)?.slots, 1);
    // B no longer holds a slot, so B's bid counts again in the re-auction.
    assert.equal(bidsForNextRound([released.value], bids).length, 1);
    const missing = releaseSlot(auction, person('Z'));
    assert.equal(missing.ok ? '' : missing.error.code, 'market.not_a_winner');
  });
});
