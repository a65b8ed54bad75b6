// Units and integer arithmetic of the peer economy (MODEL.md §2).
//
// Every amount is a safe integer in a fixed unit, and the unit is part of the type, so
// minutes cannot be added to weighted hours by accident. The scales are chosen once:
//   effort   milli-weighted-hours (mWH), 1 WH = 1000 mWH
//   duration minutes
//   weight   milli, 1.000 = 1000
//   factor   parts per million (ppm), 1.0 = 1 000 000
//   money    cents of one currency, kept in a ledger of its own, never converted to effort
// Every rounding rule of the project lives here, written once and property-tested.

import { assert, assertSafeInteger } from './assert.ts';

declare const unitBrand: unique symbol;
/** A number or string that carries its unit (or id kind) in the type. */
export type Branded<T, Unit extends string> = T & { readonly [unitBrand]: Unit };

export type Minutes = Branded<number, 'Minutes'>;
export type WeightMilli = Branded<number, 'WeightMilli'>;
export type EffortMilli = Branded<number, 'EffortMilli'>;
export type Ppm = Branded<number, 'Ppm'>;
export type Cents = Branded<number, 'Cents'>;
/** ISO 4217 style code of the currency a money ledger is kept in, e.g. `EUR`. */
export type CurrencyCode = Branded<string, 'CurrencyCode'>;

export const MINUTES_PER_HOUR = 60;
export const WEIGHT_ONE_MILLI = 1000 as WeightMilli;
export const EFFORT_MILLI_PER_WH = 1000;
export const PPM_ONE = 1_000_000 as Ppm;

export function minutes(value: number): Minutes {
  assertSafeInteger(value, 'minutes');
  assert(value >= 0, `minutes must not be negative, got ${value}`);
  return value as Minutes;
}

export function weightMilli(value: number): WeightMilli {
  assertSafeInteger(value, 'weightMilli');
  assert(value >= 0, `weightMilli must not be negative, got ${value}`);
  return value as WeightMilli;
}

/** Effort may be negative: a balance or a signed flow. Amounts on transfers are positive. */
export function effortMilli(value: number): EffortMilli {
  assertSafeInteger(value, 'effortMilli');
  return value as EffortMilli;
}

export function ppm(value: number): Ppm {
  assertSafeInteger(value, 'ppm');
  return value as Ppm;
}

