// One period of a pool, in the order MODEL.md gives it: the settings in force, the task market
// and the work credited, the prices and the takings, the settlement with the associations',
// housing's, resources' and services' batches, then the invariants and what the period hands
// on. Each part reads its slice of the carried state and gives its outcome; a refused rule or
// a broken invariant stops the run with a report naming it.

import type { AccountId } from '../ids.ts';
import { changeBound, type LedgerState } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import { ledgerBalances } from './invariants.ts';
import { markJournals } from './journal-check.ts';
import { closePart } from './period-close.ts';
import type { PeriodContext } from './period-context.ts';
import { settlePart } from './period-settle.ts';
import { takingsPart, workPart } from './period-takings.ts';
import type { PeriodRun } from './run-types.ts';
import { withSettings } from './settings.ts';
import { type Step, stopOn } from './step.ts';

/** Gives every person's account the debit allowance in force (decision 0018), before the
 *  period's first transfer. */
function applyAllowance(
  ledger: LedgerState,
  chart: PoolChart,
  allowanceEffortMilli: number,
): { code: string; detail: string } | null {
  for (const accountId of chart.persons.values()) {
    const bound = ledger.accounts.get(accountId)?.account.bound;
    if (bound?.kind === 'debitAllowance' && bound.allowance === allowanceEffortMilli) continue;
    const changed = changeBound(ledger, {
      accountId,
      bound: { kind: 'debitAllowance', allowance: allowanceEffortMilli },
    });
    if (!changed.ok) return changed.error;
  }
  return null;
}

/** Runs period `p`, posting its transfers to the ledger and moving the carried state on. */
export function runPeriod(context: PeriodContext): Step<PeriodRun> {
  const { given, chart, ledger, p, period, settings, carried } = context;
  const checked = context.checks !== 'notLedger';
  const journalMark = checked ? markJournals(ledger) : null;
  // Every rule of the period reads the pool's settings in force in it.
  const file = withSettings(given, settings[p - 1]!);
  if (file !== given) {
    const refused = applyAllowance(ledger, chart, file.pool.allowanceEffortMilli);
    if (refused !== null) return stopOn(p, refused);
  }
  const opening: ReadonlyMap<AccountId, number> = ledgerBalances(ledger, carried.kinds);
  const work = workPart(file, chart, ledger, p, period, carried, context.marketMemo);
  if (!work.ok) return work;
  const takings = takingsPart(file, p, period, work.value, carried);
  if (!takings.ok) return takings;
  const parts = { ...context, opening, journalMark, work: work.value, takings: takings.value };
  const settled = settlePart(parts);
  if (!settled.ok) return settled;
  return closePart({ ...parts, file, settled: settled.value });
}
