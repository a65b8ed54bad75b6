// Glue between a scenario and the possession lifecycle (M12, MODEL.md §6.8): each period the
// persons' releases, transfers, claims, uses and the stewards' demanded returns of shared
// durable goods are applied in that order (each by good and person id, so the input order
// never matters), then the steward reviews every good, and the runner checks that no
// possession outlived its use, a demanded return or a return date.

import { isValidIn, liesWithin } from '../association/tree.ts';
import {
  claimPossession,
  type DurableGood,
  demandReturn,
  idlePastLimitUnflagged,
  type PossessionEvent,
  type PossessionTerms,
  recordUse,
  releasePossession,
  reviewPossession,
  sameParty,
  transferPossession,
} from '../commons/index.ts';
import type { AssociationId, PersonId } from '../ids.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import { compareIds } from '../units.ts';
import type { AssociationSetup } from './associations.ts';
import type { RunStop } from './step.ts';
import type { DurableGoodSpec, PossessionActionSpec, PossessionSpec, Scenario } from './types.ts';

/** A transfer comes before a claim (the good is not in the commons) and the new possessor's
 *  use; a demanded return comes last, after this period's use. */
const ACTION_ORDER: Record<PossessionActionSpec, number> = {
  release: 0,
  transfer: 1,
  claim: 2,
  use: 3,
  demandReturn: 4,
};

/** The good's terms from the file; a claim may add a return date. */
function termsOf(good: DurableGoodSpec, action: PossessionSpec): PossessionTerms {
  return action.returnOnPeriod === null
    ? { ...good.terms }
    : { ...good.terms, returnOnPeriod: action.returnOnPeriod };
}

/** Both persons live in the steward association's area in the period (`withinRegion`). */
function sameRegion(
  setup: AssociationSetup | null,
  steward: AssociationId,
  persons: readonly string[],
  p: number,
): boolean {
  if (setup === null) return false;
  return persons.every((personId) =>
    setup.residences.some(
      (r) =>
        r.personId === personId &&
        isValidIn(r, p) &&
        liesWithin(setup.tree, r.associationId, steward),
    ),
  );
}

export function openDurableGoods(scenario: Scenario): Map<string, DurableGood> {
  return new Map(
    [...scenario.durableGoods]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((g) => [
        g.id,
        {
          id: g.id,
          stewardAssociationId: g.stewardAssociationId as AssociationId,
          idleLimitPeriods: g.idleLimitPeriods,
          noticePeriods: g.noticePeriods,
          state: { kind: 'commons' as const },
        },
      ]),
  );
}

export function possessionPeriod(
  scenario: Scenario,
  p: number,
  goods: ReadonlyMap<string, DurableGood>,
  setup: AssociationSetup | null = null,
): Result<{ goods: Map<string, DurableGood>; events: PossessionEvent[] }, Failure> {
  const next = new Map(goods);
  const events: PossessionEvent[] = [];
  const actions = [...scenario.periods[p - 1]!.possession].sort(
    (a, b) =>
      compareIds(a.goodId, b.goodId) ||
      ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
      compareIds(a.personId, b.personId),
  );
  const specs = new Map(scenario.durableGoods.map((g) => [g.id, g]));
  for (const a of actions) {
    const good = next.get(a.goodId)!;
    const by = { kind: 'person' as const, personId: a.personId as PersonId };
    const done = applyAction(a, good, by, p, specs.get(a.goodId)!, setup);
    if (!done.ok)
      return failure(done.error.code, `${a.goodId} (${a.personId}): ${done.error.detail}`);
    next.set(a.goodId, done.value.good);
    events.push(...done.value.events);
  }
  for (const [id, good] of next) {
    const reviewed = reviewPossession(good, p);
    if (!reviewed.ok) return failure(reviewed.error.code, `${id}: ${reviewed.error.detail}`);
    next.set(id, reviewed.value.good);
    events.push(...reviewed.value.events);
  }
  return ok({ goods: next, events });
}

function applyAction(
  a: PossessionSpec,
  good: DurableGood,
  by: { readonly kind: 'person'; readonly personId: PersonId },
  p: number,
  spec: DurableGoodSpec,
  setup: AssociationSetup | null,
) {
  switch (a.action) {
    case 'claim':
      return claimPossession(good, by, p, termsOf(spec, a));
    case 'use':
      return recordUse(good, by, p);
    case 'release':
      return releasePossession(good, by, p);
    case 'transfer': {
      const to = a.toPersonId!;
      const region = sameRegion(setup, good.stewardAssociationId, [a.personId, to], p);
      return transferPossession(good, by, { kind: 'person', personId: to as PersonId }, p, region);
    }
    case 'demandReturn': {
      // The steward asks the person named for the good; anyone else holds nothing to return.
      const state = good.state;
      if (state.kind !== 'possessed' || !sameParty(state.by, by)) {
        return failure('possession.not_possessor', `${good.id} is not possessed by this person`);
      }
      return demandReturn(good, p);
    }
  }
}

/** §6.8: after the review, a possessed good idle past its limit is flagged, and no good is
 *  still possessed after idle limit + notice periods without use. */
export function checkPossession(
  goods: ReadonlyMap<string, DurableGood>,
  p: number,
): RunStop | null {
  for (const [id, good] of goods) {
    const state = good.state;
    if (state.kind !== 'possessed') continue;
    const idle = p - state.lastUsedPeriod;
    const unflagged = idlePastLimitUnflagged(state, good, p);
    // A demanded return or a return date ends possession once the notice has run.
    const due = [state.returnDemandedAtPeriod, state.terms.returnOnPeriod].some(
      (start) => start !== undefined && p >= start + good.noticePeriods,
    );
    if (due) {
      return {
        period: p,
        invariant: 'possession',
        code: 'scenario.possession_outlived_use',
        detail: `${id}: still possessed after its return was due (notice ${good.noticePeriods})`,
      };
    }
    if (unflagged || idle > good.idleLimitPeriods + good.noticePeriods) {
      return {
        period: p,
        invariant: 'possession',
        code: 'scenario.possession_outlived_use',
        detail: `${id}: idle for ${idle} periods (limit ${good.idleLimitPeriods}, notice ${good.noticePeriods})`,
      };
    }
  }
  return null;
}
