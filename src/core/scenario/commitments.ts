// Premiums paid as commitments (reference §4.6, MODEL.md M7): the premium is debited at
// settlement like any other, and the commitment records that the person will contribute that
// much effort by its due period. Each period the person's work credits are applied to their
// open commitments, oldest first, so one hour of work never pays off two commitments;
// `commitmentStatus` then says fulfilled, open or overdue. A commitment whose good waits for
// it (`release: onCompletion`, reservations.ts) lapses instead of becoming overdue: the good
// goes back to stock and nothing is owed any more, so it is dropped like a fulfilled one.

import { commitmentStatus, type PremiumCommitment } from '../goods/index.ts';
import type { AccountId } from '../ids.ts';
import type { TransferRequest } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import { compareIds } from '../units.ts';

export interface TrackedCommitment {
  readonly commitment: PremiumCommitment;
  /** The period whose settlement recorded it; work from the next period on pays it off. */
  readonly madeIn: number;
  /** The ordinal of the premium in its period (product, then person), to order ties. */
  readonly order: number;
  creditedEffortMilli: number;
}

export interface CommitmentLine {
  readonly personId: string;
  readonly productId: string;
  readonly amountEffortMilli: number;
  readonly madeIn: number;
  readonly duePeriod: number;
  readonly release: 'atOnce' | 'onCompletion';
  readonly creditedEffortMilli: number;
  readonly status: 'fulfilled' | 'open' | 'overdue' | 'lapsed';
}

/** Work credits of the period count: the market's (`work.credit`, `work.upgrade`) and the
 *  time bank's (`work.service`): every transfer coded `work.*` that credits a person. */
function workCredited(chart: PoolChart, transfers: readonly TransferRequest[]) {
  const personOf = new Map<AccountId, string>();
  for (const [personId, accountId] of chart.persons) personOf.set(accountId, personId);
  const credited = new Map<string, number>();
  for (const t of transfers) {
    const personId = personOf.get(t.creditAccountId);
    if (personId === undefined || !t.code.startsWith('work.')) continue;
    credited.set(personId, (credited.get(personId) ?? 0) + t.amount);
  }
  return credited;
}

/**
 * Applies the period's work credits to the commitments made before it, adds the commitments
 * made in it, and returns every commitment that was open at the start of the period or made
 * in it, with its status at the end. Fulfilled ones are then dropped from `open`.
 */
export function followCommitments(
  open: TrackedCommitment[],
  chart: PoolChart,
  p: number,
  transfers: readonly TransferRequest[],
  made: readonly PremiumCommitment[],
): CommitmentLine[] {
  const credited = workCredited(chart, transfers);
  const oldestFirst = [...open].sort((a, b) => a.madeIn - b.madeIn || a.order - b.order);
  for (const tracked of oldestFirst) {
    const personId = tracked.commitment.personId;
    const available = credited.get(personId) ?? 0;
    const owed = tracked.commitment.amountEffortMilli - tracked.creditedEffortMilli;
    const applied = Math.min(available, owed);
    tracked.creditedEffortMilli += applied;
    credited.set(personId, available - applied);
  }
  made.forEach((commitment, order) => {
    open.push({ commitment, madeIn: p, order, creditedEffortMilli: 0 });
  });
  const lines = open.map((t): CommitmentLine => {
    const status = commitmentStatus(t.commitment, t.creditedEffortMilli, p);
    return {
      personId: t.commitment.personId,
      productId: t.commitment.productId,
      amountEffortMilli: t.commitment.amountEffortMilli,
      madeIn: t.madeIn,
      duePeriod: t.commitment.duePeriod,
      release: t.commitment.release,
      creditedEffortMilli: t.creditedEffortMilli,
      status: status === 'overdue' && t.commitment.release === 'onCompletion' ? 'lapsed' : status,
    };
  });
  const stillOpen = open.filter(
    (_, i) => lines[i]!.status !== 'fulfilled' && lines[i]!.status !== 'lapsed',
  );
  open.splice(0, open.length, ...stillOpen);
  return lines.sort(
    (a, b) =>
      a.madeIn - b.madeIn ||
      compareIds(a.personId, b.personId) ||
      compareIds(a.productId, b.productId),
  );
}
