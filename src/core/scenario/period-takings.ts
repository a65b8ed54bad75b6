// The first part of a period: the task market cleared, confirmed work credited and posted, the
// prices fixed (flat allocation, re-estimated recipes), and everything members take by the
// period's allocation models. Each mechanism reads its slice of the carried state; none of
// them posts anything but the work credits.

import type { PersonId, ProjectId } from '../ids.ts';
import { createTransfers, type LedgerState } from '../ledger/index.ts';
import type { PeriodEvent, PoolChart } from '../pool/index.ts';
import {
  durationPeriod,
  fairUsePeriod,
  flatAllocationPrices,
  flatRateBundlesPeriod,
} from './allocation-models.ts';
import { biddingRoundsPeriod } from './bidding-rounds.ts';
import type { Carried } from './carried.ts';
import { allocateGoods } from './goods.ts';
import { type MarketMemo, runPeriodMarketKept } from './market-memo.ts';
import { recipePeriod } from './recipes.ts';
import { reestimatePrices } from './reestimate.ts';
import { type Step, stop } from './step.ts';
import type { PeriodSpec, Scenario } from './types.ts';
import { creditWork } from './work.ts';

/** What a successful step gives. */
export type StepValue<S> = S extends { readonly ok: true; readonly value: infer V } ? V : never;

/** The market cleared and the confirmed work credited and posted to the ledger. */
export function workPart(
  file: Scenario,
  chart: PoolChart,
  ledger: LedgerState,
  p: number,
  period: PeriodSpec,
  carried: Carried,
  marketMemo?: MarketMemo,
) {
  const { history, lastWeights } = carried;
  const market = runPeriodMarketKept(marketMemo, file, p, period, history, lastWeights);
  if (!market.ok) {
    const certificate = market.error.code.startsWith('market.check');
    return stop(p, certificate ? 'certificate' : null, market.error.code, market.error.detail);
  }
  const worked = creditWork(file, chart, p, period, market.value);
  if (!worked.ok) return worked;
  if (worked.value.transfers.length > 0) {
    const posted = createTransfers(ledger, worked.value.transfers);
    if (!posted.ok) return stop(p, 'bounds', posted.error.code, posted.error.detail);
  }
  const events: PeriodEvent[] = worked.value.credits
    .filter((c) => c.confirmed)
    .map((c) => ({
      kind: 'work',
      id: `p${p}.work.${c.recordId}`,
      personId: c.personId as PersonId,
      projectId: c.projectId as ProjectId,
      amountEffortMilli: c.amountEffortMilli,
      alreadyPosted: true,
    }));
  return {
    ok: true as const,
    value: {
      market: market.value,
      credits: worked.value.credits,
      transfers: worked.value.transfers,
      events,
    },
  };
}

export type WorkPart = StepValue<ReturnType<typeof workPart>>;

/** Prices fixed for the period and everything taken under each allocation model. */
export function takingsPart(
  file: Scenario,
  p: number,
  period: PeriodSpec,
  work: WorkPart,
  carried: Carried,
) {
  // Flat-allocation prices follow from this period's work; every later step reads them.
  const flat = flatAllocationPrices(file, p, period, work.credits, carried);
  if (!flat.ok) return flat;
  // Re-estimated recipe prices (M6) are fixed from earlier periods before anything is taken.
  const reestimated = reestimatePrices(flat.value.scenario, p, carried);
  const scenario = reestimated.scenario;
  const made = recipePeriod(scenario, p, period, work.credits, work.market, carried);
  if (!made.ok) return made;
  const goods = allocateGoods(scenario, p, period, carried);
  if (!goods.ok) return goods;
  const durations = durationPeriod(scenario, p, period);
  if (!durations.ok) return durations;
  const fairUse = fairUsePeriod(scenario, p, period, carried);
  if (!fairUse.ok) return fairUse;
  const bidding = biddingRoundsPeriod(p, period, carried);
  if (!bidding.ok) return bidding;
  const bundles = flatRateBundlesPeriod(p, period);
  if (!bundles.ok) return bundles;
  return {
    ok: true as const,
    value: {
      /** The file with this period's flat and re-estimated prices: what later steps read. */
      scenario,
      flat: flat.value,
      postedPrices: reestimated.lines,
      made: made.value,
      goods: goods.value,
      durations: durations.value,
      fairUse: fairUse.value,
      bidding: bidding.value,
      bundles: bundles.value,
    },
  } satisfies Step<unknown>;
}

export type TakingsPart = StepValue<ReturnType<typeof takingsPart>>;
