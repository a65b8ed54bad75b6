// Goods won with a premium paid as a commitment released only on completion (reference §4.8
// "released at once or on completion", request `release: onCompletion`, decision 0020). The
// units won stay in stock, reserved for the committer: nobody else can take or write them
// off, and the project keeps their value. When the commitment is worked off (its line in
// commitments.ts says `fulfilled` at the end of a period), the reservation is due and the
// units are taken at the start of the next period's goods step, charged as any auctioned
// taking at that period's posted price, with the premium debited as `premium.commitment`.
// A commitment still open after its due period lapses: the units go back to stock and the
// person keeps nothing and owes nothing for them (their work stays credited as work). So does
// a reservation of a project that has left the pool: its frozen stock gets the units back.

import type {
  GoodsAllocation,
  PremiumCommitment,
  ScarceGood,
  ScarcityClearing,
} from '../goods/index.ts';
import type { ProjectId } from '../ids.ts';
import { type PeriodEvent, scarcityEvents } from '../pool/index.ts';
import { compareIds, effortMilli } from '../units.ts';
import type { CommitmentLine, TrackedCommitment } from './commitments.ts';
import type { Scenario } from './types.ts';

export interface Reservation {
  readonly commitment: PremiumCommitment;
  /** The allocation won (units, quota units, premium), priced again when taken. */
  readonly allocation: GoodsAllocation;
  readonly rule: ScarceGood['scarcityRule'];
  readonly scarce: boolean;
  readonly seed: number;
  readonly madeIn: number;
  /** `reserved` waits for the work; `due` is taken in the next period's goods step. */
  state: 'reserved' | 'due';
}

/** One reservation in a period's report. */
export interface ReservationLine {
  readonly personId: string;
  readonly productId: string;
  readonly units: number;
  readonly madeIn: number;
  readonly duePeriod: number;
  readonly premiumEffortMilli: number;
  /** `reserved`: waiting for the work; `due`: worked off, taken next period; `taken`: handed
   *  out and charged this period; `lapsed`: overdue, the units went back to stock. */
  readonly status: 'reserved' | 'due' | 'taken' | 'lapsed';
  /** The posted unit price charged when taken; null otherwise. */
  readonly unitPriceEffortMilli: number | null;
}

function line(
  r: Reservation,
  status: ReservationLine['status'],
  unitPriceEffortMilli: number | null,
): ReservationLine {
  return {
    personId: r.commitment.personId,
    productId: r.commitment.productId,
    units: r.allocation.units,
    madeIn: r.madeIn,
    duePeriod: r.commitment.duePeriod,
    premiumEffortMilli: r.allocation.premiumEffortMilli,
    status,
    unitPriceEffortMilli,
  };
}

/**
 * Takes every due reservation at the period's posted price (the stock leaves at the price it
 * is valued at now, as a pre-order does): the taking and premium events, and the units by
 * product whose value leaves the project's stock. The units left `stockUnits` when reserved.
 */
export function takeDueReservations(
  scenario: Scenario,
  p: number,
  carried: {
    readonly reservations: Reservation[];
    readonly commitments: TrackedCommitment[];
    readonly stockUnits: Map<string, number>;
  },
): { events: PeriodEvent[]; takenUnits: Map<string, number>; lines: ReservationLine[] } {
  const events: PeriodEvent[] = [];
  const takenUnits = new Map<string, number>();
  const lines: ReservationLine[] = [];
  const open = carried.reservations;
  if (open.length === 0) return { events, takenUnits, lines };
  const offered = new Set(scenario.products.map((x) => x.id));
  const gone = open.filter((r) => !offered.has(r.commitment.productId));
  for (const r of gone) {
    const id = r.commitment.productId;
    carried.stockUnits.set(id, (carried.stockUnits.get(id) ?? 0) + r.allocation.units);
    const at = carried.commitments.findIndex((t) => t.commitment === r.commitment);
    if (at >= 0) carried.commitments.splice(at, 1);
    lines.push(line(r, 'lapsed', null));
  }
  const due = open.filter((r) => r.state === 'due' && offered.has(r.commitment.productId));
  for (const r of due) {
    const product = scenario.products.find((x) => x.id === r.commitment.productId)!;
    const price = product.unitPriceEffortMilli;
    const allocation = {
      ...r.allocation,
      priceEffortMilli: effortMilli(price * r.allocation.units),
    };
    const clearing: ScarcityClearing = {
      productId: r.commitment.productId,
      rule: r.rule,
      scarce: r.scarce,
      seed: r.seed,
      clearingPremiumEffortMilli: effortMilli(0),
      premiumTotalEffortMilli: r.allocation.premiumEffortMilli,
      allocations: [allocation],
      unitsLeft: 0,
    };
    events.push(
      ...scarcityEvents(
        clearing,
        product.projectId as ProjectId,
        `p${p}.release.${product.id}.m${r.madeIn}`,
        new Map([[r.commitment.personId, { kind: 'commitment', commitment: r.commitment }]]),
      ),
    );
    takenUnits.set(product.id, (takenUnits.get(product.id) ?? 0) + r.allocation.units);
    lines.push(line(r, 'taken', price));
  }
  const kept = open.filter((r) => r.state !== 'due' && offered.has(r.commitment.productId));
  open.splice(0, open.length, ...kept);
  return { events, takenUnits, lines };
}

/**
 * At the end of period p, after the commitments are followed: a reservation whose commitment
 * is fulfilled becomes due; one whose commitment lapsed goes back to stock. Returns the lines
 * of every reservation still held or lapsed now.
 */
export function followReservations(
  open: Reservation[],
  commitments: readonly CommitmentLine[],
  stockUnits: Map<string, number>,
): ReservationLine[] {
  const lines: ReservationLine[] = [];
  const kept: Reservation[] = [];
  for (const r of open) {
    const c = commitments.find(
      (x) =>
        x.madeIn === r.madeIn &&
        x.personId === r.commitment.personId &&
        x.productId === r.commitment.productId,
    );
    if (c?.status === 'fulfilled') r.state = 'due';
    if (c?.status === 'lapsed') {
      const id = r.commitment.productId;
      stockUnits.set(id, (stockUnits.get(id) ?? 0) + r.allocation.units);
      lines.push(line(r, 'lapsed', null));
      continue;
    }
    kept.push(r);
    lines.push(line(r, r.state, null));
  }
  open.splice(0, open.length, ...kept);
  return lines;
}

/** The report's order: by the period made in, then person, then product. */
export function sortReservationLines(lines: ReservationLine[]): ReservationLine[] {
  return lines.sort(
    (a, b) =>
      a.madeIn - b.madeIn ||
      compareIds(a.personId, b.personId) ||
      compareIds(a.productId, b.productId),
  );
}
