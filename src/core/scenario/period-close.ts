// The end of a period: the invariants checked on the books as they close, what the period
// hands on to the next (market history, inventory, housing, possession, commons, price
// factor), and the period's outcome as reported.

import type { AccountId, PersonId } from '../ids.ts';
import { GENESIS_HASH, getJournal, headHash, nextIndex } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import { followCommitments } from './commitments.ts';
import { checkDwellings, dwellingsPeriod } from './dwellings.ts';
import {
  checkBounds,
  checkConservation,
  checkPeriodIdentity,
  checkReplay,
  ledgerBalances,
} from './invariants.ts';
import { checkJournalSince, type JournalMark } from './journal-check.ts';
import { recordMarketOutcome } from './market-state.ts';
import { membershipPeriod, usesMembership } from './membership.ts';
import { moneyPeriod } from './money.ts';
import type { SettleInput, SettlePart } from './period-settle.ts';
import { planNext, planningSignals } from './planning.ts';
import { checkPossession, possessionPeriod } from './possession.ts';
import { followReservations, sortReservationLines } from './reservations.ts';
import type { PeriodRun, RunStop } from './run-types.ts';
import { type Step, stopOn } from './step.ts';
import type { Scenario } from './types.ts';

export interface CloseInput extends SettleInput {
  /** The file with the settings in force in the period. */
  readonly file: Scenario;
  readonly settled: SettlePart;
  /** Where the journals stood when the period began: the period's entries are checked.
   *  Null when the run leaves out the ledger's checks (`checks: 'notLedger'`). */
  readonly journalMark: JournalMark | null;
}

/** The books' invariants at the close, the carried state moved on, and the period's outcome. */
export function closePart(input: CloseInput): Step<PeriodRun> {
  const { given, file, chart, ledger, p, period, settings, carried, work, settled } = input;
  const { scenario, goods, made, flat, durations, fairUse, bidding, bundles } = input.takings;
  const closing = ledgerBalances(ledger, carried.kinds);
  const periodTransfers = settled.transfers;
  const possessed = possessionPeriod(scenario, p, carried.durableGoods, carried.associations);
  if (!possessed.ok) return stopOn(p, possessed.error);
  const dwelt = dwellingsPeriod(scenario, p, carried.dwellings);
  if (!dwelt.ok) return stopOn(p, dwelt.error);
  const broken =
    checkPossession(possessed.value.goods, p) ??
    checkDwellings(dwelt.value.dwellings, p) ??
    (input.journalMark === null ? null : checkLedger(input, closing, input.journalMark));
  if (broken !== null) return { ok: false, stop: broken };

  recordMarketOutcome(carried, p, work.credits, work.market);
  for (const d of settled.inventory) carried.inventory.set(d.projectId, d.closingEffortMilli);
  carried.housingAccounts = settled.housing.accounts;
  carried.durableGoods = possessed.value.goods;
  carried.dwellings = dwelt.value.dwellings;
  const resources = settled.resources;
  if (resources !== null) carried.commons = resources.next;
  const signals = planningSignals(
    scenario,
    p,
    period,
    work.market,
    goods.clearings,
    goods.discounted,
    carried,
  );
  const commitments = followCommitments(
    carried.commitments,
    chart,
    p,
    periodTransfers,
    goods.commitments,
  );
  const reservations = sortReservationLines([
    ...goods.reservationsTaken,
    ...followReservations(carried.reservations, commitments, carried.stockUnits),
  ]);
  const money = moneyPeriod(carried.money ?? null, period, p);
  if (!money.ok) return money;
  const factor = carried.factor;
  carried.factor = settled.settlement.nextPriceFactorPpm;
  const journal = getJournal(ledger, chart.poolId);
  const shown = shownToMembers(scenario, chart, p, closing, settled.settlement);
  const inForce = settings[p - 1]!;
  return {
    ok: true,
    value: {
      period: p,
      priceFactorPpm: factor,
      market: work.market,
      work: work.credits,
      goods: goods.clearings,
      discounted: goods.discounted,
      committed: goods.committed,
      commitments,
      reservations,
      settlement: shown.settlement,
      associations: settled.associations,
      closingBalances: shown.closing,
      transfers: periodTransfers,
      housing: settled.housing.dwellings,
      dwellings: carried.dwellings.size === 0 ? null : dwelt.value.period,
      resources: resources?.allocations ?? [],
      personalServices: settled.services,
      possession: {
        events: possessed.value.events,
        goods: [...possessed.value.goods.values()],
      },
      signals,
      plans: planNext(scenario, p, goods.clearings, carried),
      stockUnits: new Map(carried.stockUnits),
      inventoryEffortMilli: new Map(carried.inventory),
      // A pool with no entries yet is at the genesis hash, as its stored journal is.
      journalHead: journal === undefined ? GENESIS_HASH : headHash(journal),
      journalEntries: journal === undefined ? 0 : nextIndex(journal),
      reserves: resources?.reserves ?? [],
      leases: resources?.leases ?? [],
      membership: usesMembership(scenario, p)
        ? membershipPeriod(given, chart, closing, settled.forgiven, p, settings)
        : null,
      money: money.value,
      recipes: made.batches,
      meansWrittenOff: made.meansWrittenOff,
      servicesUnused: settled.unused,
      postedPrices: input.takings.postedPrices,
      allocationModels: {
        flatAllocation: flat.lines,
        durationUses: durations.lines,
        fairUse: fairUse.lines,
        biddingRounds: bidding.lines,
        biddingCharges: bidding.charges,
        flatRates: bundles.lines,
      },
      projects: null,
      settings: !inForce.changed
        ? null
        : inForce.associationsChanged
          ? { ...file.pool, associations: file.associations }
          : file.pool,
    },
  };
}

