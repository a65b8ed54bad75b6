// Proves that malformed commons fields (depletion schedules, leases, lease releases, possession
// terms and actions) are refused with one line naming the path and the problem.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { EXAMPLES } from './support.ts';

const base = (file: string) => parse(readFileSync(join(EXAMPLES, file), 'utf8'));
// biome-ignore lint/suspicious/noExplicitAny: tests edit the parsed YAML freely
const problem = (file: string, edit: (s: any) => void) => {
  const copy = base(file);
  edit(copy);
  const r = parseScenarioText(stringify(copy), 'x.yaml');
  assert.equal(r.ok, false);
  return r.ok ? '' : `${r.error.code} ${r.error.detail}`;
};

describe('non-renewable resources', () => {
  const depletion = 'mechanism-depletion.yaml';
  test('a yield and a depletion schedule at once', () => {
    assert.equal(
      problem(depletion, (s) => (s.resources[0].sustainableYieldUnitsPerPeriod = 4)),
      'scenario.invalid x.yaml: resources[0]: give sustainableYieldUnitsPerPeriod (renewable) or depletion (non-renewable), exactly one',
    );
  });
  test('neither a yield nor a depletion schedule', () => {
    assert.match(
      problem(depletion, (s) => delete s.resources[0].depletion),
      /^scenario\.invalid x\.yaml: resources\[0\]: give sustainableYield/,
    );
  });
  test('a schedule naming a period twice', () => {
    assert.equal(
      problem(depletion, (s) => (s.resources[0].depletion.schedule[1].fromPeriod = 1)),
      'scenario.invalid x.yaml: resources[0].depletion.schedule[1].fromPeriod: period 1 appears twice',
    );
  });
  test('a negative amount in a schedule and a missing reserve', () => {
    assert.equal(
      problem(depletion, (s) => (s.resources[0].depletion.schedule[0].unitsPerPeriod = -1)),
      'scenario.invalid x.yaml: resources[0].depletion.schedule[0].unitsPerPeriod: must be ≥ 0',
    );
    assert.equal(
      problem(depletion, (s) => delete s.resources[0].depletion.reserveUnits),
      'scenario.invalid x.yaml: resources[0].depletion.reserveUnits: is required',
    );
  });
  test('a leased resource with a depletion schedule', () => {
    assert.equal(
      problem(depletion, (s) => (s.resources[0].lease = { termPeriods: 2 })),
      'scenario.invalid x.yaml: resources[0].lease: a leased resource is not used up: give no depletion schedule',
    );
  });
});

describe('land leases', () => {
  const leases = 'mechanism-land-leases.yaml';
  test('a term of 0 periods and an unknown term-end rule', () => {
    assert.equal(
      problem(leases, (s) => (s.resources[0].lease.termPeriods = 0)),
      'scenario.invalid x.yaml: resources[0].lease.termPeriods: must be ≥ 1',
    );
    assert.equal(
      problem(leases, (s) => (s.resources[0].lease.termEnd = 'keep')),
      'scenario.invalid x.yaml: resources[0].lease.termEnd: must be one of "reauction", "renew"',
    );
  });
  test('a release of an unknown resource, of an unleased one, of nobody, of an unknown person', () => {
    assert.equal(
      problem(leases, (s) => (s.periods[1].leaseReleases[0].resourceId = 'moor')),
      'scenario.unknown_reference x.yaml: periods[1].leaseReleases[0].resourceId: unknown resource "moor"',
    );
    assert.equal(
      problem(leases, (s) => (s.resources[0].lease = null)),
      'scenario.invalid x.yaml: periods[1].leaseReleases[0].resourceId: resource "garden-land" is not leased',
    );
    assert.equal(
      problem(leases, (s) => delete s.periods[1].leaseReleases[0].personId),
      'scenario.invalid x.yaml: periods[1].leaseReleases[0]: name exactly one of personId and projectId',
    );
    assert.equal(
      problem(leases, (s) => (s.periods[3].leaseReleases[0].personId = 'zoe')),
      'scenario.unknown_reference x.yaml: periods[3].leaseReleases[0].personId: unknown person "zoe"',
    );
  });
  test('the same lease released twice in a period', () => {
    assert.equal(
      problem(leases, (s) => s.periods[1].leaseReleases.push({ ...s.periods[1].leaseReleases[0] })),
      'scenario.invalid x.yaml: periods[1].leaseReleases[1]: the same lease is released twice',
    );
  });
});

describe('possession terms and actions', () => {
  const terms = 'mechanism-possession-terms.yaml';
  test('an unknown term value and an unknown term', () => {
    assert.equal(
      problem(terms, (s) => (s.durableGoods[0].terms.transferable = 'anywhere')),
      'scenario.invalid x.yaml: durableGoods[0].terms.transferable: must be one of "no", "withinRegion", "yes"',
    );
    assert.equal(
      problem(terms, (s) => (s.durableGoods[0].terms.lendable = true)),
      'scenario.invalid x.yaml: durableGoods[0].terms: unknown field "lendable"',
    );
  });
  test('a transfer without a recipient, to an unknown person, to oneself; a recipient elsewhere', () => {
    assert.equal(
      problem(terms, (s) => delete s.periods[1].possession[0].toPersonId),
      'scenario.invalid x.yaml: periods[1].possession[0].toPersonId: is required for a transfer, and only there',
    );
    assert.equal(
      problem(terms, (s) => (s.periods[1].possession[0].toPersonId = 'zoe')),
      'scenario.unknown_reference x.yaml: periods[1].possession[0].toPersonId: unknown person "zoe"',
    );
    assert.equal(
      problem(terms, (s) => (s.periods[1].possession[0].toPersonId = 'ana')),
      'scenario.invalid x.yaml: periods[1].possession[0].toPersonId: a transfer goes to someone else',
    );
    assert.equal(
      problem(terms, (s) => (s.periods[1].possession[1].toPersonId = 'ana')),
      'scenario.invalid x.yaml: periods[1].possession[1].toPersonId: is required for a transfer, and only there',
    );
  });
  test('a return date on a use, and one before the claim', () => {
    assert.equal(
      problem(terms, (s) => (s.periods[1].possession[1].returnOnPeriod = 4)),
      'scenario.invalid x.yaml: periods[1].possession[1].returnOnPeriod: only for a claim',
    );
    assert.equal(
      problem(terms, (s) => (s.periods[3].possession[1].returnOnPeriod = 3)),
      'scenario.invalid x.yaml: periods[3].possession[1].returnOnPeriod: must be ≥ the period of the claim (4)',
    );
  });
  test('an unknown action', () => {
    assert.equal(
      problem(terms, (s) => (s.periods[1].possession[1].action = 'lend')),
      'scenario.invalid x.yaml: periods[1].possession[1].action: must be one of "claim", "use", "release", "transfer", "demandReturn"',
    );
  });
});
