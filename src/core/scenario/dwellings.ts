// Glue between a scenario and dwellings as possessions (M12, invariant 8; decision 0017). Only
// housing units with a steward association are possessed. Each period, in unit order: the
// period's release or reassignment, then the occupancy (the household's use, the same record
// that charges the dwelling by duration in housing.ts), then the steward's review; the runner
// then checks that no possessed dwelling is idle past its T_idle without a flag.

import {
  type Dwelling,
  type DwellingEvent,
  idleUnflagged,
  reassignableFromPeriod,
  reassignDwelling,
  releaseDwelling,
  reviewDwelling,
  useDwelling,
} from '../commons/index.ts';
import type { AssociationId, PersonId } from '../ids.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import { compareIds } from '../units.ts';
import type { RunStop } from './step.ts';
import type { Scenario } from './types.ts';

/** Where a possessed dwelling stands after a period, for the report. */
export interface DwellingLine {
  readonly unitId: string;
  readonly stewardAssociationId: string;
  readonly state: 'commons' | 'possessed';
  readonly household: readonly string[];
  readonly sincePeriod: number | null;
  readonly lastUsedPeriod: number | null;
  /** Periods since the household last lived there (0 when it did this period). */
  readonly idlePeriods: number | null;
  readonly idleFlaggedAtPeriod: number | null;
  /** From this period the steward may reassign it (flag + notice); null when not flagged. */
  readonly reassignableFromPeriod: number | null;
}

export interface DwellingsPeriod {
  readonly events: readonly DwellingEvent[];
  readonly dwellings: readonly DwellingLine[];
}

export function openDwellings(scenario: Scenario): Map<string, Dwelling> {
  const associations = new Map(scenario.associations.map((a) => [a.id, a]));
  return new Map(
    scenario.housingUnits
      .filter((u) => u.stewardAssociationId !== null)
      .sort((a, b) => compareIds(a.id, b.id))
      .map((u) => {
        const steward = associations.get(u.stewardAssociationId!)!;
        return [
          u.id,
          {
            unitId: u.id,
            stewardAssociationId: steward.id as AssociationId,
            idleLimitPeriods: steward.dwellingIdleLimitPeriods,
            noticePeriods: steward.dwellingNoticePeriods,
            state: { kind: 'commons' as const },
          },
        ];
      }),
  );
}

export function dwellingsPeriod(
  scenario: Scenario,
  p: number,
  dwellings: ReadonlyMap<string, Dwelling>,
): Result<{ dwellings: Map<string, Dwelling>; period: DwellingsPeriod }, Failure> {
  const spec = scenario.periods[p - 1]!;
  const next = new Map(dwellings);
  const events: DwellingEvent[] = [];
  // The steward's idle rule in force in p (decision 0018): a changed T_idle or notice applies
  // to its dwellings from the period it changed in, a notice already running included.
  const stewards = new Map(scenario.associations.map((a) => [a.id, a]));
  for (const [unitId, start] of dwellings) {
    const steward = stewards.get(start.stewardAssociationId)!;
    let dwelling =
      steward.dwellingIdleLimitPeriods === start.idleLimitPeriods &&
      steward.dwellingNoticePeriods === start.noticePeriods
        ? start
        : {
            ...start,
            idleLimitPeriods: steward.dwellingIdleLimitPeriods,
            noticePeriods: steward.dwellingNoticePeriods,
          };
    const steps: (() => ReturnType<typeof reviewDwelling>)[] = [];
    const action = spec.dwellings.find((a) => a.unitId === unitId);
    if (action !== undefined) {
      steps.push(() =>
        action.action === 'release'
          ? releaseDwelling(dwelling, p)
          : reassignDwelling(dwelling, action.personIds as PersonId[], p),
      );
    }
    const occupancy = spec.occupancy.find((o) => o.unitId === unitId);
    if (occupancy !== undefined) {
      const residents = occupancy.residents.map((r) => r.personId as PersonId);
      steps.push(() => useDwelling(dwelling, residents, p));
    }
    steps.push(() => reviewDwelling(dwelling, p));
    for (const step of steps) {
      const done = step();
      // The detail names the dwelling already.
      if (!done.ok) return failure(done.error.code, done.error.detail);
      dwelling = done.value.dwelling;
      events.push(...done.value.events);
    }
    next.set(unitId, dwelling);
  }
  return ok({
    dwellings: next,
    period: { events, dwellings: [...next.values()].map((d) => lineOf(d, p)) },
  });
}

function lineOf(d: Dwelling, p: number): DwellingLine {
  const s = d.state;
  const held = s.kind === 'possessed';
  return {
    unitId: d.unitId,
    stewardAssociationId: d.stewardAssociationId,
    state: s.kind,
    household: held ? [...s.household] : [],
    sincePeriod: held ? s.sincePeriod : null,
    lastUsedPeriod: held ? s.lastUsedPeriod : null,
    idlePeriods: held ? p - s.lastUsedPeriod : null,
    idleFlaggedAtPeriod: held ? (s.idleFlaggedAtPeriod ?? null) : null,
    reassignableFromPeriod: reassignableFromPeriod(d),
  };
}

/** Invariant 8 (§6.8): a possessed dwelling idle past its T_idle is flagged. */
export function checkDwellings(
  dwellings: ReadonlyMap<string, Dwelling>,
  p: number,
): RunStop | null {
  for (const [unitId, d] of dwellings) {
    if (!idleUnflagged(d, p)) continue;
    return {
      period: p,
      invariant: 'possession',
      code: 'scenario.possession_outlived_use',
      detail: `${unitId}: idle past T_idle ${d.idleLimitPeriods} without a flag`,
    };
  }
  return null;
}
