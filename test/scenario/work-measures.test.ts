// Proves that measurable work is credited units × standard time × weight whatever the minutes,
// and that a no-show gets no credit while their slot is auctioned again in an escalation round.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { EXAMPLES } from './support.ts';

const dan = `      - { id: w2, personId: dan, instanceId: sewer, minutes: 60, confirmedBy: bo }`;

/** Ada bakes 40 loaves at 3 standard minutes each; Cy wins the sewer task and does not come. */
const FILE = readFileSync(join(EXAMPLES, 'mechanism-work-measures.yaml'), 'utf8');
const UNITS = '        unitsDone: 40\n';
const text = (work: string, units = UNITS) => FILE.replace(dan, work).replace(UNITS, units);

function load(source: string) {
  const parsed = parseScenarioText(source, 'measures.yaml');
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}

describe('standard times and no-shows', () => {
  test('40 loaves × 3 min × 1.200 = 2 400 mWH for 150 minutes; Dan takes the sewer at 1.500', () => {
    const run = runScenario(load(text(dan)));
    assert.equal(run.stop, null);
    const period = run.periods[0]!;
    const ada = period.work.find((w) => w.recordId === 'w1')!;
    assert.deepEqual(
      [ada.minutes, ada.unitsDone, ada.creditedMinutes, ada.weightMilli, ada.amountEffortMilli],
      [150, 40, 120, 1200, 2400],
    );
    const sewer = period.market.auctions.find((a) => a.instanceId === 'sewer')!;
    assert.deepEqual(
      [sewer.status, sewer.weightMilli, sewer.round, sewer.winners.map((w) => w.personId)],
      ['filled', 1500, 1, ['dan']],
    );
    assert.deepEqual(period.market.noShows, [{ instanceId: 'sewer', personId: 'cy', round: 1 }]);
    const balance = (id: string) => period.closingBalances.get(`p.person.${id}` as never);
    assert.deepEqual(
      [balance('ada'), balance('cy'), balance('dan'), balance('bo')],
      [2400, 0, 1500, 0],
    );
    const report = (
      scenarioReport(run) as {
        periods: { noShows: unknown; work: { creditedMinutes: number }[] }[];
      }
    ).periods[0]!;
    assert.deepEqual(report.noShows, [{ instanceId: 'sewer', personId: 'cy', round: 1 }]);
    assert.equal(report.work[0]!.creditedMinutes, 120);
  });

  test('a work record of the no-show is refused: no credit', () => {
    const cy = `      - { id: w2, personId: cy, instanceId: sewer, minutes: 60, confirmedBy: bo }`;
    const run = runScenario(load(text(cy)));
    assert.deepEqual(run.stop && [run.stop.period, run.stop.invariant, run.stop.code], [
      1,
      null,
      'work.not_assigned',
    ]);
  });

  test('measurable work without units done is refused with its path', () => {
    const parsed = parseScenarioText(text(dan, ''), 'measures.yaml');
    assert.equal(parsed.ok, false);
    assert.equal(
      parsed.ok ? '' : parsed.error.detail,
      'measures.yaml: periods[0].work[0].unitsDone: is required: the task has a standard time per unit',
    );
  });

  test('a no-show of someone who holds no slot stops the run', () => {
    const source = text(dan).replace(
      '{ personId: cy, instanceId: sewer, round: 1 }',
      '{ personId: ada, instanceId: sewer, round: 1 }',
    );
    const run = runScenario(load(source));
    assert.deepEqual(run.stop && [run.stop.period, run.stop.code], [1, 'market.not_a_winner']);
  });
});
