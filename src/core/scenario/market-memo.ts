// A clearing kept between runs of one period (decisions 0067, 0075): the market's result with
// what `runPeriodMarket` read to make it. A read that runs the open period after each new input
// clears the same market again whenever the input was not a bid, a task, a no-show, a market
// setting or a person's capacity; kept, the clearing is given again when what it reads is the
// same, and cleared anew otherwise. The caller owns the memo and gives it to one pool's runs;
// the result is shared, and nothing changes it.
//
// "The same" is decided in three ways, cheapest first. The very same records in the same order
// (the stored open inputs are given again from read to read, the rotation records are shared
// by a fork) are the same without looking inside them. A list of another length, or other
// market settings, is another clearing. Otherwise the JSON text of everything read is compared
// (one-to-one for plain data; the weights map as its entries): inputs read back anew, as after
// a withdrawal, are found the same by content. Building that text for 3,000 bids and the
// rotation history was a read's largest garbage, so it is made only when needed, and at most
// once for the kept side.

import type { TemplateHistory } from '../market/index.ts';
import type { Failure, Result } from '../result.ts';
import { marketSettings, type PeriodMarket, runPeriodMarket } from './market.ts';
import type { PeriodSpec, Scenario } from './types.ts';

export interface MarketMemo {
  /** What the kept clearing read; null when nothing is kept. */
  reads: MarketReads | null;
  /** The text of `reads`, once made. */
  key: string | null;
  result: Result<PeriodMarket, Failure> | null;
}

export const emptyMarketMemo = (): MarketMemo => ({ reads: null, key: null, result: null });

/** What `runPeriodMarket` reads, as the values themselves: copies of the lists (a step appends
 *  to the carried history in place), the records in them shared. */
interface MarketReads {
  /** The market settings in force, as JSON. */
  readonly settings: string;
  readonly poolId: string;
  readonly seed: Scenario['seed'];
  readonly persons: Scenario['persons'];
  readonly periodNumber: number;
  readonly tasks: PeriodSpec['tasks'];
  readonly bids: PeriodSpec['bids'];
  readonly noShows: PeriodSpec['noShows'];
  readonly history: readonly TemplateHistory[];
  readonly lastWeights: readonly (readonly [string, number])[];
}

function marketReads(
  scenario: Scenario,
  periodNumber: number,
  period: PeriodSpec,
  history: readonly TemplateHistory[],
  lastWeights: ReadonlyMap<string, number>,
): MarketReads {
  return {
    settings: JSON.stringify(marketSettings(scenario)),
    poolId: scenario.pool.id,
    seed: scenario.seed,
    persons: [...scenario.persons],
    periodNumber,
    tasks: [...period.tasks],
    bids: [...period.bids],
    noShows: [...period.noShows],
    history: [...history],
    lastWeights: [...lastWeights],
  };
}

/** Everything read as one text: two reads with the same text clear alike. */
function readsKey(r: MarketReads): string {
  return JSON.stringify([
    r.settings,
    r.poolId,
    r.seed,
    r.persons.map((p) => [p.id, p.capacitySlots]),
    r.periodNumber,
    r.tasks,
    r.bids,
    r.noShows,
    r.history,
    r.lastWeights,
  ]);
}

const LISTS = ['persons', 'tasks', 'bids', 'noShows', 'history', 'lastWeights'] as const;

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * 'same' when the reads are known to give the same text (the same values and records, in the
 * same order; inputs and rotation records are never changed in place), 'other' when they are
 * known not to (other settings, or a list of another length: the text's lists would differ
 * in length), 'unknown' otherwise.
 */
function compareReads(a: MarketReads, b: MarketReads): 'same' | 'other' | 'unknown' {
  if (a.settings !== b.settings) return 'other';
  if (LISTS.some((list) => a[list].length !== b[list].length)) return 'other';
  const same =
    a.poolId === b.poolId &&
    a.seed === b.seed &&
    a.periodNumber === b.periodNumber &&
    a.persons.every(
      (x, i) => x.id === b.persons[i]!.id && x.capacitySlots === b.persons[i]!.capacitySlots,
    ) &&
    a.lastWeights.every(([k, v], i) => k === b.lastWeights[i]![0] && v === b.lastWeights[i]![1]) &&
    sameItems(a.tasks, b.tasks) &&
    sameItems(a.bids, b.bids) &&
    sameItems(a.noShows, b.noShows) &&
    sameItems(a.history, b.history);
  return same ? 'same' : 'unknown';
}

/** Keeps in `memo` a clearing made without it (the period cycle's clearing step, decision
 *  0070), with what it read: a later run of the period that reads the same is given it. */
export function keepMarket(
  memo: MarketMemo,
  scenario: Scenario,
  periodNumber: number,
  period: PeriodSpec,
  history: readonly TemplateHistory[],
  lastWeights: ReadonlyMap<string, number>,
  result: Result<PeriodMarket, Failure>,
): void {
  memo.reads = marketReads(scenario, periodNumber, period, history, lastWeights);
  memo.key = null;
  memo.result = result;
}

/** `runPeriodMarket`, given from `memo` when what it reads is what the memo's was. */
export function runPeriodMarketKept(
  memo: MarketMemo | undefined,
  scenario: Scenario,
  periodNumber: number,
  period: PeriodSpec,
  history: readonly TemplateHistory[],
  lastWeights: ReadonlyMap<string, number>,
): Result<PeriodMarket, Failure> {
  if (memo === undefined) {
    return runPeriodMarket(scenario, periodNumber, period, history, lastWeights);
  }
  const reads = marketReads(scenario, periodNumber, period, history, lastWeights);
  let key: string | null = null;
  if (memo.result !== null && memo.reads !== null) {
    const known = compareReads(memo.reads, reads);
    if (known === 'same') return memo.result;
    if (known === 'unknown') {
      memo.key ??= readsKey(memo.reads);
      key = readsKey(reads);
      if (key === memo.key) {
        memo.reads = reads;
        return memo.result;
      }
    }
  }
  const result = runPeriodMarket(scenario, periodNumber, period, history, lastWeights);
  memo.reads = reads;
  memo.key = key;
  memo.result = result;
  return result;
}
