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
  };
}
