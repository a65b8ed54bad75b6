// One period of the pool's task market for a scenario: the main round and the escalation
// rounds the scenario has bids for, each cleared by the market module (clearRound) and checked
// again by its independent checker (checkClearing), folded into each instance's auction
// (applyRound), so later rounds upgrade earlier winners (reference §4.4).

import type { PersonId, PoolId, ProjectId, TaskInstanceId, TaskTemplateId } from '../ids.ts';
import {
  applyRound,
  bidsForNextRound,
  type Capacity,
  type Clearing,
  checkClearing,
  clearRound,
  DEFAULT_MARKET_SETTINGS,
  type EscalationEvent,
  hashString32,
  type InstanceAuction,
  type MarketSettings,
  openAuction,
  releaseSlot,
  remainingInstance,
  type TaskInstance,
  type TemplateHistory,
} from '../market/index.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import { compareIds, type Minutes, type Ppm, type WeightMilli } from '../units.ts';
import type { PeriodSpec, Scenario } from './types.ts';

/** Every instance starts a week after bidding closes; escalation must end before it. */
const START_MINUTE = 10_080;
/** More rounds than a week of escalation windows can hold (the deadline ends them first). */
const ROUNDS_MAX = 1000;

export interface PeriodMarket {
  readonly clearings: readonly Clearing[];
  /** Sorted by instance id: where each auction ended (weight, winners, status). */
  readonly auctions: readonly InstanceAuction[];
  readonly projectOf: ReadonlyMap<string, ProjectId>;
  readonly events: readonly { readonly instanceId: string; readonly event: EscalationEvent }[];
  /** Slots taken from winners who did not turn up, in the order released (round, instance,
   *  person), with the round that auctioned them again. */
  readonly noShows: readonly NoShow[];
}

export interface NoShow {
  readonly instanceId: string;
  readonly personId: string;
  readonly round: number;
}

export function marketSettings(scenario: Scenario): MarketSettings {
  const m = scenario.pool.market;
  return {
    ...DEFAULT_MARKET_SETTINGS,
    minWeightMilli: m.minWeightMilli as WeightMilli,
    capWeightMilli: m.capWeightMilli as WeightMilli,
    escalationStepPpm: m.escalationStepPpm as Ppm,
    escalationWindowMinutes: m.escalationWindowMinutes as Minutes,
    minNoticeMinutes: m.minNoticeMinutes as Minutes,
    clearingRule: m.clearingRule,
    rotationWindowPeriods: m.rotationWindowPeriods,
    weighting: scenario.pool.weighting,
  };
}

/** The seed of one lottery, derived from the scenario's seed (recorded with each clearing). */
export function derivedSeed(seed: number, ...parts: readonly (string | number)[]): number {
  return hashString32(`${seed}|${parts.join('|')}`);
}

