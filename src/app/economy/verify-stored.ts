// What `db verify` checks of a stored pool besides running its closed periods again: that the
// stored periods are the cycle's (contiguous, closed up to the open one), that the ledger as
// stored ends where the last closed period left it (every journal's head, every account's
// bound), that every stored clearing is the market its period's inputs clear to, and that the
// stored idempotent answers agree with what they refer to. Each finds tampering that a
// consistent edit of the other tables would hide (issue 13, decision 0024).
import { clearMarketFrom, clearPeriodMarket } from '../../core/cycle/clear-market.ts';
import type { CycleState } from '../../core/cycle/stages.ts';
import type { AccountId, PoolId } from '../../core/ids.ts';
import {
  type AccountBound,
  boundFloor,
  GENESIS_HASH,
  headHash,
  type LedgerState,
  nextIndex,
} from '../../core/ledger/index.ts';
import {
  canonicalJson,
  marketReport,
  type PeriodRun,
  type RunState,
  type Scenario,
  type ScenarioRun,
  startRun,
  stepPeriod,
} from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredPeriod, StoredPool } from '../ports/economy-store.ts';

/** Two bounds that allow the same: compared by meaning, not by field order. */
export const sameBound = (a: AccountBound, b: AccountBound): boolean =>
  a.kind === b.kind && boundFloor(a) === boundFloor(b);

/** Every ledger a run keeps: the pool's, its projects' money books, each federated pool's. */
export function ledgersOf(run: ScenarioRun): LedgerState[] {
  return [
    run.ledger,
    ...(run.moneyLedger === undefined ? [] : [run.moneyLedger]),
    ...(run.federation?.partners ?? []).flatMap(ledgersOf),
  ];
}

/** The stored periods are 1 … the cycle's period, closed before it, at the cycle's stage on it. */
export function periodsOutOfStep(
  cycle: CycleState,
  periods: readonly StoredPeriod[],
): string | null {
  const expected = cycle.stage === null ? 0 : cycle.period;
  for (const [index, stored] of periods.entries()) {
    if (stored.period !== index + 1) {
      return `stored period ${index + 1} is missing (found period ${stored.period} in its place)`;
    }
  }
  if (periods.length !== expected) {
    return `the cycle is at period ${cycle.period} (${cycle.stage ?? 'not started'}), but ${periods.length} period${periods.length === 1 ? ' is' : 's are'} stored`;
  }
  for (const stored of periods) {
    const stage = stored.period === cycle.period ? cycle.stage : 'closed';
    if (stored.stage !== stage) {
      return `period ${stored.period} is stored as ${stored.stage}, the cycle says ${stage}`;
    }
  }
  return null;
}

/** The stored journals and account bounds are the run's through the last closed period. */
export async function ledgerDiffersFromRun(
  tx: EconomyTransaction,
  poolId: string,
  run: ScenarioRun | null,
): Promise<string | null> {
  if (run === null) {
    const stored = await tx.ledger.lockJournal(poolId as PoolId);
    return stored.nextIndex === 0
      ? null
      : `the journal of ${poolId} holds ${stored.nextIndex} entries, but no period is closed`;
  }
  const accountsByPool = new Map<string, { id: string; bound: AccountBound; used: boolean }[]>();
  const heads = new Map<string, { entries: number; head: string }>();
  for (const ledger of ledgersOf(run)) {
    for (const record of ledger.accounts.values()) {
      const list = accountsByPool.get(record.account.poolId) ?? [];
      const used =
        record.debitsPosted + record.creditsPosted + record.debitsPending + record.creditsPending >
        0;
      list.push({ id: record.account.id, bound: record.account.bound, used });
      accountsByPool.set(record.account.poolId, list);
    }
    for (const [journalPool, journal] of ledger.journals) {
      heads.set(journalPool, { entries: nextIndex(journal), head: headHash(journal) });
    }
  }
  for (const journalPool of [...accountsByPool.keys()].sort()) {
    const ran = heads.get(journalPool) ?? { entries: 0, head: GENESIS_HASH };
    const stored = await tx.ledger.lockJournal(journalPool as PoolId);
    if (stored.nextIndex !== ran.entries || stored.headHash !== ran.head) {
      return `the journal of ${journalPool} ends at entry ${stored.nextIndex} (head ${stored.headHash.slice(0, 12)}…), the last closed period left it at entry ${ran.entries} (head ${ran.head.slice(0, 12)}…)`;
    }
    const accounts = accountsByPool.get(journalPool)!;
    const slice = await tx.ledger.loadSlice({
      poolId: journalPool as PoolId,
      accountIds: accounts.map((account) => account.id as AccountId),
      transferIds: [],
    });
    for (const account of accounts) {
      const stored = slice.accounts.get(account.id as AccountId)?.account;
      // A member who joined after the last close has an account from the next close on.
      if (stored === undefined) {
        if (!account.used) continue;
        return `account ${account.id} of ${journalPool} is missing`;
      }
      if (!sameBound(stored.bound, account.bound)) {
        return `account ${account.id} of ${journalPool}: its stored bound is not the one the inputs give`;
      }
    }
  }
  return null;
}

