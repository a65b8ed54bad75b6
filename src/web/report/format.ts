// Number formatting for the report, per language. Amounts are integers in milli (mWH, weight
// milli) or ppm; they are formatted from the integer, not from a float, so 3 or 6 decimals are
// exact, and only the grouping and decimal separator come from Intl.
import type { Lang } from '../../i18n/index.ts';

export interface ReportFormat {
  /** mWH → WH with 3 decimals, e.g. en "1,234.500", de "1.234,500". */
  readonly wh: (effortMilli: number) => string;
  /** Weight milli → weight with 3 decimals. */
  readonly weight: (weightMilli: number) => string;
  /** ppm → factor with 6 decimals. */
  readonly factor: (ppm: number) => string;
  /** A ratio (0..1) as a percentage with 1 decimal. */
  readonly percent: (ratio: number) => string;
  readonly integer: (n: number) => string;
  /** mWH → hours with one decimal for prose a person reads, e.g. en "12.3", de "12,3"
   *  (rounded half away from zero; the exact amount stays in the tables). */
  readonly hours: (effortMilli: number) => string;
  /** Weight milli → weight with one decimal ("1.3"), for "1 hour counts 1.3 hours". */
  readonly weightPlain: (weightMilli: number) => string;
  /** ppm → factor with two decimals ("0.97"), for "goods cost 3 % less". */
  readonly factorPlain: (ppm: number) => string;
}

/** value ÷ divisor rounded half away from zero, on integers (no float error at the half). */
function roundDiv(value: number, divisor: number): number {
  const q = Math.floor(Math.abs(value) / divisor);
  const r = Math.abs(value) % divisor;
  const rounded = 2 * r >= divisor ? q + 1 : q;
  return value < 0 ? -rounded : rounded;
}

export function reportFormat(lang: Lang): ReportFormat {
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const decimal =
    new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  const percent = new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const fixed = (value: number, digits: number) => {
    const scale = 10 ** digits;
    const magnitude = Math.abs(value);
    const fraction = String(magnitude % scale).padStart(digits, '0');
    return `${value < 0 ? '-' : ''}${whole.format(Math.floor(magnitude / scale))}${decimal}${fraction}`;
  };
  return {
    wh: (v) => fixed(v, 3),
    weight: (v) => fixed(v, 3),
    factor: (v) => fixed(v, 6),
    percent: (r) => percent.format(r),
    integer: (n) => whole.format(n),
    hours: (v) => fixed(roundDiv(v, 100), 1),
    weightPlain: (v) => fixed(roundDiv(v, 100), 1),
    factorPlain: (v) => fixed(roundDiv(v, 10_000), 2),
  };
}
