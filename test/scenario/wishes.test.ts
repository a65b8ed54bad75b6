// Proves that wishes in a scenario file reach the plan of the next period (planOutput's
// wishedUnits, counting only wishes whose maximum price reaches the posted price), with the
// numbers worked out in examples/mechanism-wishes.yaml, and that unknown names are refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { EXAMPLES, loadExample, loadText, refusal } from './support.ts';

const FILE = readFileSync(join(EXAMPLES, 'mechanism-wishes.yaml'), 'utf8');

describe('wishes (M9)', () => {
  const run = runScenario(loadExample('mechanism-wishes.yaml'));

  test('plans: 3 units and 4 wished for period 2; 0 units and 1 wished for period 3', () => {
    assert.equal(run.stop, null);
    assert.deepEqual(
      run.periods.map((p) =>
        p.plans.map((x) => [
          x.period,
          x.committedUnits,
          x.averageNonPreorderedUnits,
          x.plannedUnits,
          x.wishedUnits,
        ]),
      ),
      [[[2, 2, 3, 3, 4]], [[3, 0, 2, 0, 1]]],
    );
    const report = scenarioReport(run) as { periods: { plans: { wishedUnits: number }[] }[] };
    assert.deepEqual(
      report.periods.map((p) => p.plans[0]!.wishedUnits),
      [4, 1],
    );
  });

  test('balances: Ada 16 000, Bo −6 000, Cy −2 000, Dan −4 000', () => {
    const closing = run.periods[1]!.closingBalances;
    assert.deepEqual(
      ['ada', 'bo', 'cy', 'dan'].map((id) => closing.get(`p.person.${id}` as never)),
      [16_000, -6000, -2000, -4000],
    );
  });

  test('a wish below the posted price is not counted: raising it to 2 000 adds 3', () => {
    const raised = FILE.replace(
      'units: 3, maxUnitPriceEffortMilli: 1500',
      'units: 3, maxUnitPriceEffortMilli: 2000',
    );
    const scenario = loadText(raised);
    assert.equal(runScenario(scenario).periods[0]!.plans[0]!.wishedUnits, 7);
  });

  test('a wish for an unknown product is refused with its path', () => {
    assert.equal(
      refusal(
        FILE.replace(
          '{ personId: cy, productId: bread, units: 1,',
          '{ personId: cy, productId: rye, units: 1,',
        ),
      ),
      'scenario.unknown_reference x.yaml: periods[1].wishes[0].productId: unknown product "rye"',
    );
  });
});
