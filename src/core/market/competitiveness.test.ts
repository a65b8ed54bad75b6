// The checker does not test competitiveness bid by bid (check.ts, the proof before `bidName`):
// a bid that passes complementary slackness on an instance whose integer weight is its price
// per minute rounded inward is competitive at that weight. This checks the lemma over the
// integers, where it could fail: for any bid, surplus and price the slackness allows, the weight
// the rounding allows satisfies every condition the dropped pass tested.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';

type Rule = 'lowest' | 'highest';

/** The one integer weight a full instance may publish for price p over t minutes (check.ts). */
const roundedInward = (rule: Rule, p: number, t: number) =>
  rule === 'lowest' ? Math.ceil(p / t) : Math.floor(p / t);

/** The conditions the dropped pass checked; null when they hold. */
function competitivenessBroken(
  rule: Rule,
  b: number,
  t: number,
  u: number,
  p: number,
  won: boolean,
  spareCapacity: boolean,
): string | null {
  const w = roundedInward(rule, p, t);
  if (won) return b > w ? 'winner_above_weight' : null;
  if (spareCapacity) return b < w ? 'loser_below_weight' : null;
  return (w - b) * t > u + t - 1 ? 'loser_envies' : null;
}

const shape = fc.record({
  rule: fc.constantFrom<Rule>('lowest', 'highest'),
  bidMilli: fc.integer({ min: 1, max: 1_000_000 }),
  minutes: fc.integer({ min: 1, max: 10_000 }),
  surplus: fc.integer({ min: 0, max: 1_000_000_000 }),
  gap: fc.integer({ min: 0, max: 1_000_000_000 }),
  won: fc.boolean(),
  spareCapacity: fc.boolean(),
});

describe('competitiveness from slackness and rounding', () => {
  it('holds for every bid the slackness check lets pass', () => {
    fc.assert(
      fc.property(shape, (s) => {
        // Slackness: a person with spare capacity has no surplus; a won bid has no negative
        // gain p − b·t − u, a lost one no positive gain.
        const u = s.spareCapacity && !s.won ? 0 : s.surplus;
        const edge = s.bidMilli * s.minutes + u;
        const p = s.won ? edge + s.gap : Math.max(0, edge - s.gap);
        assert.equal(
          competitivenessBroken(s.rule, s.bidMilli, s.minutes, u, p, s.won, s.spareCapacity),
          null,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('holds exhaustively over small numbers, where rounding bites hardest', () => {
    let cases = 0;
    for (const rule of ['lowest', 'highest'] as const) {
      for (let t = 1; t <= 7; t += 1) {
        for (let b = 1; b <= 6; b += 1) {
          for (let u = 0; u <= 8; u += 1) {
            for (let p = 0; p <= 60; p += 1) {
              const gain = p - b * t - u;
              for (const won of [true, false]) {
                if (won ? gain < 0 : gain > 0) continue;
                for (const spare of [true, false]) {
                  if (spare && !won && u !== 0) continue;
                  cases += 1;
                  assert.equal(competitivenessBroken(rule, b, t, u, p, won, spare), null);
                }
              }
            }
          }
        }
      }
    }
    assert.ok(cases > 10_000);
  });
});
