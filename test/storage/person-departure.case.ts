// Proves on a real database that a member leaves a stored pool by a departure given in its open
// period: taken, later bids of theirs refused, the period closed with the pure runner's report,
// the closed periods before it unchanged, and the pool verifying from its inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EconomyService } from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import {
  canonicalJson,
  periodReport,
  runScenario,
  type Scenario,
} from '../../src/core/scenario/index.ts';
import { exampleVariant, loadText } from '../scenario/support.ts';

/** The forgiveness example with Cem a member for good, and with him leaving in period 2. */
export function departureScenarios(poolId: string): { staying: Scenario; leaving: Scenario } {
  const variant = exampleVariant('mechanism-forgiveness.yaml');
  const edit = (leaves: boolean) =>
    loadText(
      variant((s) => {
        s.pool.id = poolId;
        delete s.persons.find((x: { id: string }) => x.id === 'cem').memberUntilPeriod;
        if (leaves) s.periods[1].personDepartures = [{ personId: 'cem' }];
      }),
    );
  return { staying: edit(false), leaving: edit(true) };
}

/** Run inside an economy suite, with its service once it is opened. */
export function describePersonDeparture(economyOf: () => EconomyService): void {
  test('a member leaves a stored pool by a departure in its open period', async () => {
    const economy = economyOf();
    const { staying, leaving } = departureScenarios('departing');
    const pool = staying.pool.id;
    const closedFirst = await importScenario(economy, staying, { periods: 1 });
    assert.ok(closedFirst.ok, closedFirst.ok ? '' : closedFirst.error.detail);
    const before = await economy.periodReport(pool, 1);
    assert.ok(before.ok);

    assert.ok((await economy.advance(pool, 'k-p2', { period: 2, stage: 'planning' })).ok);
    const departure = { kind: 'personDepartures', period: 2, record: { personId: 'cem' } };
    const left = await economy.submitInputs(pool, 'k-leave', [departure]);
    assert.ok(left.ok, left.ok ? '' : left.error.detail);
    const twice = await economy.submitInputs(pool, 'k-leave-again', [departure]);
    assert.equal(twice.ok ? '' : twice.error.code, 'scenario.duplicate_id');
    // The rest of the file's period 2 (and periods 3 and 4) as the import gives them.
    const rest = await importScenario(economy, staying);
    assert.ok(rest.ok, rest.ok ? '' : rest.error.detail);

    const run = runScenario(leaving);
    assert.equal(rest.value.journalHead, run.periods.at(-1)!.journalHead);
    for (const [index, period] of run.periods.entries()) {
      const stored = await economy.periodReport(pool, index + 1);
      assert.ok(stored.ok);
      assert.equal(canonicalJson(stored.value), canonicalJson(periodReport(period)));
    }
    const after = await economy.periodReport(pool, 1);
    assert.ok(after.ok);
    assert.equal(canonicalJson(after.value), canonicalJson(before.value));
    const verified = await economy.verifyPool(pool);
    assert.ok(verified.ok);
    assert.equal(verified.value.problem, null);
  });
}
