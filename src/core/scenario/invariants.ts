// The MODEL.md §6 checks the runner makes after each period, on the ledger itself: balances of
// the unit sum to zero (1), the settlement's closing balances are the ledger's, the pool
// identity over the WHOLE period (the settlement batch and the association batch, which
// settlePeriod does not see), and the journal hash chain (7).

import type { AccountId, ProjectId } from '../ids.ts';
import { type AccountKind, getBalance, type LedgerState, verifyLedger } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import { compareIds } from '../units.ts';
import type { RunStop } from './run.ts';

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

export function checkJournal(ledger: LedgerState, p: number): RunStop | null {
  const verified = verifyLedger(ledger);
  if (verified.ok) return null;
  const e = verified.error;
  return {
    period: p,
    invariant: 'journal',
    code: 'ledger.journal_broken',
    detail: JSON.stringify(e),
  };
}
