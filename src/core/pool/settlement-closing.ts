// What a period's close books after its events (settlement.ts): each member's balance above the
// carry-over cap given where the member chose, and in the per-head mode the pool's net surplus
// shared among the contributing members. Both read the balances after the events and return
// legs that move only the member's or the system accounts, so their order among themselves does
// not change what they read.
import type { AccountId, PersonId } from '../ids.ts';
import type { SplitPart } from '../units.ts';
import type { PoolChart } from './chart.ts';
import { perHeadShares } from './price-factor.ts';
import { type Leg, legOf } from './settlement-legs.ts';
import type { MemberSettings } from './settlement-types.ts';

/** The carry-over cap's legs: the excess above the cap goes where the member chose. */
export function carryOverDonations(
  chart: PoolChart,
  members: readonly MemberSettings[],
  balances: ReadonlyMap<AccountId, number>,
): { readonly legs: readonly Leg[]; readonly donated: ReadonlyMap<PersonId, number> } {
  const legs: Leg[] = [];
  const donated = new Map<PersonId, number>();
  for (const m of members) {
    const from = chart.persons.get(m.personId)!;
    const excess = balances.get(from)! - m.carryOverCapEffortMilli;
    if (excess <= 0) continue;
    donated.set(m.personId, excess);
    const to = m.donateTo === 'pool' ? chart.premiumAccountId : chart.redistributionAccountId;
    legs.push(legOf(`~donate.${m.personId}`, from, to, excess, `donation.${m.donateTo}`));
  }
  return { legs, donated };
}

/** Per-head mode: both system accounts emptied into the pool account, which hands the net
 *  surplus out in equal shares to the contributing members. */
export function perHeadClosing(
  chart: PoolChart,
  members: readonly MemberSettings[],
  balances: ReadonlyMap<AccountId, number>,
  netSurplus: number,
): { readonly legs: readonly Leg[]; readonly perHead: SplitPart<PersonId>[] } {
  const contributing = members.filter((m) => m.contributing).map((m) => m.personId);
  if (contributing.length === 0 || netSurplus === 0) return { legs: [], perHead: [] };
  const legs: Leg[] = [];
  const pool = chart.poolAccountId;
  const empty = (order: string, account: AccountId) => {
    const balance = balances.get(account)!;
    if (balance > 0) legs.push(legOf(order, account, pool, balance, 'pool.close'));
    if (balance < 0) legs.push(legOf(order, pool, account, -balance, 'pool.close'));
  };
  empty('~perHead.0', chart.premiumAccountId);
  empty('~perHead.1', chart.adjustmentAccountId);
  const perHead = perHeadShares(netSurplus, contributing);
  for (const part of perHead) {
    const to = chart.persons.get(part.id)!;
    const order = `~perHead.p.${part.id}`;
    if (part.amount > 0) {
      legs.push({ ...legOf(order, pool, to, part.amount, 'pool.perHead'), phase: 0 });
    } else if (part.amount < 0) {
      legs.push(legOf(order, to, pool, -part.amount, 'pool.perHead'));
    }
  }
  return { legs, perHead };
}