/** The books' invariants on the period's ledger (MODEL.md §6): what a close guards before the
 *  period is written; a projection may leave them out (decision 0075). */
function checkLedger(
  input: CloseInput,
  closing: ReadonlyMap<AccountId, number>,
  journalMark: JournalMark,
): RunStop | null {
  const { chart, ledger, p, carried, opening, settled } = input;
  const declared = new Map(
    settled.inventory.map((d) => [d.projectId, d.closingEffortMilli - d.openingEffortMilli]),
  );
  const periodTransfers = settled.transfers;
  return (
    checkConservation(closing, p) ??
    checkBounds(
      ledger,
      chart,
      opening,
      closing,
      input.takings.scenario.pool.allowanceEffortMilli,
      periodTransfers,
      p,
    ) ??
    checkPeriodIdentity(chart, carried.kinds, opening, closing, declared, p) ??
    checkReplay(ledger, periodTransfers, closing, carried.kinds, p) ??
    checkJournalSince(ledger, journalMark, p)
  );
}

/** A period shows only the persons who had joined by then (their accounts are all at zero
 *  before): a member who joins later must not change a period already reported, or a stored
 *  pool could not take new members once a period is closed (decision 0013). */
function shownToMembers(
  scenario: Scenario,
  chart: PoolChart,
  p: number,
  closing: ReadonlyMap<AccountId, number>,
  settlement: SettlePart['settlement'],
) {
  const notYetJoined = new Set(
    scenario.persons.filter((x) => x.memberFromPeriod > p).map((x) => x.id as PersonId),
  );
  if (notYetJoined.size === 0) return { closing, settlement };
  const notYetAccounts = new Set(
    [...notYetJoined].map((id) => chart.persons.get(id)).filter((id) => id !== undefined),
  );
  return {
    closing: new Map([...closing].filter(([accountId]) => !notYetAccounts.has(accountId))),
    settlement: {
      ...settlement,
      members: settlement.members.filter((m) => !notYetJoined.has(m.personId)),
    },
  };
}
