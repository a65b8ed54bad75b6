// Glue between a scenario and the possession lifecycle (M12, MODEL.md §6.8): each period the
// persons' claims, uses and releases of shared durable goods are applied (releases first, then
// claims, then uses, each by good and person id, so the input order never matters), then the
// steward reviews every good, and the runner checks that no possession outlived its use.

import {
  claimPossession,
  type DurableGood,
  type PossessionEvent,
  type PossessionTerms,
  recordUse,
  releasePossession,
  reviewPossession,
} from '../commons/index.ts';
import type { AssociationId, PersonId } from '../ids.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import { compareIds } from '../units.ts';
import type { RunStop } from './run.ts';
import type { PossessionActionSpec, Scenario } from './types.ts';

/** Shared goods in a scenario are lent on the plain terms: back on demand, not transferable. */
const TERMS: PossessionTerms = {
  returnOnDemand: true,
  transferable: 'no',
  onSite: false,
  repairDuty: false,
  permanent: false,
  transitive: false,
};

const ACTION_ORDER: Record<PossessionActionSpec, number> = { release: 0, claim: 1, use: 2 };

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
): Result<{ goods: Map<string, DurableGood>; events: PossessionEvent[] }, Failure> {
  const next = new Map(goods);
  const events: PossessionEvent[] = [];
  const actions = [...scenario.periods[p - 1]!.possession].sort(
    (a, b) =>
      compareIds(a.goodId, b.goodId) ||
      ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
      compareIds(a.personId, b.personId),
  );
  for (const a of actions) {
    const good = next.get(a.goodId)!;
    const by = { kind: 'person' as const, personId: a.personId as PersonId };
    const done =
      a.action === 'claim'
        ? claimPossession(good, by, p, TERMS)
        : a.action === 'use'
          ? recordUse(good, by, p)
          : releasePossession(good, by, p);
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
    const unflagged = idle > good.idleLimitPeriods && state.idleFlaggedAtPeriod === undefined;
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
