// A dwelling as a possession (reference §4.13, MODEL.md M12 and invariant 8; decision 0017).
//
//   commons → (a household moves in) → possessed {household, since} → (release | idle past
//   T_idle, flagged, notice run out, the steward reassigns it to a waiting household)
//
// Kept apart from the durable goods of possession.ts because a dwelling differs in three ways:
// it is possessed by a household (every resident), not by one person or project; its use is
// the occupancy that also charges it by duration (housing.ts), not a separate record; and an
// idle dwelling is not taken back by itself after the notice — it becomes reassignable, and
// only the steward's reassignment to a waiting household ends the possession (a home is not
// emptied while nobody is waiting for it). The flag is the notice: living there again clears
// it, and the steward may reassign from `flagged + notice` on.

import type { PersonId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import { compareIds } from '../units.ts';
import { flaggedIn, type IdleRule, idlePastLimitUnflagged, usedIn } from './idle.ts';

export type DwellingState =
  | { readonly kind: 'commons' }
  | {
      readonly kind: 'possessed';
      /** The residents of the last period lived in (sorted): the household. */
      readonly household: readonly PersonId[];
      readonly sincePeriod: number;
      /** The last period somebody of the household lived there (or it was assigned). */
      readonly lastUsedPeriod: number;
      /** Set by the review in the first period the dwelling is idle past the limit. */
      readonly idleFlaggedAtPeriod?: number;
    };

/** T_idle is 12 months by default; the steward may reassign from the flag + notice on. */
export interface Dwelling extends IdleRule {
  readonly unitId: string;
  readonly state: DwellingState;
}

export type DwellingEvent =
  | { readonly kind: 'dwelling.moved_in'; readonly unitId: string; readonly period: number }
  | { readonly kind: 'dwelling.released'; readonly unitId: string; readonly period: number }
  | { readonly kind: 'dwelling.idle_flagged'; readonly unitId: string; readonly period: number }
  | { readonly kind: 'dwelling.reassigned'; readonly unitId: string; readonly period: number };

export type DwellingFailureCode =
  | 'dwelling.not_possessed'
  | 'dwelling.possessed_by_other'
  | 'dwelling.not_idle'
  | 'dwelling.notice_running'
  | 'dwelling.no_household';

type Step = Result<
  { dwelling: Dwelling; events: DwellingEvent[] },
  { code: DwellingFailureCode; detail: string }
>;

const sorted = (persons: readonly PersonId[]): PersonId[] => [...persons].sort(compareIds);

/** The first period from which the steward may reassign a flagged dwelling; null if none. */
export function reassignableFromPeriod(dwelling: Dwelling): number | null {
  const state = dwelling.state;
  if (state.kind !== 'possessed' || state.idleFlaggedAtPeriod === undefined) return null;
  return state.idleFlaggedAtPeriod + dwelling.noticePeriods;
}

/**
 * Somebody lived in the dwelling this period. In the commons the residents move in and
 * possess it; possessed, it is the household's use as long as one resident belongs to the
 * household (who lives with them joins it, who left it drops out), and it clears a flag.
 * Nobody else may live in a possessed dwelling.
 */
export function useDwelling(dwelling: Dwelling, residents: readonly PersonId[], p: number): Step {
  if (residents.length === 0) {
    return failure('dwelling.no_household', `${dwelling.unitId}: nobody lives there`);
  }
  const household = sorted(residents);
  const state = dwelling.state;
  if (state.kind === 'commons') {
    return ok({
      dwelling: {
        ...dwelling,
        state: { kind: 'possessed', household, sincePeriod: p, lastUsedPeriod: p },
      },
      events: [{ kind: 'dwelling.moved_in', unitId: dwelling.unitId, period: p }],
    });
  }
  if (!residents.some((r) => state.household.includes(r))) {
    return failure(
      'dwelling.possessed_by_other',
      `${dwelling.unitId} is possessed by ${state.household.join(', ')}`,
    );
  }
  return ok({
    dwelling: { ...dwelling, state: { ...usedIn(state, p), household } },
    events: [],
  });
}

/** The household moves out for good: the dwelling is back in the commons. */
export function releaseDwelling(dwelling: Dwelling, p: number): Step {
  if (dwelling.state.kind !== 'possessed') {
    return failure('dwelling.not_possessed', `${dwelling.unitId} is in the commons`);
  }
  return ok({
    dwelling: { ...dwelling, state: { kind: 'commons' } },
    events: [{ kind: 'dwelling.released', unitId: dwelling.unitId, period: p }],
  });
}

/**
 * The steward gives an idle dwelling to a waiting household: only once it was flagged and
 * the notice has run out without the household living there again. The new household's
 * possession starts now, with a fresh idle clock.
 */
export function reassignDwelling(
  dwelling: Dwelling,
  waiting: readonly PersonId[],
  p: number,
): Step {
  const state = dwelling.state;
  if (state.kind !== 'possessed') {
    return failure('dwelling.not_possessed', `${dwelling.unitId} is in the commons`);
  }
  if (waiting.length === 0) {
    return failure('dwelling.no_household', `${dwelling.unitId}: no household to move in`);
  }
  const from = reassignableFromPeriod(dwelling);
  if (from === null) {
    return failure('dwelling.not_idle', `${dwelling.unitId} is not flagged as idle`);
  }
  if (p < from) {
    return failure(
      'dwelling.notice_running',
      `${dwelling.unitId}: the notice runs until period ${from}`,
    );
  }
  return ok({
    dwelling: {
      ...dwelling,
      state: { kind: 'possessed', household: sorted(waiting), sincePeriod: p, lastUsedPeriod: p },
    },
    events: [{ kind: 'dwelling.reassigned', unitId: dwelling.unitId, period: p }],
  });
}

/** The steward's review at the end of a period: flags a dwelling idle past the limit. */
export function reviewDwelling(dwelling: Dwelling, p: number): Step {
  const state = dwelling.state;
  if (state.kind !== 'possessed' || !idlePastLimitUnflagged(state, dwelling, p)) {
    return ok({ dwelling, events: [] });
  }
  return ok({
    dwelling: { ...dwelling, state: flaggedIn(state, p) },
    events: [{ kind: 'dwelling.idle_flagged', unitId: dwelling.unitId, period: p }],
  });
}

/** Invariant 8 for a dwelling: possessed and idle past the limit means flagged. */
export function idleUnflagged(dwelling: Dwelling, p: number): boolean {
  const state = dwelling.state;
  return state.kind === 'possessed' && idlePastLimitUnflagged(state, dwelling, p);
}
