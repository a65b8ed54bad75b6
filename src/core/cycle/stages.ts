// The period cycle of a pool as a state machine (issue 7): planning → bidding → cleared →
// running → settling → closed, then the next period's planning. Each step names the period and
// the stage it leads to, so asking for a step that already happened is recognised as done
// (a retried request after a crash changes nothing) and asking for one out of turn is refused.

import { type Failure, failure, ok, type Result } from '../result.ts';

export const PERIOD_STAGES = [
  'planning',
  'bidding',
  'cleared',
  'running',
  'settling',
  'closed',
] as const;
export type PeriodStage = (typeof PERIOD_STAGES)[number];

/** Where a pool's cycle is: the newest period opened (0 = none yet) and its stage. */
export interface CycleState {
  readonly period: number;
  /** null only while no period has been opened. */
  readonly stage: PeriodStage | null;
}

export const CYCLE_START: CycleState = { period: 0, stage: null };

/** The newest closed period of a cycle (0: none yet). */
export const lastClosedPeriod = ({ period, stage }: CycleState): number =>
  stage === 'closed' ? period : Math.max(0, period - 1);

/** A step asked of the cycle: bring `period` to `stage`. */
export interface CycleStep {
  readonly period: number;
  readonly stage: PeriodStage;
}

export type CycleStepCode = 'cycle.out_of_order';

export type StepDecision =
  /** The cycle is already at or past the step: nothing to do. */
  | { readonly kind: 'done' }
  /** The step is the next one: move to `next`. */
  | { readonly kind: 'advance'; readonly next: CycleState };

const rank = (stage: PeriodStage | null) => (stage === null ? -1 : PERIOD_STAGES.indexOf(stage));

/** The step that follows a state; opening the next period follows a closed one. */
export function nextStep(state: CycleState): CycleStep {
  if (state.stage === null || state.stage === 'closed') {
    return { period: state.period + 1, stage: 'planning' };
  }
  return { period: state.period, stage: PERIOD_STAGES[rank(state.stage) + 1]! };
}

function isAtOrPast(state: CycleState, step: CycleStep): boolean {
  if (state.stage === null) return false;
  if (state.period !== step.period) return state.period > step.period;
  return rank(state.stage) >= rank(step.stage);
}

/** Decides a step against the cycle's state: done already, the next one, or out of turn. */
export function decideStep(
  state: CycleState,
  step: CycleStep,
): Result<StepDecision, Failure<CycleStepCode>> {
  if (isAtOrPast(state, step)) return ok({ kind: 'done' });
  const next = nextStep(state);
  if (next.period === step.period && next.stage === step.stage) {
    return ok({ kind: 'advance', next: step });
  }
  const where =
    state.stage === null ? 'no period is open' : `period ${state.period} is ${state.stage}`;
  return failure(
    'cycle.out_of_order',
    `cannot bring period ${step.period} to ${step.stage}: ${where}; the next step is period ${next.period} to ${next.stage}`,
  );
}
