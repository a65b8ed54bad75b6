// The shapes of the task market (MODEL.md §4, reference §4.2–4.5): templates and instances of
// tasks, bids, capacities, pool market settings, and the result of clearing one pool round.
// Times are integer minutes on the pool's clock (the core has no clock of its own).

import type { PersonId, PoolId, ProjectId, TaskInstanceId, TaskTemplateId } from '../ids.ts';
import type { EffortMilli, Minutes, Ppm, WeightMilli } from '../units.ts';

/** `lowest` = Siefkes' "raise the weight until enough volunteers"; `highest` = truthful bids. */
export type ClearingRule = 'lowest' | 'highest';
/** `flat` is the time bank: every weight is 1.000, the market still assigns (MODEL.md M15). */
export type Weighting = 'auction' | 'flat';
/** What a fair-rota shift is credited at (reference §4.5). */
export type RotaCredit = 'cap' | 'median';
export type Recurrence = 'none' | 'daily' | 'weekly' | 'monthly';

/** Settings of one pool's task market, stored with the period they applied to (MODEL.md §5). */
export interface MarketSettings {
  readonly minWeightMilli: WeightMilli;
  /** w_cap: the reserve; leaving a slot empty costs w_cap × minutes. */
  readonly capWeightMilli: WeightMilli;
  /** δ_up: how much the indicated weight rises per escalation round. */
  readonly escalationStepPpm: Ppm;
  readonly escalationWindowMinutes: Minutes;
  /** Escalation stops this long before an instance starts (reference minNotice). */
  readonly minNoticeMinutes: Minutes;
  readonly biddingWindowRecurringMinutes: Minutes;
  readonly biddingWindowAdHocMinutes: Minutes;
  readonly clearingRule: ClearingRule;
  /** K: rotation fairness looks at the weighted hours of the last K periods. */
  readonly rotationWindowPeriods: number;
  readonly weighting: Weighting;
  readonly rotaCredit: RotaCredit;
}

export interface TaskTemplate {
  readonly id: TaskTemplateId;
  readonly projectId: ProjectId;
  readonly title: string;
  /** Only persons holding this qualification may bid; null = anyone in the pool. */
  readonly qualification: string | null;
  readonly slots: number;
  readonly minutesPerSlot: Minutes;
  readonly recurrence: Recurrence;
  readonly location: string | null;
  /** Standard time per unit of measurable work (reference §4.3); null = credit by time. */
  readonly standardMinutesPerUnit: Minutes | null;
}

/** A template in one period: what is auctioned. */
export interface TaskInstance {
  readonly id: TaskInstanceId;
  readonly templateId: TaskTemplateId;
  readonly projectId: ProjectId;
  readonly period: number;
  readonly slots: number;
  readonly minutesPerSlot: Minutes;
  readonly biddingOpensAtMinute: number;
  readonly biddingClosesAtMinute: number;
  readonly startsAtMinute: number;
  /** Hard deadline: escalation stops `minNotice` before the start or at this time. */
  readonly deadlineMinute: number;
  readonly location: string | null;
  /** Shown while bidding: the template's last clearing weight (1.000 if none). */
  readonly indicatedWeightMilli: WeightMilli;
}

/** The lowest weight at which the person takes one slot of the instance. */
export interface Bid {
  readonly personId: PersonId;
  readonly instanceId: TaskInstanceId;
  readonly weightMilli: WeightMilli;
}

/** How many slots a person can do in the period (at most one per instance). */
export interface Capacity {
  readonly personId: PersonId;
  readonly capacitySlots: number;
}

/** Weighted hours a person earned from a template in a past period (rotation fairness). */
export interface TemplateHistory {
  readonly personId: PersonId;
  readonly templateId: TaskTemplateId;
  readonly period: number;
  readonly effortMilli: EffortMilli;
}

