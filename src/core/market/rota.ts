// The fair rota (reference §4.5): when a template is flagged NEEDS_RESTRUCTURING, its empty
// slots are shared round-robin among the active members, those with the fewest rota shifts of
// the template so far first (then by id), one slot of an instance per person. Shifts are
// credited at the cap weight or at the pool's median weight, per pool setting. Members may
// swap shifts among themselves: a swap of tasks, never of credits.

import type { PersonId, TaskInstanceId, TaskTemplateId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import {
  compareIds,
  creditEffortMilli,
  divRoundHalfEven,
  type EffortMilli,
  type Minutes,
  type WeightMilli,
} from '../units.ts';
import type { MarketSettings } from './types.ts';

export interface RotaSlotNeed {
  readonly instanceId: TaskInstanceId;
  readonly slots: number;
  readonly minutesPerSlot: Minutes;
}

export interface RotaShift {
  readonly instanceId: TaskInstanceId;
  readonly personId: PersonId;
  readonly weightMilli: WeightMilli;
  readonly creditEffortMilli: EffortMilli;
}

export interface Rota {
  readonly templateId: TaskTemplateId;
  readonly weightMilli: WeightMilli;
  /** Sorted by instance id, then person id. */
  readonly shifts: readonly RotaShift[];
}

export interface PlanRotaInput {
  readonly templateId: TaskTemplateId;
  readonly needs: readonly RotaSlotNeed[];
  readonly activeMembers: readonly PersonId[];
  /** Rota shifts of this template each member already did (missing = 0). */
  readonly previousShifts: ReadonlyMap<PersonId, number>;
  readonly settings: MarketSettings;
  /** The pool's clearing weights of the period, for the median rule. */
  readonly poolWeightsMilli: readonly WeightMilli[];
}

/** The median of the weights; an even count takes the half-even mean of the middle two. */
export function medianWeightMilli(weights: readonly WeightMilli[]): WeightMilli | null {
  if (weights.length === 0) return null;
  const sorted = [...weights].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle]!;
  return divRoundHalfEven(sorted[middle - 1]! + sorted[middle]!, 2) as WeightMilli;
}

export function planRota(input: PlanRotaInput): Result<Rota> {
  const members = [...new Set(input.activeMembers)].sort(
    (a, b) =>
      (input.previousShifts.get(a) ?? 0) - (input.previousShifts.get(b) ?? 0) || compareIds(a, b),
  );
  if (members.length === 0) return failure('rota.no_members', 'the rota needs active members');
  const weight =
    input.settings.rotaCredit === 'median'
      ? (medianWeightMilli(input.poolWeightsMilli) ?? input.settings.capWeightMilli)
      : input.settings.capWeightMilli;
  const needs = [...input.needs].sort((a, b) => compareIds(a.instanceId, b.instanceId));
  const shifts: RotaShift[] = [];
  let next = 0;
  for (const need of needs) {
    if (need.slots > members.length) {
      return failure('rota.not_enough_members', `${need.instanceId} needs ${need.slots} people`);
    }
    const credit = creditEffortMilli(need.minutesPerSlot, weight);
    // Consecutive members in the cycle are distinct, so one instance never gets a person twice.
    for (let slot = 0; slot < need.slots; slot += 1) {
      shifts.push({
        instanceId: need.instanceId,
        personId: members[next % members.length]!,
        weightMilli: weight,
        creditEffortMilli: credit,
      });
      next += 1;
    }
  }
  return ok({ templateId: input.templateId, weightMilli: weight, shifts: sortShifts(shifts) });
}

function sortShifts(shifts: RotaShift[]): RotaShift[] {
  return shifts.sort(
    (a, b) => compareIds(a.instanceId, b.instanceId) || compareIds(a.personId, b.personId),
  );
}

export interface ShiftRef {
  readonly instanceId: TaskInstanceId;
  readonly personId: PersonId;
}

/** Two members trade shifts; each then does the other's task at that task's credit. */
export function swapShifts(rota: Rota, a: ShiftRef, b: ShiftRef): Result<Rota> {
  const find = (ref: ShiftRef) =>
    rota.shifts.findIndex((s) => s.instanceId === ref.instanceId && s.personId === ref.personId);
  const ia = find(a);
  const ib = find(b);
  if (ia < 0 || ib < 0) return failure('rota.shift_unknown', 'both shifts must be in the rota');
  if (a.personId === b.personId) return failure('rota.same_person', 'a swap needs two people');
  const holds = (person: PersonId, instance: TaskInstanceId) =>
    rota.shifts.some((s) => s.personId === person && s.instanceId === instance);
  if (
    a.instanceId !== b.instanceId &&
    (holds(a.personId, b.instanceId) || holds(b.personId, a.instanceId))
  ) {
    return failure('rota.already_on_instance', 'nobody does two slots of one instance');
  }
  const shifts = rota.shifts.map((s, index) => {
    if (index === ia) return { ...s, personId: b.personId };
    if (index === ib) return { ...s, personId: a.personId };
    return s;
  });
  return ok({ ...rota, shifts: sortShifts(shifts) });
}
