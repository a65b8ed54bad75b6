// What the next step of the period cycle will do, before the coordinator takes it: the tasks a
// market opens with, the clearing as it would be taken now (the projection), and the
// settlement as it would be posted (each person's opening balance, credit and closing
// balance, the price factor handed on), or why the period would not close.

import type { CycleStep } from '../../../core/cycle/stages.ts';
import { nextStep } from '../../../core/cycle/stages.ts';
import type { TaskSpec, WorkSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';

export interface ClearingTask {
  readonly instanceId: string;
  readonly projectId: string;
  readonly slots: number;
  readonly filledSlots: number;
  readonly status: string;
  readonly weightMilli: number | null;
  readonly winners: readonly { readonly personId: string }[];
}

export interface SettlementLine {
  readonly personId: string;
  readonly openingEffortMilli: number;
  readonly creditEffortMilli: number;
  readonly closingEffortMilli: number;
}

export interface CyclePreview {
  readonly next: CycleStep;
  /** The open period's tasks and work records (empty when none is open). */
  readonly tasks: readonly TaskSpec[];
  readonly bids: number;
  readonly work: readonly WorkSpec[];
  /** The market as it would clear now; null when the step does not clear it. */
  readonly clearing: readonly ClearingTask[] | null;
  /** Settlement as it would be posted; null when the step does not settle. */
  readonly settlement: readonly SettlementLine[] | null;
  readonly priceFactorPpm: number | null;
  readonly nextPriceFactorPpm: number | null;
  /** Why the period would not close now; null when it would. */
  readonly stop: string | null;
}

export async function previewNextStep(
  deps: HttpDeps,
  poolId: string,
): Promise<CyclePreview | null> {
  const status = await deps.economy.status(poolId);
  const scenario = await deps.economy.scenario(poolId);
  if (!status.ok || !scenario.ok) return null;
  const { cycle } = status.value;
  const next = nextStep(cycle);
  const open = cycle.stage !== null && cycle.stage !== 'closed';
  const spec = open ? scenario.value.periods[cycle.period - 1] : undefined;
  const base = {
    next,
    tasks: spec?.tasks ?? [],
    bids: spec?.bids.length ?? 0,
    work: spec?.work ?? [],
    clearing: null,
    settlement: null,
    priceFactorPpm: null,
    nextPriceFactorPpm: null,
    stop: null,
  };
  if (!open || (next.stage !== 'cleared' && next.stage !== 'settling' && next.stage !== 'closed')) {
    return base;
  }
  const projection = await deps.economy.projection(poolId);
  if (!projection.ok) return { ...base, stop: projection.error.detail };
  const p = projection.value;
  if (p.stop !== null) return { ...base, stop: `${p.stop.code}: ${p.stop.detail}` };
  const prices = { priceFactorPpm: p.priceFactorPpm, nextPriceFactorPpm: p.nextPriceFactorPpm };
  if (next.stage === 'cleared') {
    const report = p.clearing as { tasks?: ClearingTask[] } | null;
    return { ...base, ...prices, clearing: report?.tasks ?? [] };
  }
  const settlement: SettlementLine[] = [];
  for (const person of scenario.value.persons) {
    const part = await deps.economy.projection(poolId, person.id);
    const explained = part.ok ? part.value.person : null;
    if (explained === null || explained === undefined) continue;
    settlement.push({
      personId: person.id,
      openingEffortMilli: explained.openingEffortMilli,
      creditEffortMilli: explained.work.reduce((t, w) => t + w.amountEffortMilli, 0),
      closingEffortMilli: explained.closingEffortMilli,
    });
  }
  return { ...base, ...prices, settlement };
}
