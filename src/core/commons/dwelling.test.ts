// Proves the dwelling's possession lifecycle (reference §4.13, invariant 8, decision 0017):
// moving in possesses it, living there keeps it, idle past T_idle flags it, and only after the
// notice may the steward reassign it to a waiting household; nobody else may live there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type PersonId } from '../ids.ts';
import {
  type Dwelling,
  idleUnflagged,
  reassignableFromPeriod,
  reassignDwelling,
  releaseDwelling,
  reviewDwelling,
  useDwelling,
} from './dwelling.ts';

const ana = asId<'Person'>('ana') as PersonId;
const ben = asId<'Person'>('ben') as PersonId;
const cy = asId<'Person'>('cy') as PersonId;

const flat: Dwelling = {
  unitId: 'flat',
  stewardAssociationId: asId('town'),
  idleLimitPeriods: 2,
  noticePeriods: 1,
  state: { kind: 'commons' },
};

function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  assert.ok(result.ok, result.ok ? '' : result.error.code);
  return result.value;
}
const codeOf = (result: { ok: boolean; error?: { code: string } }) =>
  result.ok ? '' : result.error!.code;

describe('dwelling possession', () => {
  test('moving in possesses it; a resident of the household keeps it, a stranger may not', () => {
    const moved = must(useDwelling(flat, [ben, ana], 1));
    assert.deepEqual(moved.dwelling.state, {
      kind: 'possessed',
      household: [ana, ben],
      sincePeriod: 1,
      lastUsedPeriod: 1,
    });
    assert.deepEqual(moved.events, [{ kind: 'dwelling.moved_in', unitId: 'flat', period: 1 }]);
    // Ben moves out, Cy moves in with Ana: the household is who lives there now.
    const later = must(useDwelling(moved.dwelling, [ana, cy], 2)).dwelling;
    assert.deepEqual(later.state.kind === 'possessed' && later.state.household, [ana, cy]);
    assert.equal(codeOf(useDwelling(later, [ben], 3)), 'dwelling.possessed_by_other');
    assert.equal(codeOf(useDwelling(later, [], 3)), 'dwelling.no_household');
  });

  test('idle past T_idle is flagged once; reassignable only after the notice', () => {
    let d = must(useDwelling(flat, [ana], 1)).dwelling;
    for (const p of [2, 3]) {
      const r = must(reviewDwelling(d, p));
      assert.deepEqual(r.events, []);
      d = r.dwelling;
    }
    // 4 − 1 = 3 > 2: flagged in period 4, reassignable from 4 + 1 = 5.
    const flagged = must(reviewDwelling(d, 4));
    assert.deepEqual(flagged.events, [
      { kind: 'dwelling.idle_flagged', unitId: 'flat', period: 4 },
    ]);
    d = flagged.dwelling;
    assert.equal(reassignableFromPeriod(d), 5);
    assert.deepEqual(must(reviewDwelling(d, 5)).events, []);
    assert.equal(codeOf(reassignDwelling(d, [ben], 4)), 'dwelling.notice_running');
    assert.equal(codeOf(reassignDwelling(d, [], 5)), 'dwelling.no_household');
    const given = must(reassignDwelling(d, [ben], 5));
    assert.deepEqual(given.dwelling.state, {
      kind: 'possessed',
      household: [ben],
      sincePeriod: 5,
      lastUsedPeriod: 5,
    });
    assert.equal(reassignableFromPeriod(given.dwelling), null);
  });

  test('living there again clears the flag; an unflagged dwelling cannot be reassigned', () => {
    let d = must(useDwelling(flat, [ana], 1)).dwelling;
    d = must(reviewDwelling(d, 4)).dwelling;
    assert.equal(reassignableFromPeriod(d), 5);
    d = must(useDwelling(d, [ana], 6)).dwelling;
    assert.equal(reassignableFromPeriod(d), null);
    assert.equal(codeOf(reassignDwelling(d, [ben], 6)), 'dwelling.not_idle');
    assert.equal(codeOf(reassignDwelling(flat, [ben], 6)), 'dwelling.not_possessed');
  });

  test('release returns it to the commons; the commons has nothing to release', () => {
    const d = must(useDwelling(flat, [ana], 1)).dwelling;
    const released = must(releaseDwelling(d, 2));
    assert.deepEqual(released.dwelling.state, { kind: 'commons' });
    assert.equal(codeOf(releaseDwelling(released.dwelling, 3)), 'dwelling.not_possessed');
  });

  test('invariant 8: after every review no possessed dwelling is idle past T_idle unflagged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 5 }),
        (lived, limit) => {
          let d: Dwelling = { ...flat, idleLimitPeriods: limit };
          for (const [i, used] of lived.entries()) {
            const p = i + 1;
            if (used) d = must(useDwelling(d, [ana], p)).dwelling;
            d = must(reviewDwelling(d, p)).dwelling;
            if (idleUnflagged(d, p)) return false;
          }
          return true;
        },
      ),
    );
  });
});
