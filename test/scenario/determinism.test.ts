// Proves that a scenario's JSON report is byte-identical across runs and does not depend on
// the order of any list in the input file (MODEL.md §6.6), on every example in examples/.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  canonicalJson,
  runScenario,
  type Scenario,
  scenarioReport,
} from '../../src/core/scenario/index.ts';
import { EXAMPLES, loadExample } from './support.ts';

/** A copy of the scenario with every list permuted by `pick` (a source of random integers). */
function shuffled(s: Scenario, pick: (n: number) => number): Scenario {
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = pick(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    ...s,
    persons: shuffle(s.persons),
    projects: shuffle(s.projects).map((p) => ({ ...p, maintainers: shuffle(p.maintainers) })),
    products: shuffle(s.products).map((x) =>
      x.recipe === null
        ? x
        : {
            ...x,
            recipe: {
              ...x.recipe,
              labour: shuffle(x.recipe.labour),
              overhead: shuffle(x.recipe.overhead),
              inputs: shuffle(x.recipe.inputs),
              resources: shuffle(x.recipe.resources),
              meansOfProduction: shuffle(x.recipe.meansOfProduction),
            },
          },
    ),
    subscriptions: shuffle(s.subscriptions),
    periods: s.periods.map((p) => ({
      tasks: shuffle(p.tasks),
      bids: shuffle(p.bids),
      work: shuffle(p.work),
      noShows: shuffle(p.noShows),
      // Order-free: two changes of one period never give the same field (checked).
      settingsChanges: shuffle(p.settingsChanges),
      production: shuffle(p.production),
      requests: shuffle(p.requests),
      writeOffs: shuffle(p.writeOffs),
      discountSales: shuffle(p.discountSales).map((x) => ({ ...x, requests: shuffle(x.requests) })),
      workInProgress: shuffle(p.workInProgress),
      services: shuffle(p.services),
      residencies: shuffle(p.residencies),
      capacityFactors: shuffle(p.capacityFactors),
      dependents: shuffle(p.dependents),
      occupancy: shuffle(p.occupancy).map((o) => ({ ...o, residents: shuffle(o.residents) })),
      dwellings: shuffle(p.dwellings).map((d) => ({ ...d, personIds: shuffle(d.personIds) })),
      resourceClaims: shuffle(p.resourceClaims),
      projectDepartures: shuffle(p.projectDepartures),
      personDepartures: shuffle(p.personDepartures),
      meansAbandoned: shuffle(p.meansAbandoned),
      projectForks: shuffle(p.projectForks).map((f) => ({
        ...f,
        maintainers: shuffle(f.maintainers),
      })),
      possession: shuffle(p.possession),
      preOrders: shuffle(p.preOrders),
      preOrderCancellations: shuffle(p.preOrderCancellations),
      personalServices: shuffle(p.personalServices),
      flatRateBundles: shuffle(p.flatRateBundles).map((b) => ({
        ...b,
        participants: shuffle(b.participants),
        fairUse: b.fairUse === null ? null : { ...b.fairUse, takings: shuffle(b.fairUse.takings) },
      })),
      leaseReleases: shuffle(p.leaseReleases),
      federationTakes: shuffle(p.federationTakes),
      federationWork: shuffle(p.federationWork),
      federationWriteOffs: shuffle(p.federationWriteOffs),
      money: shuffle(p.money),
      durationUses: shuffle(p.durationUses),
      biddingRounds: shuffle(p.biddingRounds).map((b) => ({
        ...b,
        rounds: b.rounds.map((r) => ({ pledges: shuffle(r.pledges) })),
      })),
      wishes: shuffle(p.wishes),
    })),
    housingUnits: shuffle(s.housingUnits),
    durableGoods: shuffle(s.durableGoods),
    resources: shuffle(s.resources).map((r) => ({
      ...r,
      pooledBy: shuffle(r.pooledBy),
      depletion: r.depletion && { ...r.depletion, schedule: shuffle(r.depletion.schedule) },
    })),
    associations: shuffle(s.associations).map((a) => ({ ...a, allowances: shuffle(a.allowances) })),
    federation: s.federation.map((partner) => shuffled(partner, pick)),
  };
}

const examples = readdirSync(EXAMPLES)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe('scenario reports are byte-identical', () => {
  for (const file of examples) {
    const scenario = loadExample(file);
    const expected = canonicalJson(scenarioReport(runScenario(scenario)));

    test(`${file}: twice the same`, () => {
      assert.equal(canonicalJson(scenarioReport(runScenario(scenario))), expected);
    });

    test(`${file}: with every input list shuffled`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
          let state = seed;
          const pick = (n: number) => {
            state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
            return state % n;
          };
          const report = canonicalJson(scenarioReport(runScenario(shuffled(scenario, pick))));
          assert.equal(report, expected);
        }),
        // Large examples take about 0.2–0.4 s a run; a few shuffles of them suffice.
        { numRuns: scenario.persons.length > 100 ? 3 : 10 },
      );
    });
  }
});
