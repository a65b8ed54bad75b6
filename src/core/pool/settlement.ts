// Period settlement of a distribution pool (reference §4.9, MODEL.md M8, §6 invariants 3, 4,
// 6). Every event of the period becomes ledger transfers in ONE linked batch; member balances,
// statuses, carry-over donations and the next period's price factor follow; and the POOL
// IDENTITY is checked before anything is returned:
//
//   Σ_persons Δbalance = Σ_projects Δinventory + Adj − Π − ΔR − ΔF − ΔP
//
// Δinventory is what each project DECLARES its stock + work in progress + unamortised means
// of production changed by (counted, not taken from the ledger); Adj = −Δ(adjustment
// balance), Π = Δ(premium balance), R, F and P the redistribution, federation and pool
// accounts. Double entry guarantees the accounts sum to zero, so the identity holds exactly
// when every project's book change (−Δ project balance) equals its declared inventory change;
// a difference is returned as `pool.identity_violated`, naming the project and the mWH.
//
// Order independence: events are processed in id order and the transfers are numbered in a
// canonical order (person credits, then debits, then flagged basic-needs debits last, so the
// ledger's per-transfer bound check sees the same balances this module checked).
//
// The steps live beside this file: the events' legs (settlement-legs.ts), the carry-over and
// per-head legs of the close (settlement-closing.ts), the bounds and the identity
// (settlement-checks.ts), and the shapes (settlement-types.ts).

import type { AccountId } from '../ids.ts';
import { asId, type TransferId } from '../ids.ts';
import { BATCH_TRANSFERS_MAX } from '../ledger/index.ts';
import type { TransferRequest } from '../ledger/types.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import { compareIds, PPM_ONE, sumIntegers } from '../units.ts';
import { accountKinds } from './chart.ts';
import { nextPriceFactor } from './price-factor.ts';
import { memberStatements, poolIdentity } from './settlement-checks.ts';
import { carryOverDonations, perHeadClosing } from './settlement-closing.ts';
import { checkedEvents, eventLegs, type Leg } from './settlement-legs.ts';
import type { Settlement, SettlementFailureCode, SettlementInput } from './settlement-types.ts';

export type * from './settlement-types.ts';

export function settlePeriod(
  input: SettlementInput,
): Result<Settlement, Failure<SettlementFailureCode>> {
  const { chart } = input;
  const events = checkedEvents(input);
  if (!events.ok) return events;
  const later = input.laterSurplusEffortMilli ?? 0;
  const kinds = accountKinds(chart);
  const booked = eventLegs(input, events.value, kinds);
  if (!booked.ok) return booked;
  const legs: Leg[] = booked.value.legs;
  const base = booked.value.baseEffortMilli;

  // Balances after the period's events, and after each leg the close adds.
  const balances = new Map<AccountId, number>();
  for (const id of kinds.keys()) balances.set(id, input.openingBalances.get(id) ?? 0);
  const post = (leg: Leg): void => {
    balances.set(leg.debit, balances.get(leg.debit)! - leg.amount);
    balances.set(leg.credit, balances.get(leg.credit)! + leg.amount);
  };
  for (const leg of legs) post(leg);
  const postAll = (added: readonly Leg[]): void => {
    for (const leg of added) {
      legs.push(leg);
      post(leg);
    }
  };

  const members = [...input.members].sort((a, b) => compareIds(a.personId, b.personId));
  const donations = carryOverDonations(chart, members, balances);
  postAll(donations.legs);

  // The net surplus and its distribution. The factor reads the system accounts as they will
  // stand at the period's end, after the later batches; the per-head shares are transfers of
  // this batch and can hand out only what the accounts hold now (decision 0022).
  const held = balances.get(chart.premiumAccountId)! + balances.get(chart.adjustmentAccountId)!;
  const netSurplus = input.mode === 'perHead' ? held : held + later;
  let nextFactor = nextPriceFactor(netSurplus, base);
  let perHead: Settlement['perHead'] = [];
  if (input.mode === 'perHead') {
    nextFactor = PPM_ONE;
    const closing = perHeadClosing(chart, members, balances, netSurplus);
    postAll(closing.legs);
    perHead = closing.perHead;
  }

  const statements = memberStatements(
    chart,
    input.openingBalances,
    members,
    legs,
    donations.donated,
  );
  if (!statements.ok) return statements;
  const identity = poolIdentity(input, kinds, balances);
  if (!identity.ok) return identity;

  const ordered = [...legs].sort((a, b) => a.phase - b.phase || compareIds(a.order, b.order));
  const transfers: TransferRequest[] = [];
  for (const leg of ordered) {
    if (leg.alreadyPosted) continue;
    transfers.push({
      id: asId<'Transfer'>(
        `${input.batchId}.${String(transfers.length).padStart(6, '0')}`,
      ) as TransferId,
      debitAccountId: leg.debit,
      creditAccountId: leg.credit,
      amount: leg.amount,
      unit: 'effort',
      code: leg.code,
      ...(leg.basicNeeds ? { boundException: 'basicNeeds' as const } : {}),
      ...(leg.reference === undefined ? {} : { reference: leg.reference }),
      period: input.period,
    });
  }

  const batchTransfersMax = Math.min(
    input.batchTransfersMax ?? BATCH_TRANSFERS_MAX,
    BATCH_TRANSFERS_MAX,
  );
  if (transfers.length > batchTransfersMax) {
    // One period is one linked batch (all or nothing); a pool this busy needs shorter periods.
    return failure(
      'pool.batch_too_large',
      `${transfers.length} transfers exceed the batch limit of ${batchTransfersMax}`,
    );
  }

  return ok({
    period: input.period,
    transfers,
    alreadyPostedEffortMilli: sumIntegers(legs.filter((l) => l.alreadyPosted).map((l) => l.amount)),
    identity: identity.value,
    baseEffortMilli: base,
    netSurplusEffortMilli: netSurplus,
    laterSurplusEffortMilli: later,
    mode: input.mode,
    nextPriceFactorPpm: nextFactor,
    perHead,
    members: statements.value,
    closingBalances: balances,
  });
}
