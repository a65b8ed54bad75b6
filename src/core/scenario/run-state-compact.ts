// What a kept run state leaves out of the periods it has run (decision 0040), so that a
// checkpoint after period 260 is the size of one after period 10: the ledger from its journals'
// heads (the accounts with their running totals, no past entry or posted transfer), and of each
// period run only the inputs a later period's rules read (settings changes, residencies,
// departures, forks, pre-orders …), not those read in their own period only (tasks, bids, work,
// takings, production …). A run continued from a compacted state computes what it would have
// from the whole one: nothing of a later period reads what is left out.

import type { Journal, LedgerState } from '../ledger/index.ts';
import type { PeriodSpec, Scenario } from './types.ts';

/** Kinds of a period's inputs no rule reads once the period has run; the scenario check
 *  checks each of them within its own period only. */
export const SPENT_PERIOD_KINDS: ReadonlySet<string> = new Set([
  'tasks',
  'bids',
  'work',
  'noShows',
  'requests',
  'production',
  'services',
  'workInProgress',
  'writeOffs',
  'discountSales',
]);

/** The ledger held from each journal's head: accounts and their totals, pending transfers. */
export function ledgerFromHeads(ledger: LedgerState): LedgerState {
  const journals = new Map(
    [...ledger.journals].map(([poolId, journal]): [Journal['poolId'], Journal] => {
      const last = journal.entries.at(-1);
      if (last === undefined) return [poolId, journal];
      const base = { index: last.index + 1, previousHash: last.hash };
      return [poolId, { poolId, base, entries: [] }];
    }),
  );
  const transfers = new Map([...ledger.transfers].filter(([, r]) => r.state === 'pending'));
  return { accounts: ledger.accounts, transfers, journals };
}

/** A period run, as kept: its lists that later periods read, the empty ones left out. */
function keptOfPeriod(spec: PeriodSpec): Partial<PeriodSpec> {
  const kept: Record<string, unknown> = {};
  for (const [kind, list] of Object.entries(spec)) {
    if (!SPENT_PERIOD_KINDS.has(kind) && Array.isArray(list) && list.length > 0) kept[kind] = list;
  }
  return kept as Partial<PeriodSpec>;
}

/** The file as kept after `periodsRun` periods, with the kinds a period has (to read it back). */
export function compactFile(
  file: Scenario,
  periodsRun: number,
): { file: Scenario; periodKinds: string[] } {
  const periodKinds = file.periods[0] === undefined ? [] : Object.keys(file.periods[0]);
  const periods = file.periods.map((spec, at) => (at < periodsRun ? keptOfPeriod(spec) : spec));
  return { file: { ...file, periods: periods as PeriodSpec[] }, periodKinds };
}

/** The file read back: each kept period with its left-out lists empty again. */
export function expandFile(file: Scenario, periodKinds: readonly string[]): Scenario {
  const periods = file.periods.map((spec) => {
    const full: Record<string, unknown> = {};
    for (const kind of periodKinds)
      full[kind] = (spec as unknown as Record<string, unknown>)[kind] ?? [];
    return full as unknown as PeriodSpec;
  });
  return { ...file, periods };
}
