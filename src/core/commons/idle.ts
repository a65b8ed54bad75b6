// The idle rule that durable goods (possession.ts) and dwellings (dwelling.ts) share (reference
// §4.13, MODEL.md M12 and invariant 8): use keeps a possession alive and clears a flag, and the
// steward's review flags a possession unused for longer than the idle limit. What happens after
// the flag differs (a good goes back to the commons, a dwelling becomes reassignable), so that
// stays with each.

import type { AssociationId } from '../ids.ts';

/** The steward's terms for something possessed under the idle rule. */
export interface IdleRule {
  readonly stewardAssociationId: AssociationId;
  /** T_idle: unused for longer than this many periods → flagged (12 months for a dwelling). */
  readonly idleLimitPeriods: number;
  /** Periods from the flag (for a good also from a demanded or due return) until the steward
   *  may take it back or reassign it. */
  readonly noticePeriods: number;
}

/** The part of a possessed state the idle rule reads and writes. */
export interface UseClock {
  /** The last period it was used (or possessed from). */
  readonly lastUsedPeriod: number;
  /** Set by the review in the first period it is idle past the limit: the notice runs from here. */
  readonly idleFlaggedAtPeriod?: number;
}

/** Unused for longer than the limit and not flagged yet: the review flags it in period `p`;
 *  after the review, invariant 8 forbids it. */
export function idlePastLimitUnflagged(clock: UseClock, rule: IdleRule, p: number): boolean {
  return (
    p - clock.lastUsedPeriod > rule.idleLimitPeriods && clock.idleFlaggedAtPeriod === undefined
  );
}

/** Used in period `p`: the idle clock restarts and a flag is cleared. */
export function usedIn<S extends UseClock>(clock: S, p: number): Omit<S, 'idleFlaggedAtPeriod'> {
  const { idleFlaggedAtPeriod: _cleared, ...rest } = clock;
  return { ...rest, lastUsedPeriod: p };
}

/** Flagged as idle in period `p`: the notice starts. */
export function flaggedIn<S extends UseClock>(clock: S, p: number): S {
  return { ...clock, idleFlaggedAtPeriod: p };
}
