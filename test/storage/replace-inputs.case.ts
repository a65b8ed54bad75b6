// Proves on a real database that replacing inputs is one write, all or none: a changed bid
// takes the old one's place, a refused change leaves the old bid standing, a repeat with the
// same key answers as before; a standing subscription is changed by replacing it, but not so
// that a closed period (which took it and planned for it) would change: such a replacement is
// refused and leaves it as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EconomyService } from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import type { Scenario } from '../../src/core/scenario/index.ts';
import { loadExample } from '../scenario/support.ts';

/** Run inside an economy suite, with its service once it is opened. */
export function describeReplaceInputs(economyOf: () => EconomyService): void {
  /** The subscriptions example with period 1 closed and period 2 open for bidding on bake2. */
  async function biddingInPeriodTwo(economy: EconomyService, poolId: string) {
    const example = loadExample('mechanism-subscriptions-pre-orders.yaml');
    const scenario: Scenario = { ...example, pool: { ...example.pool, id: poolId } };
    const imported = await importScenario(economy, scenario, { periods: 1 });
    assert.ok(imported.ok, imported.ok ? '' : imported.error.detail);
    assert.ok((await economy.advance(poolId, 'k-plan', { period: 2, stage: 'planning' })).ok);
    const task = scenario.periods[1]!.tasks[0]!;
    assert.ok(
      (await economy.submitInputs(poolId, 'k-task', [{ kind: 'tasks', period: 2, record: task }]))
        .ok,
    );
    assert.ok((await economy.advance(poolId, 'k-bid', { period: 2, stage: 'bidding' })).ok);
    const bid = { personId: 'ada', instanceId: task.id, weightMilli: 1000, round: 0 };
    const placed = await economy.submitInputs(poolId, 'k-b', [
      { kind: 'bids', period: 2, record: bid },
    ]);
    assert.ok(placed.ok);
    return { bid, bidSeq: placed.value.firstSeq };
  }

  const bidsOf = async (economy: EconomyService, poolId: string) => {
    const back = await economy.scenario(poolId);
    assert.ok(back.ok);
    return back.value.periods[1]!.bids;
  };

  test('a bid is replaced in one write; a refused replacement leaves the old bid in place', async () => {
    const economy = economyOf();
    const pool = 'replace-bid';
    const { bid, bidSeq } = await biddingInPeriodTwo(economy, pool);
    const bad = { kind: 'bids', period: 2, record: { ...bid, instanceId: 'no-such-task' } };
    const refused = await economy.replaceInputs(pool, 'k-bad', [bidSeq], [bad]);
    assert.equal(refused.ok ? '' : refused.error.code, 'scenario.unknown_reference');
    assert.deepEqual(await bidsOf(economy, pool), [bid], 'the old bid stands');

    const higher = { kind: 'bids', period: 2, record: { ...bid, weightMilli: 1200 } };
    const replaced = await economy.replaceInputs(pool, 'k-up', [bidSeq], [higher]);
    assert.ok(replaced.ok, replaced.ok ? '' : replaced.error.detail);
    assert.deepEqual(replaced.value.replaced, [bidSeq]);
    assert.deepEqual(await bidsOf(economy, pool), [higher.record]);
    const again = await economy.replaceInputs(pool, 'k-up', [bidSeq], [higher]);
    assert.deepEqual(again, replaced, 'the same key answers as before');
    const gone = await economy.replaceInputs(pool, 'k-gone', [bidSeq], [higher]);
    assert.equal(gone.ok ? '' : gone.error.code, 'economy.unknown_input');
    assert.deepEqual(await bidsOf(economy, pool), [higher.record]);
    const verified = await economy.verifyPool(pool);
    assert.ok(verified.ok);
    assert.equal(verified.value.problem, null);
  });

  test('a subscription is replaced only where the closed period stays as posted', async () => {
    const economy = economyOf();
    const pool = 'replace-subscription';
    await biddingInPeriodTwo(economy, pool);
    const standing = await economy.periodInputs(pool, 0);
    assert.ok(standing.ok);
    const subscription = standing.value.find((i) => i.kind === 'subscriptions')!;
    const dropped = await economy.replaceInputs(pool, 'k-drop', [subscription.seq], []);
    assert.equal(dropped.ok ? '' : dropped.error.code, 'economy.changes_closed_period');

    const record = subscription.record as object;
    const until = (untilPeriod: number | null) => ({
      kind: 'subscriptions',
      period: 0,
      record: { ...record, untilPeriod },
    });
    // Period 1's report planned period 2's bread with the subscription: it ends after 2 at
    // the earliest, and may run longer.
    const early = await economy.replaceInputs(pool, 'k-early', [subscription.seq], [until(1)]);
    assert.equal(early.ok ? '' : early.error.code, 'economy.changes_closed_period');
    const ended = until(3);
    const done = await economy.replaceInputs(pool, 'k-end', [subscription.seq], [ended]);
    assert.ok(done.ok, done.ok ? '' : done.error.detail);
    const back = await economy.scenario(pool);
    assert.ok(back.ok);
    assert.deepEqual(back.value.subscriptions, [ended.record]);
    const verified = await economy.verifyPool(pool);
    assert.ok(verified.ok);
    assert.equal(verified.value.problem, null);
  });
}
