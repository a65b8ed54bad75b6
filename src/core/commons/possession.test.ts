// Proves the possession lifecycle of reference §4.13 and invariant 8 of MODEL.md §6: commons →
// possessed → commons under the sharing terms, and that possession never outlives use — an
// idle possession is flagged past the limit and returned to the commons after notice.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId } from '../ids.ts';
import type { Claimant } from './allocation.ts';
import {
  claimPossession,
  type DurableGood,
  demandReturn,
  type PossessionTerms,
  recordUse,
  releasePossession,
  repairerOf,
  retireGood,
  reviewPossession,
  transferPossession,
} from './possession.ts';

const town = asId<'Association'>('town');
const ana: Claimant = { kind: 'person', personId: asId('ana') };
const ben: Claimant = { kind: 'person', personId: asId('ben') };
const workshop: Claimant = { kind: 'project', projectId: asId('workshop') };

const dwelling: DurableGood = {
  id: 'flat-3b',
  stewardAssociationId: town,
  idleLimitPeriods: 12, // 12 months (reference §9.1)
  noticePeriods: 2,
  state: { kind: 'commons' },
};
const plain: PossessionTerms = {
  returnOnDemand: false,
  transferable: 'no',
  onSite: false,
  repairDuty: false,
  permanent: false,
  transitive: false,
};

function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  assert.ok(result.ok, result.ok ? '' : result.error.code);
  return result.value;
}
function codeOf(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? '' : result.error!.code;
}

