// Proves that durable goods are possessed under their sharing terms in a scenario: passed on
// within the region, returned on demand or by a date after the notice, a personal possession
// reclaimed only when idle, with the numbers written in examples/mechanism-possession-terms.yaml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { EXAMPLES, loadText as load } from './support.ts';

const SOURCE = readFileSync(join(EXAMPLES, 'mechanism-possession-terms.yaml'), 'utf8');

describe('examples/mechanism-possession-terms.yaml', () => {
  const run = runScenario(load(SOURCE));
  const events = (p: number) =>
    run.periods[p - 1]!.possession.events.map((e) => `${e.goodId} ${e.kind.slice(11)}`);

  test('runs all five periods with possession (§6.8) and every other invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 5);
  });

  test('the events of each period', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map(events), [
      ['bike claimed', 'drill claimed', 'ladder claimed', 'tent claimed'],
      ['ladder transferred'],
      ['drill return_due', 'tent return_due', 'tent reclaimed'],
      ['tent claimed', 'bike idle_flagged', 'drill reclaimed'],
      ['drill claimed', 'bike reclaimed'],
    ]);
  });

  test('where each good is after period 5: bike free, drill Dan, ladder Ben, tent Ana', () => {
    const report = scenarioReport(run) as {
      periods: {
        possession: {
          goods: { id: string; state: string; by: string | null; sincePeriod: number | null }[];
        };
      }[];
    };
    assert.deepEqual(
      report.periods[4]!.possession.goods.map((g) => [g.id, g.state, g.by, g.sincePeriod]),
      [
        ['bike', 'commons', null, null],
        ['drill', 'possessed', 'dan', 5],
        ['ladder', 'possessed', 'ben', 2],
        ['tent', 'possessed', 'ana', 4],
      ],
    );
  });

  test('the report shows the demanded return and the return date while they run', () => {
    const report = scenarioReport(run) as {
      periods: {
        possession: {
          goods: { returnDemandedAtPeriod: number | null; returnOnPeriod: number | null }[];
        };
      }[];
    };
    const [, drill, , tent] = report.periods[2]!.possession.goods;
    assert.equal(drill!.returnDemandedAtPeriod, 3);
    assert.equal(report.periods[1]!.possession.goods[3]!.returnOnPeriod, 3);
    assert.equal(tent!.returnOnPeriod, null);
  });

  test('passing the ladder to someone outside the region is refused', () => {
    const other = runScenario(
      load(SOURCE.replace('action: transfer, toPersonId: ben', 'action: transfer, toPersonId: cy')),
    );
    assert.equal(other.stop?.period, 2);
    assert.equal(other.stop?.code, 'possession.not_transferable');
    // With terms that allow any transfer it goes through.
    const anywhere = runScenario(
      load(
        SOURCE.replace('action: transfer, toPersonId: ben', 'action: transfer, toPersonId: cy')
          .replace('terms: { transferable: withinRegion }', 'terms: { transferable: "yes" }')
          .replace(
            '{ goodId: ladder, personId: ben, action: use }',
            '{ goodId: ladder, personId: cy, action: use }',
          ),
      ),
    );
    assert.equal(anywhere.stop, null);
    assert.equal(
      anywhere.periods[4]!.possession.goods.find((g) => g.id === 'ladder')!.state.kind,
      'possessed',
    );
  });

  test('a personal possession cannot be demanded back; a plain one only from its possessor', () => {
    const personal = runScenario(
      load(
        SOURCE.replace(
          '{ goodId: drill, personId: cy, action: demandReturn }',
          '{ goodId: bike, personId: dan, action: demandReturn }',
        ),
      ),
    );
    assert.deepEqual(
      [personal.stop?.period, personal.stop?.code],
      [3, 'possession.no_return_on_demand'],
    );
    const wrong = runScenario(
      load(
        SOURCE.replace(
          '{ goodId: drill, personId: cy, action: demandReturn }',
          '{ goodId: drill, personId: ana, action: demandReturn }',
        ),
      ),
    );
    assert.deepEqual([wrong.stop?.period, wrong.stop?.code], [3, 'possession.not_possessor']);
  });
});
