// Proves that a non-renewable resource follows its depletion schedule (flat rate when enough,
// auction when scarce, the reserve carried and reported), and that land is held and owed by
// lease term, renewed or returned at the term's end, with the numbers written next to the
// data in examples/mechanism-depletion.yaml and examples/mechanism-land-leases.yaml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runScenario, type ScenarioRun, scenarioReport } from '../../src/core/scenario/index.ts';
import { EXAMPLES, loadText as load } from './support.ts';

const text = (file: string) => readFileSync(join(EXAMPLES, file), 'utf8');
const balance = (run: ScenarioRun, period: number, owner: string) =>
  run.periods[period - 1]!.closingBalances.get(`p.${owner}` as never) ?? 0;

describe('examples/mechanism-depletion.yaml: a clay pit of 10 units', () => {
  const run = runScenario(load(text('mechanism-depletion.yaml')));

  test('runs all five periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 5);
  });

  test('cap = min(scheduled, what is left): 4, 4, 3, 1, 0; left 7, 3, 1, 0, 0', () => {
    assert.deepEqual(
      run.periods.map((p) => {
        const r = p.reserves[0]!;
        return [r.scheduledUnits, r.capUnits, r.extractedUnits, r.remainingUnits];
      }),
      [
        [4, 4, 3, 7],
        [4, 4, 4, 3],
        [5, 3, 2, 1],
        [5, 1, 1, 0],
        [5, 0, 0, 0],
      ],
    );
  });

  test('flat rate when enough, auction when scarce: x* 0.5 WH in period 2, 0 in period 4', () => {
    assert.deepEqual(
      run.periods.map((p) => [
        p.resources[0]!.mode,
        p.resources[0]!.clearingPremiumEffortMilliPerUnit,
      ]),
      [
        ['flatRate', 0],
        ['auction', 500],
        ['flatRate', 0],
        ['auction', 0],
        ['auction', 0],
      ],
    );
    assert.deepEqual(
      run.periods[1]!.resources[0]!.awards.map((a) => [
        a.claimant.kind === 'person' ? a.claimant.personId : '',
        a.units,
        a.extractionEffortMilli + a.premiumEffortMilli,
      ]),
      [
        ['ana', 3, 4500],
        ['cy', 1, 1500],
      ],
    );
  });

  test('balances: Ana −6.5, Ben −3, Cy −2.5, Dan +10, premium +2 WH, quarry 0', () => {
    assert.deepEqual(
      ['person.ana', 'person.ben', 'person.cy', 'person.dan', 'premium', 'project.quarry'].map(
        (owner) => balance(run, 5, owner),
      ),
      [-6500, -3000, -2500, 10_000, 2000, 0],
    );
  });

  test('the premium counts in the net surplus of its own period; no base, so the factor stays', () => {
    assert.deepEqual(
      run.periods.map((p) => [p.settlement.netSurplusEffortMilli, p.settlement.nextPriceFactorPpm]),
      [
        [0, 1_000_000],
        [2000, 1_000_000],
        [2000, 1_000_000],
        [2000, 1_000_000],
        [2000, 1_000_000],
      ],
    );
  });

  test('the report carries the reserve of every period', () => {
    const report = scenarioReport(run) as {
      periods: { reserves: { remainingUnits: number; extractedToDateUnits: number }[] }[];
    };
    assert.deepEqual(
      report.periods.map((p) => p.reserves.map((r) => [r.extractedToDateUnits, r.remainingUnits])),
      [[[3, 7]], [[7, 3]], [[9, 1]], [[10, 0]], [[10, 0]]],
    );
  });
});

