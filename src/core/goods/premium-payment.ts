// Paying a premium on a scarce good (reference §4.8, MODEL.md M7): from the balance at once, or
// as effort committed to be contributed by a due period, released at once or on completion.

import type { PersonId, ProductId } from '../ids.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import type { EffortMilli } from '../units.ts';
import type { GoodsAllocation, PremiumPayment } from './preference.ts';

export interface PremiumCommitment {
  readonly personId: PersonId;
  readonly productId: ProductId;
  readonly amountEffortMilli: EffortMilli;
  /** The last period in which the committed effort must have been contributed. */
  readonly duePeriod: number;
  readonly release: 'atOnce' | 'onCompletion';
}

export type PremiumSettlement =
  | { readonly kind: 'balance'; readonly amountEffortMilli: EffortMilli }
  | { readonly kind: 'commitment'; readonly commitment: PremiumCommitment };

/**
 * How a won premium is paid. From balance: the person's balance must cover it (a premium is
 * extra effort already contributed). As a commitment: recorded with its due period; the
 * premium is still debited at settlement, so the commitment shows as a debt to work off.
 */
export function settlePremium(
  allocation: GoodsAllocation,
  productId: ProductId,
  payment: PremiumPayment,
  balanceEffortMilli: number,
  period: number,
): Result<PremiumSettlement, Failure<'goods.premium_not_covered' | 'goods.bad_term'>> {
  const amount = allocation.premiumEffortMilli;
  if (payment.kind === 'balance') {
    if (balanceEffortMilli < amount) {
      return failure(
        'goods.premium_not_covered',
        `${allocation.personId}: balance ${balanceEffortMilli} does not cover premium ${amount}`,
      );
    }
    return ok({ kind: 'balance', amountEffortMilli: amount });
  }
  if (!Number.isSafeInteger(payment.termPeriods) || payment.termPeriods < 1) {
    return failure('goods.bad_term', 'a commitment term must be ≥ 1 period');
  }
  return ok({
    kind: 'commitment',
    commitment: {
      personId: allocation.personId,
      productId,
      amountEffortMilli: amount,
      duePeriod: period + payment.termPeriods,
      release: payment.release,
    },
  });
}

/** Fulfilled once the person has been credited the committed effort since the commitment. */
export function commitmentStatus(
  commitment: PremiumCommitment,
  creditedSinceEffortMilli: number,
  currentPeriod: number,
): 'fulfilled' | 'open' | 'overdue' {
  if (creditedSinceEffortMilli >= commitment.amountEffortMilli) return 'fulfilled';
  return currentPeriod > commitment.duePeriod ? 'overdue' : 'open';
}

/** Whether the good may be handed out now. */
export function mayRelease(settlement: PremiumSettlement, fulfilled: boolean): boolean {
  return settlement.kind === 'balance' || settlement.commitment.release === 'atOnce' || fulfilled;
}