/** The instance as the clearing needs it. */
export interface ClearingInstance {
  readonly id: TaskInstanceId;
  readonly templateId: TaskTemplateId;
  readonly slots: number;
  readonly minutesPerSlot: Minutes;
}

/** What identifies a round and how it clears, in either form of its input. */
export interface RoundHeader {
  readonly poolId: PoolId;
  readonly period: number;
  /** 0 for the main round, 1, 2, … for escalation rounds. */
  readonly round: number;
  /** Seed of the tie-break lottery, recorded with the clearing (a 32-bit unsigned integer). */
  readonly seed: number;
  readonly settings: MarketSettings;
}

export interface ClearingInput extends RoundHeader {
  readonly instances: readonly ClearingInstance[];
  readonly capacities: readonly Capacity[];
  readonly bids: readonly Bid[];
  /** Only entries of periods [period − K, period − 1] count. */
  readonly history: readonly TemplateHistory[];
}

/**
 * The same round with its persons and bids in columns (decision 0068): each person's id once,
 * and each bid as three integers in typed arrays, the index of its person in `persons.ids`,
 * the index of its instance in `instances`, and its weight. No object per bid, so a
 * region-sized round (millions of bids) is a few bytes per bid. Same validation, same
 * clearing, bit for bit, as the object form; the columns are never modified.
 */
export interface ClearingColumns extends RoundHeader {
  readonly instances: readonly ClearingInstance[];
  readonly persons: PersonColumns;
  readonly bids: BidColumns;
  /** Only entries of periods [period − K, period − 1] count. */
  readonly history: readonly TemplateHistory[];
}

/** The round's persons: ids[j] can do capacitySlots[j] slots (at most one per instance). */
export interface PersonColumns {
  readonly ids: readonly PersonId[];
  readonly capacitySlots: Int32Array;
}

/** Bid b: person ids[person[b]] takes one slot of instances[instance[b]] at weightMilli[b]. */
export interface BidColumns {
  readonly person: Int32Array;
  readonly instance: Int32Array;
  readonly weightMilli: Int32Array;
}

export interface Assignment {
  readonly instanceId: TaskInstanceId;
  readonly personId: PersonId;
  readonly bidWeightMilli: WeightMilli;
  /** The instance's uniform clearing weight: what the winner is credited at. */
  readonly weightMilli: WeightMilli;
  readonly creditEffortMilli: EffortMilli;
}

export type InstanceStatus = 'full' | 'partial' | 'empty';

export interface InstanceOutcome {
  readonly instanceId: TaskInstanceId;
  readonly templateId: TaskTemplateId;
  readonly slots: number;
  readonly filledSlots: number;
  readonly unfilledSlots: number;
  readonly status: InstanceStatus;
  /** Uniform weight of this round; null when nobody was assigned (all slots escalate). */
  readonly weightMilli: WeightMilli | null;
  /**
   * The dual price p_i of one slot in weight-milli × minutes (the certificate). For a full
   * instance the weight is p_i / minutes rounded toward the interior of the competitive range.
   */
  readonly slotPrice: number;
}

/** A person's dual u_j: the whole-slot surplus of their marginal slot (weight-milli × minutes). */
export interface PersonDual {
  readonly personId: PersonId;
  readonly surplus: number;
  readonly assignedSlots: number;
  readonly capacitySlots: number;
}

export interface Clearing {
  readonly poolId: PoolId;
  readonly period: number;
  readonly round: number;
  readonly seed: number;
  readonly rule: ClearingRule;
  readonly weighting: Weighting;
  readonly capWeightMilli: WeightMilli;
  /** Σ bid × minutes over assignments + Σ w_cap × minutes over empty slots. */
  readonly objective: number;
  /** Sorted by instance id, then person id. */
  readonly assignments: readonly Assignment[];
  /** Sorted by instance id. */
  readonly instances: readonly InstanceOutcome[];
  /** Sorted by person id. */
  readonly persons: readonly PersonDual[];
}
