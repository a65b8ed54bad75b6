// The MODEL.md §6 checks the runner makes after each period, on the ledger itself: balances of
// the unit sum to zero (1), replaying the period changes nothing (2), nobody is below the
// allowance without a recorded exception (3), the settlement's closing balances are the
// ledger's, the pool identity over the WHOLE period (4; with the batches posted after the
// settlement, which settlePeriod does not see), and the journal hash chain (7).

import type { AccountId, ProjectId } from '../ids.ts';
import {
  type AccountKind,
  createTransfers,
  getBalance,
  getTransfer,
  type LedgerState,
  type TransferRequest,
} from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import { compareIds } from '../units.ts';
import type { RunStop } from './step.ts';

export function ledgerBalances(
  ledger: LedgerState,
  kinds: ReadonlyMap<AccountId, AccountKind>,
): Map<AccountId, number> {
  const balances = new Map<AccountId, number>();
  for (const id of kinds.keys()) balances.set(id, getBalance(ledger, id)?.postedBalance ?? 0);
  return balances;
}

export function checkConservation(
  balances: ReadonlyMap<AccountId, number>,
  p: number,
): RunStop | null {
  let sum = 0;
  for (const value of balances.values()) sum += value;
  if (sum === 0) return null;
  return {
    period: p,
    invariant: 'ledgerConservation',
    code: 'scenario.balances_do_not_sum_to_zero',
    detail: `the pool's balances sum to ${sum} mWH`,
  };
}

export function checkSettlementPosted(
  balances: ReadonlyMap<AccountId, number>,
  expected: ReadonlyMap<AccountId, number>,
  p: number,
): RunStop | null {
  for (const [id, value] of expected) {
    if (balances.get(id) !== value) {
      return {
        period: p,
        invariant: 'settlementMatchesLedger',
        code: 'scenario.balance_mismatch',
        detail: `${id}: ledger ${balances.get(id)}, settlement ${value}`,
      };
    }
  }
  return null;
}

/**
 * Σ persons Δ = Σ projects Δinventory + Adj − Π − ΔR − ΔF − ΔP − ΔA over every account of the
 * pool, association accounts (A) and each association's redistribution account included; and
 * each project's book change equals its declared inventory change.
 */
export function checkPeriodIdentity(
  chart: PoolChart,
  kinds: ReadonlyMap<AccountId, AccountKind>,
  opening: ReadonlyMap<AccountId, number>,
  closing: ReadonlyMap<AccountId, number>,
  declared: ReadonlyMap<ProjectId, number>,
  p: number,
): RunStop | null {
  const delta = (id: AccountId) => (closing.get(id) ?? 0) - (opening.get(id) ?? 0);
  const byKind = new Map<AccountKind, number>();
  for (const [id, kind] of kinds) byKind.set(kind, (byKind.get(kind) ?? 0) + delta(id));
  const of = (kind: AccountKind) => byKind.get(kind) ?? 0;
  for (const [projectId, accountId] of [...chart.projects].sort((a, b) => compareIds(a[0], b[0]))) {
    const book = -delta(accountId);
    const said = declared.get(projectId) ?? 0;
    if (book !== said) {
      return {
        period: p,
        invariant: 'poolIdentity',
        code: 'scenario.identity_violated',
        detail: `${projectId}: books ${book}, declared ${said}, difference ${book - said}`,
      };
    }
  }
  let inventory = 0;
  for (const value of declared.values()) inventory += value;
  const right =
    inventory -
    of('adjustment') -
    of('premium') -
    of('redistribution') -
    of('federation') -
    of('pool') -
    of('association');
  if (of('person') === right) return null;
  return {
    period: p,
    invariant: 'poolIdentity',
    code: 'scenario.identity_violated',
    detail: `Σ persons ${of('person')} ≠ ${right} mWH`,
  };
}

/** §6.2: posting the period's transfers again (same ids) is a no-op, reported as duplicates. */
export function checkReplay(
  ledger: LedgerState,
  transfers: readonly TransferRequest[],
  before: ReadonlyMap<AccountId, number>,
  kinds: ReadonlyMap<AccountId, AccountKind>,
  p: number,
): RunStop | null {
  const replayed = transfers.length === 0 ? null : createTransfers(ledger, transfers);
  const allDuplicates =
    replayed === null ||
    (replayed.ok && replayed.value.events.every((e) => e.type === 'transfer.duplicate'));
  const after = ledgerBalances(ledger, kinds);
  const unchanged = [...before].every(([id, value]) => after.get(id) === value);
  if (allDuplicates && unchanged) return null;
  return {
    period: p,
    invariant: 'idempotentReplay',
    code: 'scenario.replay_changed_the_ledger',
    detail: replayed !== null && !replayed.ok ? replayed.error.detail : 'balances changed',
  };
}

/**
 * §6.3: a person whose balance fell below the debit allowance in force in the period did so
 * only through a transfer the ledger recorded as a basic-needs exception in this period.
 */
export function checkBounds(
  ledger: LedgerState,
  chart: PoolChart,
  opening: ReadonlyMap<AccountId, number>,
  closing: ReadonlyMap<AccountId, number>,
  allowanceEffortMilli: number,
  transfers: readonly TransferRequest[],
  p: number,
): RunStop | null {
  const excepted = new Set<AccountId>();
  for (const t of transfers) {
    if (getTransfer(ledger, t.id)?.transfer.boundExceptionUsed) excepted.add(t.debitAccountId);
  }
  for (const [personId, accountId] of [...chart.persons].sort((a, b) => compareIds(a[0], b[0]))) {
    const balance = closing.get(accountId) ?? 0;
    // A balance that did not fall in the period is not a breach of it: a debt from an earlier
    // period (a basic-needs exception, or an allowance lowered since: decision 0018) only keeps
    // the member from going lower, which the ledger checks on every debit.
    const fell = balance < (opening.get(accountId) ?? 0);
    if (balance < -allowanceEffortMilli && fell && !excepted.has(accountId)) {
      return {
        period: p,
        invariant: 'bounds',
        code: 'scenario.below_allowance',
        detail: `${personId} at ${balance} mWH, below −${allowanceEffortMilli}, without a recorded exception`,
      };
    }
  }
  return null;
}
