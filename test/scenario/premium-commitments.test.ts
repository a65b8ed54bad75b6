// Proves that a premium paid as a commitment is debited as `premium.commitment`, is worked off
// by the person's later work credits, and shows open, overdue past its term, then fulfilled.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { runScenario, type Scenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { EXAMPLES } from './support.ts';

/** One bike, two bidders: Ada wins at Cy's 1 WH premium and commits to work it off in 2 periods. */
const TEXT = readFileSync(join(EXAMPLES, 'mechanism-premium-commitments.yaml'), 'utf8');

function load(text: string): Scenario {
  const parsed = parseScenarioText(text, 'commitments.yaml');
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}

describe('premiums paid as commitments', () => {
  const run = runScenario(load(TEXT));
  const line = (p: number) => run.periods[p - 1]!.commitments;

  test('period 1: Ada takes the bike (10 WH) and commits the 1 WH premium, due in period 3', () => {
    assert.equal(run.stop, null);
    assert.deepEqual(
      run.periods[0]!.transfers.map((t) => [t.code, t.amount]),
      [
        ['work.credit', 10_000],
        ['take.goods', 10_000],
        ['premium.commitment', 1000],
      ],
    );
    assert.deepEqual(line(1), [
      {
        personId: 'ada',
        productId: 'bike',
        amountEffortMilli: 1000,
        madeIn: 1,
        duePeriod: 3,
        release: 'atOnce',
        creditedEffortMilli: 0,
        status: 'open',
      },
    ]);
    assert.equal(run.periods[0]!.closingBalances.get('p.person.ada' as never), -11_000);
  });

  test('half worked off in period 2, overdue in period 4, fulfilled in 5, gone in 6', () => {
    assert.deepEqual(
      [2, 3, 4, 5].map((p) => [line(p)[0]!.creditedEffortMilli, line(p)[0]!.status]),
      [
        [500, 'open'],
        [500, 'open'],
        [500, 'overdue'],
        [1000, 'fulfilled'],
      ],
    );
    assert.deepEqual(line(6), []);
    assert.equal(run.periods[5]!.closingBalances.get('p.person.ada' as never), -10_000);
  });

  test('the JSON report carries the commitment and its status', () => {
    const report = scenarioReport(run) as {
      periods: { commitments: { status: string; duePeriod: number }[] }[];
    };
    assert.deepEqual(
      report.periods.map((p) => p.commitments.map((c) => `${c.status}@${c.duePeriod}`)),
      [['open@3'], ['open@3'], ['open@3'], ['overdue@3'], ['fulfilled@3'], []],
    );
  });

  test('without a term the same premium is paid from the balance', () => {
    const plain = runScenario(load(TEXT.replace(', premiumTermPeriods: 2', '')));
    assert.deepEqual(plain.periods[0]!.commitments, []);
    assert.deepEqual(
      plain.periods[0]!.transfers.filter((t) => t.code.startsWith('premium')).map((t) => t.code),
      ['premium'],
    );
  });
});