export function runPeriodMarket(
  scenario: Scenario,
  periodNumber: number,
  period: PeriodSpec,
  history: readonly TemplateHistory[],
  lastWeights: ReadonlyMap<string, number>,
): Result<PeriodMarket, Failure> {
  const settings = marketSettings(scenario);
  const poolId = scenario.pool.id as PoolId;
  const tasks = [...period.tasks].sort((a, b) => compareIds(a.id, b.id));
  const projectOf = new Map<string, ProjectId>();
  let auctions = new Map<string, InstanceAuction>();
  for (const t of tasks) {
    projectOf.set(t.id, t.projectId as ProjectId);
    const instance: TaskInstance = {
      id: t.id as TaskInstanceId,
      templateId: t.templateId as TaskTemplateId,
      projectId: t.projectId as ProjectId,
      period: periodNumber,
      slots: t.slots,
      minutesPerSlot: t.minutesPerSlot as Minutes,
      biddingOpensAtMinute: 0,
      biddingClosesAtMinute: 0,
      startsAtMinute: START_MINUTE,
      deadlineMinute: START_MINUTE,
      location: null,
      indicatedWeightMilli: (t.indicatedWeightMilli ??
        lastWeights.get(t.templateId) ??
        1000) as WeightMilli,
    };
    auctions.set(t.id, openAuction(instance));
  }
  const clearings: Clearing[] = [];
  const events: { instanceId: string; event: EscalationEvent }[] = [];
  const won = new Map<string, number>();
  const noShows = [...period.noShows].sort(
    (a, b) =>
      a.round - b.round ||
      compareIds(a.instanceId, b.instanceId) ||
      compareIds(a.personId, b.personId),
  );
  const lastNoShowRound = noShows.reduce((m, x) => Math.max(m, x.round), 0);
  // A no-show keeps the slot they used up (their capacity stays spent) and may not bid for
  // the instance again: the slot they left goes to someone else.
  const absent = new Set<string>();
  const released: NoShow[] = [];
  // Escalation rounds run on their schedule whether or not anyone bids, until every instance
  // is filled or flagged for restructuring (at the weight cap or the deadline), and at least
  // until the last round a no-show is reported for.
  for (let round = 0; round < ROUNDS_MAX; round += 1) {
    for (const x of noShows.filter((n) => n.round === round)) {
      const auction = auctions.get(x.instanceId)!;
      const freed = releaseSlot(auction, x.personId as PersonId);
      if (!freed.ok) return failure(freed.error.code, `no-show: ${freed.error.detail}`);
      // The freed slot joins this round as an escalation round of its own instance: the
      // auction continues from the previous round, and the weight others hold stays.
      auctions.set(x.instanceId, {
        ...freed.value,
        round: round - 1,
        status: 'open',
        nextCloseMinute: round * settings.escalationWindowMinutes,
      });
      absent.add(`${x.personId}|${x.instanceId}`);
      released.push({ instanceId: x.instanceId, personId: x.personId, round });
    }
    const ordered = [...auctions.values()];
    const instances = ordered.map(remainingInstance).filter((i) => i !== null);
    if (instances.length === 0) {
      if (round < lastNoShowRound) continue;
      break;
    }
    const roundBids = period.bids
      .filter((b) => b.round === round && !absent.has(`${b.personId}|${b.instanceId}`))
      .map((b) => ({
        personId: b.personId as PersonId,
        instanceId: b.instanceId as TaskInstanceId,
        weightMilli: b.weightMilli as WeightMilli,
      }));
    // The market refuses a capacity of 0, so a person whose slots are used up in earlier
    // rounds (or who has none) is left out of the round together with their bids.
    const capacities: Capacity[] = scenario.persons
      .map((p) => ({
        personId: p.id as PersonId,
        capacitySlots: p.capacitySlots - (won.get(p.id) ?? 0),
      }))
      .filter((c) => c.capacitySlots > 0);
    const available = new Set<string>(capacities.map((c) => c.personId));
    const bids = bidsForNextRound(ordered, roundBids).filter((b) => available.has(b.personId));
    const input = {
      poolId,
      period: periodNumber,
      round,
      seed: derivedSeed(scenario.seed, 'market', periodNumber, round),
      settings,
      instances,
      capacities,
      bids,
      history,
    };
    const cleared = clearRound(input);
    if (!cleared.ok) return cleared;
    // The certificate is checked by the clearing already; checking it here again keeps the
    // scenario's promise independent of that module's internals (MODEL.md §6.5).
    const certified = checkClearing(input, cleared.value);
    if (!certified.ok) return certified;
    clearings.push(cleared.value);
    const nowMinute = round * settings.escalationWindowMinutes;
    const next = new Map(auctions);
    for (const instance of instances) {
      const applied = applyRound(auctions.get(instance.id)!, cleared.value, settings, nowMinute);
      if (!applied.ok) return failure(applied.error.code, applied.error.detail);
      next.set(instance.id, applied.value.auction);
      for (const event of applied.value.events) events.push({ instanceId: instance.id, event });
    }
    for (const a of cleared.value.assignments) won.set(a.personId, (won.get(a.personId) ?? 0) + 1);
    auctions = next;
  }
  return ok({
    clearings,
    auctions: [...auctions.values()].sort((a, b) => compareIds(a.instanceId, b.instanceId)),
    projectOf,
    events,
    noShows: released,
  });
}