export function cents(value: number): Cents {
  assertSafeInteger(value, 'cents');
  return value as Cents;
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function isCurrencyCode(value: string): value is CurrencyCode {
  return CURRENCY_PATTERN.test(value);
}

export function currencyCode(value: string): CurrencyCode {
  assert(isCurrencyCode(value), `currency code must be three capital letters, got ${value}`);
  return value;
}

/** Whole weighted hours to mWH, for examples and settings written in WH. */
export function effortFromWholeHours(weightedHours: number): EffortMilli {
  return effortMilli(weightedHours * EFFORT_MILLI_PER_WH);
}

// ---------------------------------------------------------------------------------------
// Rounding. Division is exact integer division with ties to even (banker's rounding), so
// that rounding errors over many records do not drift in one direction.

/**
 * round_half_even(numerator / denominator) for integers. Works on bigint internally when the
 * inputs are too large for exact float arithmetic, so the result is always exact.
 */
export function divRoundHalfEven(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  assert(d !== 0n, 'division by zero');
  const negative = n < 0n !== d < 0n;
  const absN = n < 0n ? -n : n;
  const absD = d < 0n ? -d : d;
  let quotient = absN / absD;
  const twiceRemainder = (absN % absD) * 2n;
  if (twiceRemainder > absD || (twiceRemainder === absD && quotient % 2n === 1n)) {
    quotient += 1n;
  }
  const result = Number(negative ? -quotient : quotient);
  assertSafeInteger(result, 'rounded quotient');
  return result;
}

/** round_half_even(a × b / d) without intermediate loss of precision. */
export function mulDivRoundHalfEven(a: number, b: number, d: number): number {
  assertSafeInteger(a, 'mulDiv a');
  assertSafeInteger(b, 'mulDiv b');
  assertSafeInteger(d, 'mulDiv d');
  const product = a * b;
  // Exact in floats when |a·b| and |d| are at most 2^52: the product is then exact, and so are
  // the quotient and q·|d| ≤ |a·b| below. Credits (minutes × weight) always are; a bigint per call
  // was most of the cost of a clearing's credits and of checking them.
  if (Math.abs(product) <= FLOAT_EXACT && d !== 0 && Math.abs(d) <= FLOAT_EXACT) {
    const absN = Math.abs(product);
    const absD = Math.abs(d);
    // Exact: for n < 2^53 the gap from n/d up to the next integer, ≥ 1/d, is more than half
    // a unit in the last place of that integer (< 2^53/d), so rounding never reaches it.
    let quotient = Math.floor(absN / absD);
    const remainder = absN - quotient * absD;
    if (2 * remainder > absD || (2 * remainder === absD && quotient % 2 === 1)) quotient += 1;
    return product < 0 !== d < 0 && quotient !== 0 ? -quotient : quotient;
  }
  return divRoundHalfEven(BigInt(a) * BigInt(b), BigInt(d));
}

const FLOAT_EXACT = 2 ** 52;

/** credit_mWH = round_half_even(minutes × weight_milli / 60), MODEL.md §2. */
export function creditEffortMilli(durationMinutes: Minutes, weight: WeightMilli): EffortMilli {
  return effortMilli(mulDivRoundHalfEven(durationMinutes, weight, MINUTES_PER_HOUR));
}

/** A whole number of something that cannot be negative (units, amounts to check on input). */
export function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** amount × factor: a posted price × the price factor, or any other ppm multiplier. */
export function scaleByPpm(amount: EffortMilli, factor: Ppm): EffortMilli {
  return effortMilli(mulDivRoundHalfEven(amount, factor, PPM_ONE));
}

/** The factor a/b in ppm, rounded half-even (for example a price factor 1 + Adj/Base). */
export function ratioPpm(numerator: number, denominator: number): Ppm {
  return ppm(mulDivRoundHalfEven(numerator, PPM_ONE, denominator));
}

// ---------------------------------------------------------------------------------------
// Splits. Any amount shared among several parties uses the largest-remainder method with
// ties broken by party id, so the parts always add up to the whole exactly and the result
// does not depend on the order in which the parties are listed.

/** Ids compare by UTF-16 code units, never by locale, so every machine orders them alike. */
export function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export interface SplitShare<Id extends string = string> {
  readonly id: Id;
  /** A non-negative integer weight: a head count, a capacity factor in milli, a duration. */
  readonly weight: number;
}

export interface SplitPart<Id extends string = string> {
  readonly id: Id;
  readonly amount: number;
}

/** The most parties one split may name; a limit on everything (TigerBeetle style). */
export const SPLIT_PARTIES_MAX = 10_000_000;

/**
 * Splits `total` over the shares in proportion to their weights by the largest-remainder
 * method: everyone gets the floor of their exact share; the units left over go one each to the
 * largest fractional remainders, ties to the smaller id. A negative total is split as its
 * magnitude and negated, so a debit and the matching credit split identically.
 * Parts are returned sorted by id. Ids must be distinct and the weights must not all be zero.
 */
export function splitLargestRemainder<Id extends string>(
  total: number,
  shares: readonly SplitShare<Id>[],
): SplitPart<Id>[] {
  assertSafeInteger(total, 'split total');
  assert(shares.length > 0, 'a split needs at least one party');
  assert(shares.length <= SPLIT_PARTIES_MAX, 'too many parties in one split');
  const sorted = [...shares].sort((a, b) => compareIds(a.id, b.id));
  let weightSum = 0n;
  for (let index = 0; index < sorted.length; index += 1) {
    const share = sorted[index]!;
    assertSafeInteger(share.weight, `weight of ${share.id}`);
    assert(share.weight >= 0, `weight of ${share.id} must not be negative`);
    assert(index === 0 || sorted[index - 1]!.id !== share.id, `party ${share.id} appears twice`);
    weightSum += BigInt(share.weight);
  }
  assert(weightSum > 0n, 'a split needs a positive total weight');

  const magnitude = BigInt(total < 0 ? -total : total);
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let handedOut = 0n;
  for (const share of sorted) {
    const exact = magnitude * BigInt(share.weight);
    const floor = exact / weightSum;
    floors.push(floor);
    remainders.push(exact % weightSum);
    handedOut += floor;
  }
  const leftOver = Number(magnitude - handedOut);
  assert(leftOver >= 0 && leftOver < sorted.length, 'largest remainder left over out of range');

  // Order of who receives one of the left-over units: largest remainder first, then id.
  const order = sorted.map((_, index) => index);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return a - b;
  });
  for (let rank = 0; rank < leftOver; rank += 1) {
    const index = order[rank]!;
    floors[index] = floors[index]! + 1n;
  }

  const sign = total < 0 ? -1 : 1;
  return sorted.map((share, index) => {
    const amount = Number(floors[index]!) * sign;
    return { id: share.id, amount: amount === 0 ? 0 : amount };
  });
}

/** Splits `total` into equal parts (a flat-rate share): largest remainder with unit weights. */
export function splitEvenly<Id extends string>(total: number, ids: readonly Id[]): SplitPart<Id>[] {
  return splitLargestRemainder(
    total,
    ids.map((id) => ({ id, weight: 1 })),
  );
}

/** Sum of safe integers; asserts the sum stays exact. */
export function sumIntegers(values: Iterable<number>): number {
  let sum = 0;
  for (const value of values) {
    sum += value;
    assertSafeInteger(sum, 'sum');
  }
  return sum;
}

/** Formats mWH as weighted hours with three decimals, e.g. 3500 → "3.500". For display only. */
export function formatEffortMilli(amount: EffortMilli): string {
  const negative = amount < 0;
  const magnitude = Math.abs(amount);
  const whole = Math.floor(magnitude / EFFORT_MILLI_PER_WH);
  const fraction = String(magnitude % EFFORT_MILLI_PER_WH).padStart(3, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Formats a weight in milli as a decimal, e.g. 1250 → "1.250". For display only. */
export function formatWeightMilli(weight: WeightMilli): string {
  return formatEffortMilli(weight as number as EffortMilli);
}