describe('possession lifecycle', () => {
  test('claim, use, release: back to the commons with nothing to sell', () => {
    let good = must(claimPossession(dwelling, ana, 1, plain)).good;
    assert.equal(good.state.kind, 'possessed');
    good = must(recordUse(good, ana, 5)).good;
    assert.equal(codeOf(recordUse(good, ben, 6)), 'possession.not_possessor');
    assert.equal(codeOf(recordUse(good, ana, 4)), 'possession.bad_period');
    assert.equal(codeOf(claimPossession(good, ben, 6, plain)), 'possession.not_in_commons');
    const released = must(releasePossession(good, ana, 7));
    assert.deepEqual(released.good.state, { kind: 'commons' });
    assert.deepEqual(released.events, [
      { kind: 'possession.released', goodId: 'flat-3b', period: 7 },
    ]);
    assert.equal(codeOf(releasePossession(released.good, ana, 8)), 'possession.not_possessor');
  });

  test('idle past the limit: flagged, then reclaimed after notice; use clears the flag', () => {
    let good = must(claimPossession(dwelling, ana, 0, plain)).good;
    assert.deepEqual(must(reviewPossession(good, 12)).events, []);
    const flagged = must(reviewPossession(good, 13));
    assert.deepEqual(flagged.events, [
      { kind: 'possession.idle_flagged', goodId: 'flat-3b', period: 13 },
    ]);
    // Using it again within the notice keeps possession.
    const used = must(recordUse(flagged.good, ana, 14)).good;
    assert.equal(used.state.kind === 'possessed' && used.state.idleFlaggedAtPeriod, undefined);
    assert.equal(must(reviewPossession(used, 15)).good.state.kind, 'possessed');
    // Not using it: reclaimed when the notice has run out.
    good = flagged.good;
    assert.equal(must(reviewPossession(good, 14)).good.state.kind, 'possessed');
    const reclaimed = must(reviewPossession(good, 15));
    assert.deepEqual(reclaimed.good.state, { kind: 'commons' });
    assert.equal(reclaimed.events.at(-1)!.kind, 'possession.reclaimed');
    assert.deepEqual(must(reviewPossession(reclaimed.good, 16)).events, []);
  });

  test('return on a date and on demand, both after notice', () => {
    const lent = must(claimPossession(dwelling, ana, 0, { ...plain, returnOnPeriod: 4 })).good;
    assert.deepEqual(
      must(reviewPossession(lent, 4)).events.map((e) => e.kind),
      ['possession.return_due'],
    );
    assert.equal(must(reviewPossession(lent, 6)).good.state.kind, 'commons');
    assert.equal(codeOf(demandReturn(lent, 1)), 'possession.no_return_on_demand');
    assert.equal(codeOf(demandReturn(dwelling, 1)), 'possession.not_possessor');
    const onDemand = must(
      claimPossession(dwelling, ana, 0, { ...plain, returnOnDemand: true }),
    ).good;
    const demanded = must(demandReturn(onDemand, 3)).good;
    assert.equal(must(reviewPossession(demanded, 4)).good.state.kind, 'possessed');
    assert.equal(must(reviewPossession(demanded, 5)).good.state.kind, 'commons');
  });

  test('transfer only as the terms allow; transitive terms stay with the good', () => {
    const fixed = must(claimPossession(dwelling, ana, 0, plain)).good;
    assert.equal(
      codeOf(transferPossession(fixed, ana, ben, 1, true)),
      'possession.not_transferable',
    );
    const regional = must(
      claimPossession(dwelling, ana, 0, { ...plain, transferable: 'withinRegion' }),
    ).good;
    assert.equal(
      codeOf(transferPossession(regional, ana, ben, 1, false)),
      'possession.not_transferable',
    );
    assert.equal(
      codeOf(transferPossession(regional, ben, ana, 1, true)),
      'possession.not_possessor',
    );
    const passed = must(transferPossession(regional, ana, ben, 1, true)).good;
    assert.ok(passed.state.kind === 'possessed' && passed.state.sincePeriod === 1);

    const copyleft: PossessionTerms = { ...plain, transferable: 'yes', transitive: true };
    const held = must(claimPossession(dwelling, ana, 0, copyleft)).good;
    const back = must(releasePossession(held, ana, 2)).good;
    assert.deepEqual(back.state, { kind: 'commons', fixedTerms: copyleft });
    assert.equal(codeOf(claimPossession(back, ben, 3, plain)), 'possession.terms_fixed');
    assert.equal(must(claimPossession(back, ben, 3, copyleft)).good.state.kind, 'possessed');
  });

  test('a permanent good can never be retired; repair duty decides who repairs', () => {
    const floater = must(
      claimPossession(dwelling, workshop, 0, { ...plain, permanent: true, repairDuty: true }),
    ).good;
    assert.equal(codeOf(retireGood(floater, 1)), 'possession.permanent');
    assert.deepEqual(repairerOf(floater), workshop);
    assert.equal(repairerOf(dwelling), town);
    assert.equal(must(retireGood(dwelling, 1)).good.state.kind, 'retired');
    assert.equal(must(reviewPossession(must(retireGood(dwelling, 1)).good, 2)).events.length, 0);
  });
});

describe('invariant 8: possession never outlives use', () => {
  test('property: after every review, a possessed good was used within limit + notice', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.constantFrom('use', 'idle', 'idle', 'claim', 'release'), {
          minLength: 1,
          maxLength: 60,
        }),
        (idleLimitPeriods, noticePeriods, script) => {
          let good: DurableGood = { ...dwelling, idleLimitPeriods, noticePeriods };
          script.forEach((action, period) => {
            const state = good.state;
            if (action === 'claim' && state.kind === 'commons')
              good = must(claimPossession(good, ana, period, plain)).good;
            if (action === 'use' && state.kind === 'possessed')
              good = must(recordUse(good, ana, period)).good;
            if (action === 'release' && state.kind === 'possessed')
              good = must(releasePossession(good, ana, period)).good;
            const reviewed = must(reviewPossession(good, period));
            good = reviewed.good;
            const after = good.state;
            if (after.kind === 'possessed') {
              assert.ok(period - after.lastUsedPeriod <= idleLimitPeriods + noticePeriods);
              // Idle past the limit is never left unflagged.
              if (period - after.lastUsedPeriod > idleLimitPeriods)
                assert.notEqual(after.idleFlaggedAtPeriod, undefined);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
