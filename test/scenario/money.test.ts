// Proves that a project's money stays in a ledger of its own, in cents of its currency: the
// numbers of the example, no transfer mixing units, and effort books that do not change
// whatever money lines a file holds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { canonicalJson, runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { exampleVariant, loadText as load } from './support.ts';

const variant = exampleVariant('mechanism-money.yaml');
/** The report without its money, as JSON text. */
const effortReport = (text: string) => {
  const report = JSON.parse(canonicalJson(scenarioReport(runScenario(load(text)))));
  for (const period of report.periods) delete period.money;
  return JSON.stringify(report);
};

describe('mechanism-money.yaml', () => {
  const run = runScenario(load(variant(() => {})));

  test('cash: bakery 12 000 − 4 550 = 7 450, then − 2 450 = 5 000 cents; repair 3 000', () => {
    assert.equal(run.stop, null);
    assert.deepEqual(run.periods[0]!.money, [
      {
        projectId: 'bakery',
        currency: 'EUR',
        incomeCents: 12_000,
        expenseCents: 4_550,
        balanceCents: 7_450,
      },
      { projectId: 'repair', currency: 'CHF', incomeCents: 0, expenseCents: 0, balanceCents: 0 },
    ]);
    assert.deepEqual(
      run.periods[1]!.money?.map((m) => [m.projectId, m.balanceCents]),
      [
        ['bakery', 5_000],
        ['repair', 3_000],
      ],
    );
    assert.equal(run.periods[0]!.closingBalances.get('v.person.ada' as never), 2_000);
    assert.equal(run.periods[0]!.closingBalances.get('v.person.bo' as never), -2_000);
  });

  test('the effort ledger holds no money; every transfer is in its accounts’ unit', () => {
    for (const record of run.ledger.accounts.values()) {
      assert.equal(record.account.unit, 'effort');
    }
    for (const period of run.periods) {
      for (const t of period.transfers) assert.equal(t.unit, 'effort');
    }
  });

  test('a file without money lines has the same effort books, whatever the money', () => {
    const without = effortReport(
      variant((s) => {
        for (const p of s.periods) delete p.money;
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(100_000), fc.nat(100_000)), { minLength: 2, maxLength: 2 }),
        (amounts) => {
          const text = variant((s) => {
            for (const [i, p] of s.periods.entries()) {
              const [income, expense] = amounts[i]!;
              // Never more spent than there is: expenses up to the income of the period.
              p.money = [
                {
                  projectId: 'bakery',
                  incomeCents: income,
                  expenseCents: Math.min(expense, income),
                },
              ];
            }
          });
          assert.equal(effortReport(text), without);
        },
      ),
      { numRuns: 20 },
    );
  });

  test('spending more than the cash stops the run', () => {
    const run2 = runScenario(
      load(
        variant((s) => {
          s.periods[1].money[0].expenseCents = 7_451;
        }),
      ),
    );
    assert.deepEqual(run2.stop && [run2.stop.period, run2.stop.code], [2, 'ledger.bound_exceeded']);
  });

  test('errors name the path', () => {
    const refused = (text: string) => {
      const r = parseScenarioText(text, 'x.yaml');
      return r.ok ? '' : `${r.error.code} ${r.error.detail}`;
    };
    assert.equal(
      refused(
        variant((s) => {
          s.projects[0].currency = 'euro';
        }),
      ),
      'scenario.invalid x.yaml: projects[0].currency: must be a currency code: three capital letters',
    );
    assert.equal(
      refused(
        variant((s) => {
          s.projects[1].currency = null;
        }),
      ),
      'scenario.no_currency x.yaml: periods[1].money[1].projectId: "repair" is no project with a currency',
    );
  });
});
