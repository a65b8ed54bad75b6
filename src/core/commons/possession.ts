// The possession lifecycle of durable goods (reference §4.13, MODEL.md M12 and invariant 8).
//
//   commons → (claim) → possessed {by, since, terms} → (release | idle past the limit and
//   notice given | return date or demanded return past notice) → commons
//
// Possession is a right of use bound to actual use: what is no longer used is no longer
// possessed. Without the idle rule "possession" would quietly become property, so the
// steward's periodic review flags an idle possession and, after the notice period, returns
// the good to the commons for reassignment. Terms follow Siefkes' sharing constraints
// (2008): return on date or on demand, transferable, on site, repair duty, permanent,
// transitive.

import type { AssociationId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import type { Claimant } from './allocation.ts';
import { flaggedIn, type IdleRule, idlePastLimitUnflagged, usedIn } from './idle.ts';

export interface PossessionTerms {
  /** The good must be back by this period. */
  readonly returnOnPeriod?: number;
  /** The steward may ask for it back at any time (with notice). */
  readonly returnOnDemand: boolean;
  readonly transferable: 'no' | 'withinRegion' | 'yes';
  /** Used where it stands (an open workshop), never moved to the user. */
  readonly onSite: boolean;
  /** The possessor repairs it; otherwise the steward's projects do. */
  readonly repairDuty: boolean;
  /** A "permafloater": it may never be withdrawn from sharing, not even by the steward. */
  readonly permanent: boolean;
  /** Copyleft for physical goods: every later possessor holds it under the same terms. */
  readonly transitive: boolean;
}

export type PossessionState =
  | {
      readonly kind: 'commons';
      /** Terms that stay with the good because an earlier possession was transitive. */
      readonly fixedTerms?: PossessionTerms;
    }
  | {
      readonly kind: 'possessed';
      readonly by: Claimant;
      readonly sincePeriod: number;
      readonly terms: PossessionTerms;
      readonly lastUsedPeriod: number;
      /** Set by the review when the good was idle past the limit: the notice runs from here. */
      readonly idleFlaggedAtPeriod?: number;
      /** Set when the steward asked for the good back (terms.returnOnDemand). */
      readonly returnDemandedAtPeriod?: number;
    }
  | { readonly kind: 'retired'; readonly sincePeriod: number };

export interface DurableGood extends IdleRule {
  readonly id: string;
  readonly state: PossessionState;
}

export type PossessionEvent =
  | { readonly kind: 'possession.claimed'; readonly goodId: string; readonly period: number }
  | { readonly kind: 'possession.released'; readonly goodId: string; readonly period: number }
  | { readonly kind: 'possession.transferred'; readonly goodId: string; readonly period: number }
  | { readonly kind: 'possession.idle_flagged'; readonly goodId: string; readonly period: number }
  | { readonly kind: 'possession.return_due'; readonly goodId: string; readonly period: number }
  | { readonly kind: 'possession.reclaimed'; readonly goodId: string; readonly period: number }
  | { readonly kind: 'possession.retired'; readonly goodId: string; readonly period: number };

export type PossessionFailureCode =
  | 'possession.not_in_commons'
  | 'possession.not_possessor'
  | 'possession.terms_fixed'
  | 'possession.not_transferable'
  | 'possession.no_return_on_demand'
  | 'possession.permanent'
  | 'possession.bad_period';

type Step = Result<
  { good: DurableGood; events: PossessionEvent[] },
  { code: PossessionFailureCode; detail: string }
>;

export function sameParty(a: Claimant, b: Claimant): boolean {
  if (a.kind === 'person' && b.kind === 'person') return a.personId === b.personId;
  if (a.kind === 'project' && b.kind === 'project') return a.projectId === b.projectId;
  return false;
}

function sameTerms(a: PossessionTerms, b: PossessionTerms): boolean {
  return (
    a.returnOnPeriod === b.returnOnPeriod &&
    a.returnOnDemand === b.returnOnDemand &&
    a.transferable === b.transferable &&
    a.onSite === b.onSite &&
    a.repairDuty === b.repairDuty &&
    a.permanent === b.permanent &&
    a.transitive === b.transitive
  );
}

function step(good: DurableGood, state: PossessionState, event: PossessionEvent): Step {
  return ok({ good: { ...good, state }, events: [event] });
}

export function claimPossession(
  good: DurableGood,
  by: Claimant,
  period: number,
  terms: PossessionTerms,
): Step {
  const state = good.state;
  if (state.kind !== 'commons') {
    return failure('possession.not_in_commons', `${good.id} is not in the commons`);
  }
  if (state.fixedTerms !== undefined && !sameTerms(state.fixedTerms, terms)) {
    return failure('possession.terms_fixed', `${good.id} is shared under fixed (transitive) terms`);
  }
  return step(
    good,
    { kind: 'possessed', by, sincePeriod: period, terms, lastUsedPeriod: period },
    { kind: 'possession.claimed', goodId: good.id, period },
  );
}

/** Use keeps possession alive and clears an idle flag. */
export function recordUse(good: DurableGood, by: Claimant, period: number): Step {
  const state = good.state;
  if (state.kind !== 'possessed' || !sameParty(state.by, by)) {
    return failure('possession.not_possessor', `${good.id} is not possessed by this party`);
  }
  if (period < state.lastUsedPeriod) {
    return failure('possession.bad_period', `use in period ${period} is before the last use`);
  }
  return ok({ good: { ...good, state: usedIn(state, period) }, events: [] });
}

function backToCommons(state: PossessionState & { kind: 'possessed' }): PossessionState {
  return state.terms.transitive
    ? { kind: 'commons', fixedTerms: state.terms }
    : { kind: 'commons' };
}

export function releasePossession(good: DurableGood, by: Claimant, period: number): Step {
  const state = good.state;
  if (state.kind !== 'possessed' || !sameParty(state.by, by)) {
    return failure('possession.not_possessor', `${good.id} is not possessed by this party`);
  }
  return step(good, backToCommons(state), { kind: 'possession.released', goodId: good.id, period });
}

/** Passing the good on directly (a "floater"); the terms travel with it. */
export function transferPossession(
  good: DurableGood,
  from: Claimant,
  to: Claimant,
  period: number,
  sameRegion: boolean,
): Step {
  const state = good.state;
  if (state.kind !== 'possessed' || !sameParty(state.by, from)) {
    return failure('possession.not_possessor', `${good.id} is not possessed by this party`);
  }
  const allowed =
    state.terms.transferable === 'yes' ||
    (state.terms.transferable === 'withinRegion' && sameRegion);
  if (!allowed) {
    return failure('possession.not_transferable', `${good.id} may not be passed on here`);
  }
  return step(
    good,
    { kind: 'possessed', by: to, sincePeriod: period, terms: state.terms, lastUsedPeriod: period },
    { kind: 'possession.transferred', goodId: good.id, period },
  );
}

export function demandReturn(good: DurableGood, period: number): Step {
  const state = good.state;
  if (state.kind !== 'possessed') {
    return failure('possession.not_possessor', `${good.id} is not possessed`);
  }
  if (!state.terms.returnOnDemand) {
    return failure('possession.no_return_on_demand', `${good.id} was not lent on demand`);
  }
  return step(
    good,
    { ...state, returnDemandedAtPeriod: period },
    { kind: 'possession.return_due', goodId: good.id, period },
  );
}

/** The steward takes a good out of circulation (used up, broken beyond repair). */
export function retireGood(good: DurableGood, period: number): Step {
  const state = good.state;
  const terms =
    state.kind === 'possessed'
      ? state.terms
      : state.kind === 'commons'
        ? state.fixedTerms
        : undefined;
  if (terms?.permanent === true) {
    return failure('possession.permanent', `${good.id} may never be withdrawn from sharing`);
  }
  return step(
    good,
    { kind: 'retired', sincePeriod: period },
    { kind: 'possession.retired', goodId: good.id, period },
  );
}

/**
 * The steward's review in a period (run every period): flags a possession idle past the
 * limit, announces a return date that has come, and returns the good to the commons once the
 * notice after a flag, a return date or a demanded return has run out. After a review, a
 * possessed good has always been used within idleLimit + notice periods (invariant 8).
 */
export function reviewPossession(good: DurableGood, period: number): Step {
  const state = good.state;
  if (state.kind !== 'possessed') return ok({ good, events: [] });
  const events: PossessionEvent[] = [];
  let current = state;
  if (idlePastLimitUnflagged(current, good, period)) {
    current = flaggedIn(current, period);
    events.push({ kind: 'possession.idle_flagged', goodId: good.id, period });
  }
  const returnDate = current.terms.returnOnPeriod;
  if (returnDate !== undefined && period === returnDate) {
    events.push({ kind: 'possession.return_due', goodId: good.id, period });
  }
  const deadlines = [
    current.idleFlaggedAtPeriod,
    returnDate,
    current.returnDemandedAtPeriod,
  ].flatMap((start) => (start === undefined ? [] : [start + good.noticePeriods]));
  if (deadlines.some((deadline) => period >= deadline)) {
    events.push({ kind: 'possession.reclaimed', goodId: good.id, period });
    return ok({ good: { ...good, state: backToCommons(current) }, events });
  }
  return ok({ good: { ...good, state: current }, events });
}

/** Who repairs the good now: the possessor under a repair duty, otherwise the steward. */
export function repairerOf(good: DurableGood): Claimant | AssociationId {
  const state = good.state;
  return state.kind === 'possessed' && state.terms.repairDuty
    ? state.by
    : good.stewardAssociationId;
}