/** Why a stored clearing is not the market its period's tasks and bids clear to, given how
 *  the market clears; null when it is. */
function clearingProblem(
  stored: StoredPeriod,
  clear: () => ReturnType<typeof clearPeriodMarket>,
): string | null {
  if (stored.clearing === null) {
    if (stored.stage === 'planning' || stored.stage === 'bidding') return null;
    return `period ${stored.period} is ${stored.stage} but has no stored clearing`;
  }
  const cleared = clear();
  if (!cleared.ok) return `period ${stored.period}: its market no longer clears`;
  if (canonicalJson(marketReport(cleared.value)) !== canonicalJson(stored.clearing)) {
    return `period ${stored.period}: the stored clearing differs from its market's`;
  }
  return null;
}

/** Every stored clearing is the market its period's tasks and bids clear to (each clearing
 *  runs the periods before it: for pools the fold below cannot take, federated ones). */
export function clearingsDiffer(
  scenario: Scenario,
  periods: readonly StoredPeriod[],
): string | null {
  for (const stored of periods) {
    const problem = clearingProblem(stored, () => clearPeriodMarket(scenario, stored.period));
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * The run from the first period through `through`, as the cycle made it (each period's inputs
 * as it came), with every stored clearing checked on the way against the market cleared from
 * the state before its period: one pass over the history, not a run of the periods before
 * each clearing. `clearings` is the first clearing that differs; null when none does.
 */
export function foldCheckingClearings(
  scenario: Scenario,
  through: number,
  stored: readonly StoredPeriod[],
): { state: RunState; periods: PeriodRun[]; clearings: string | null } {
  let state = startRun({ ...scenario, periods: [] });
  const periods: PeriodRun[] = [];
  let clearings: string | null = null;
  for (const period of stored) {
    const p = period.period;
    while (state.periodsRun < Math.min(p - 1, through) && state.stop === null) {
      const stepped = stepPeriod(state, scenario.periods[state.periodsRun]!);
      state = stepped.state;
      if (stepped.period !== null) periods.push(stepped.period);
    }
    if (clearings === null && state.periodsRun === p - 1) {
      const before = state;
      clearings = clearingProblem(period, () => clearMarketFrom(before, scenario, p));
    } else if (clearings === null && period.clearing !== null) {
      clearings = `period ${p}: its market no longer clears`;
    }
  }
  while (state.periodsRun < through && state.stop === null) {
    const stepped = stepPeriod(state, scenario.periods[state.periodsRun]!);
    state = stepped.state;
    if (stepped.period !== null) periods.push(stepped.period);
  }
  return { state, periods, clearings };
}

/**
 * The stored answers agree with what they name: a close's journal head and length with the
 * period's, a submission's sequence numbers with the input log, a withdrawal with a withdrawn
 * input, a creation with the pool. (An answer's request is kept only as its hash, so an answer
 * that names nothing stored cannot be checked further.)
 */
export async function answersDiffer(
  tx: EconomyTransaction,
  pool: StoredPool,
  periods: readonly StoredPeriod[],
): Promise<string | null> {
  for (const { key, response } of await tx.loadAnswers(pool.poolId)) {
    const r = (response ?? {}) as Record<string, unknown>;
    const wrong = (what: string) => `the stored answer for key "${key}" ${what}`;
    if ('journalHead' in r || 'journalEntries' in r) {
      const period = periods.find((p) => p.period === r.period);
      if (period === undefined || r.stage !== 'closed') return wrong('names no closed period');
      if (r.journalHead !== period.journalHead || r.journalEntries !== period.journalEntries) {
        return wrong(`differs from period ${period.period}'s journal head`);
      }
    } else if ('accepted' in r || 'firstSeq' in r) {
      const { accepted, firstSeq } = r;
      if (
        !Number.isSafeInteger(accepted) ||
        !Number.isSafeInteger(firstSeq) ||
        (firstSeq as number) < 0 ||
        (firstSeq as number) + (accepted as number) > pool.nextSeq
      ) {
        return wrong(`names inputs the log does not hold`);
      }
    } else if ('withdrawn' in r) {
      const input = await tx.findInput(pool.poolId, r.withdrawn as number);
      if (input === undefined || !input.withdrawn) return wrong('names no withdrawn input');
    } else if ('poolId' in r) {
      if (r.poolId !== pool.poolId) return wrong(`names pool "${String(r.poolId)}"`);
    } else if ('alreadyDone' in r) {
      const period = periods.find((p) => p.period === r.period);
      if (period === undefined) return wrong(`names period ${String(r.period)}, not stored`);
    } else {
      return wrong('has an unknown form');
    }
  }
  return null;
}
