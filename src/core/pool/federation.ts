// Federation of pools (reference §4.9 "Several pools", MODEL.md M16). When members of pool A
// take goods made in pool B, A debits its member and credits its federation account for B;
// B credits its project and debits its federation account for A. Between the pools only the
// two federation balances exist: settlement happens at pool level, never between persons.
// Each pool counts in its own weighted hours; the net is converted by the pools' weight
// indices (W̄, MODEL.md M3) once, at settlement.

import type { PoolId } from '../ids.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import { mulDivRoundHalfEven, PPM_ONE } from '../units.ts';

export interface FederationSide {
  readonly poolId: PoolId;
  /** Balance of this pool's federation account for the other pool (credits − debits). */
  readonly balanceEffortMilli: number;
  /** The pool's published weight index W̄ of the period, in milli (1.000 = 1000). */
  readonly weightIndexMilli: number;
}

export interface FederationPosition {
  /** The pool that owes (its members took more than its projects supplied); none if even. */
  readonly debtorPoolId?: PoolId;
  readonly creditorPoolId?: PoolId;
  /** What is owed, in each pool's own weighted hours. */
  readonly amountInA: number;
  readonly amountInB: number;
  /** A's balance converted into B's weight space, minus B's mirror; within tolerance. */
  readonly conversionDifferenceEffortMilli: number;
}

/**
 * Checks that the two federation accounts mirror each other (A's positive balance is B's
 * negative one, after converting by W̄_B / W̄_A) and states who owes whom.
 */
export function reconcileFederation(
  a: FederationSide,
  b: FederationSide,
  toleranceEffortMilli = 0,
): Result<FederationPosition, Failure<'pool.federation_mismatch' | 'pool.bad_weight_index'>> {
  if (a.weightIndexMilli <= 0 || b.weightIndexMilli <= 0) {
    return failure('pool.bad_weight_index', 'weight indices must be positive');
  }
  const aInB = mulDivRoundHalfEven(a.balanceEffortMilli, b.weightIndexMilli, a.weightIndexMilli);
  const difference = aInB + b.balanceEffortMilli;
  if (Math.abs(difference) > toleranceEffortMilli) {
    return failure(
      'pool.federation_mismatch',
      `${a.poolId} holds ${a.balanceEffortMilli} (${aInB} in ${b.poolId}'s hours), ` +
        `${b.poolId} holds ${b.balanceEffortMilli}: difference ${difference} mWH`,
    );
  }
  const base = {
    amountInA: Math.abs(a.balanceEffortMilli),
    amountInB: Math.abs(b.balanceEffortMilli),
    conversionDifferenceEffortMilli: difference,
  };
  if (a.balanceEffortMilli === 0 && b.balanceEffortMilli === 0) return ok(base);
  const aOwes =
    a.balanceEffortMilli > 0 || (a.balanceEffortMilli === 0 && b.balanceEffortMilli < 0);
  return ok({
    ...base,
    debtorPoolId: aOwes ? a.poolId : b.poolId,
    creditorPoolId: aOwes ? b.poolId : a.poolId,
  });
}

/**
 * The part of a federation balance a partial write-off closes: share × balance, rounded
 * half-even, with the balance's sign. Each pool applies the agreed share to its own balance,
 * in its own weighted hours at the rates it was built with, so no conversion by today's W̄ is
 * needed and a whole write-off (1 000 000 ppm) leaves both accounts at exactly 0.
 */
export function federationWriteOffShare(balanceEffortMilli: number, sharePpm: number): number {
  return mulDivRoundHalfEven(balanceEffortMilli, sharePpm, PPM_ONE);
}