describe('examples/mechanism-land-leases.yaml: 5 garden plots leased for 2 periods', () => {
  const source = text('mechanism-land-leases.yaml');
  const run = runScenario(load(source));
  const leases = (p: number) =>
    run.periods[p - 1]!.leases.map((l) => [
      l.leaseId,
      l.duesPriceEffortMilli + l.duesPremiumEffortMilli,
      l.status,
      l.renewedAs,
    ]);

  test('runs all four periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 4);
  });

  test('period 1: auction at x* = 0.1 WH, leases for periods 1–2 owing 3.3 and 2.2 WH', () => {
    const allocation = run.periods[0]!.resources[0]!;
    assert.equal(allocation.mode, 'auction');
    assert.equal(allocation.clearingPremiumEffortMilliPerUnit, 100);
    assert.deepEqual(
      run.periods[0]!.leases.map((l) => [l.leaseId, l.units, l.fromPeriod, l.untilPeriod]),
      [
        ['garden-land:1:person:ana', 3, 1, 2],
        ['garden-land:1:person:ben', 2, 1, 2],
      ],
    );
    assert.deepEqual(leases(1), [
      ['garden-land:1:person:ana', 3300, 'running', null],
      ['garden-land:1:person:ben', 2200, 'running', null],
    ]);
  });

  test('period 2: no plot free; Ana renewed for 3–4, Ben (released) returned', () => {
    assert.equal(run.periods[1]!.resources[0]!.capUnits, 0);
    assert.deepEqual(run.periods[1]!.resources[0]!.awards, []);
    assert.deepEqual(leases(2), [
      ['garden-land:1:person:ana', 3300, 'renewed', 'garden-land:3:person:ana'],
      ['garden-land:1:person:ben', 2200, 'returned', null],
    ]);
  });

  test('the lease premiums count in the net surplus of their period: 0.5, 1, 1.3, 1.6 WH', () => {
    assert.deepEqual(
      run.periods.map((p) => [p.settlement.netSurplusEffortMilli, p.settlement.nextPriceFactorPpm]),
      [
        [500, 1_000_000],
        [1000, 1_000_000],
        [1300, 1_000_000],
        [1600, 1_000_000],
      ],
    );
  });

  test('period 3: 2 plots free, Cy at the flat rate (2 WH); period 4: Ana returned, Cy renewed', () => {
    const allocation = run.periods[2]!.resources[0]!;
    assert.deepEqual([allocation.mode, allocation.capUnits], ['flatRate', 2]);
    assert.deepEqual(leases(3), [
      ['garden-land:3:person:ana', 3300, 'running', null],
      ['garden-land:3:person:cy', 2000, 'running', null],
    ]);
    assert.deepEqual(leases(4), [
      ['garden-land:3:person:ana', 3300, 'returned', null],
      ['garden-land:3:person:cy', 2000, 'renewed', 'garden-land:5:person:cy'],
    ]);
  });

  test('balances: Ana −13.2, Ben −4.4, Cy −4, Dan +20, premium +1.6 WH, land care 0', () => {
    assert.deepEqual(
      ['person.ana', 'person.ben', 'person.cy', 'person.dan', 'premium', 'project.land-care'].map(
        (owner) => balance(run, 4, owner),
      ),
      [-13_200, -4400, -4000, 20_000, 1600, 0],
    );
  });

  test('under termEnd: reauction both leases return after period 2 and the land is allocated anew', () => {
    // Period 3 of the variant: Ana claims her 3 plots again next to Cy's 2; 5 ≤ 5 plots free,
    // so both get a flat-rate lease for periods 3–4 (Ana now without a premium: 3 WH a period).
    const other = runScenario(
      load(
        source
          .replace('termEnd: renew }', 'termEnd: reauction }')
          .replace(
            'resourceClaims: [{ resourceId: garden-land, personId: cy, units: 2 }]',
            'resourceClaims: [{ resourceId: garden-land, personId: cy, units: 2 }, { resourceId: garden-land, personId: ana, units: 3 }]',
          ),
      ),
    );
    assert.equal(other.stop, null);
    assert.deepEqual(
      other.periods[1]!.leases.map((l) => [l.status, l.renewedAs]),
      [
        ['returned', null],
        ['returned', null],
      ],
    );
    const allocation = other.periods[2]!.resources[0]!;
    assert.deepEqual([allocation.mode, allocation.capUnits], ['flatRate', 5]);
    assert.deepEqual(
      other.periods[2]!.leases.map((l) => [
        l.leaseId,
        l.duesPriceEffortMilli + l.duesPremiumEffortMilli,
      ]),
      [
        ['garden-land:3:person:ana', 3000],
        ['garden-land:3:person:cy', 2000],
      ],
    );
    assert.deepEqual(
      other.periods[3]!.leases.map((l) => l.status),
      ['returned', 'returned'],
    );
  });

  test('a project holding a lease pays its dues as an input of its products', () => {
    // Ben's plots held by the vegetable project instead: 2.2 WH a period, periods 1–2, into
    // its inventory, so the pool identity still holds.
    const other = runScenario(
      load(
        source
          .replace(
            'projects: [{ id: land-care,',
            'projects: [{ id: veg, seat: vale }, { id: land-care,',
          )
          .replace('personId: ben, units: 2, premium', 'projectId: veg, units: 2, premium')
          .replace(
            'leaseReleases: [{ resourceId: garden-land, personId: ben }]',
            'leaseReleases: [{ resourceId: garden-land, projectId: veg }]',
          ),
      ),
    );
    assert.equal(other.stop, null);
    assert.equal(balance(other, 4, 'project.veg'), -4400);
    assert.equal(other.periods[3]!.inventoryEffortMilli.get('veg'), 4400);
    assert.deepEqual(
      other.periods[1]!.leases.map((l) => [l.leaseId, l.status]),
      [
        ['garden-land:1:person:ana', 'renewed'],
        ['garden-land:1:project:veg', 'returned'],
      ],
    );
  });

  test('a holder claiming again while its lease runs stops the run', () => {
    const other = runScenario(
      load(
        source.replace(
          'resourceClaims: [{ resourceId: garden-land, personId: cy, units: 1 }]',
          'resourceClaims: [{ resourceId: garden-land, personId: ana, units: 1 }]',
        ),
      ),
    );
    assert.deepEqual(other.stop, {
      period: 2,
      invariant: null,
      code: 'scenario.lease_held',
      detail: 'garden-land: person:ana holds a lease running in period 2',
    });
  });

  test('releasing land one does not hold stops the run', () => {
    const other = runScenario(
      load(
        source.replace(
          'leaseReleases: [{ resourceId: garden-land, personId: ben }]',
          'leaseReleases: [{ resourceId: garden-land, personId: cy }]',
        ),
      ),
    );
    assert.equal(other.stop?.code, 'scenario.lease_not_held');
    assert.equal(other.stop?.period, 2);
  });
});
