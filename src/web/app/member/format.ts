// Amounts and weights as a member reads them (issue 16, "plain language"): hours with one
// decimal, and a weight as "1 hour counts 1.3 hours"; the precise integers stay in the books.
import type { Lang } from '../../../i18n/index.ts';
import { webText } from '../texts/index.ts';

const decimal = (lang: Lang, value: number, digits: number) =>
  new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);

/** A factor in parts per million with three decimals, e.g. 998 000 → "0.998" ("0,998"). */
export const factorNumber = (lang: Lang, factorPpm: number): string =>
  decimal(lang, factorPpm / 1_000_000, 3);

/** Milli-weighted-hours as hours with one decimal, e.g. 4800 → "4.8" ("4,8" in German). */
export const hours = (lang: Lang, effortMilli: number): string =>
  decimal(lang, Math.round(effortMilli / 100) / 10, 1);

/** A signed amount: "+4.8" credited, "−1.5" debited. */
export const signedHours = (lang: Lang, effortMilli: number): string =>
  `${effortMilli < 0 ? '−' : '+'}${hours(lang, Math.abs(effortMilli))}`;

/** A weight in milli as a decimal with one to three decimals, e.g. 1300 → "1.3", 1000 → "1.0". */
export const weightNumber = (lang: Lang, weightMilli: number): string =>
  new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 3,
  }).format(weightMilli / 1000);

/** "1 hour counts 1.3 hours". */
export const weightWords = (lang: Lang, weightMilli: number): string =>
  webText(lang, 'member.weight.words', { weight: weightNumber(lang, weightMilli) });

/** Minutes as "4 h" or "2 h 30 min". */
export function duration(lang: Lang, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return webText(lang, m === 0 ? 'member.duration.hours' : 'member.duration.hoursMinutes', {
    h,
    m,
  });
}

/**
 * A weight typed by a member ("1.3", "1,3") in milli; null when it is not a positive number
 * with at most three decimals.
 */
export function parseWeightMilli(text: string): number | null {
  const normal = text.trim().replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(normal)) return null;
  const [whole = '0', fraction = ''] = normal.split('.');
  const milli = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  return milli > 0 ? milli : null;
}

/** Hours typed by a member ("1.5", "0,5") in milli-weighted-hours; null when not a number ≥ 0. */
export function parseHoursMilli(text: string): number | null {
  const normal = text.trim().replace(',', '.');
  if (!/^\d{1,6}(\.\d{1,3})?$/.test(normal)) return null;
  const [whole = '0', fraction = ''] = normal.split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

/** A start time (ISO 8601) in the reader's language, in the pool's time zone. */
export function startTime(lang: Lang, iso: string, timeZone: string | undefined): string {
  // Without an offset the time is already the pool's wall-clock time: shown as written.
  const withOffset = /([zZ]|[+-]\d\d:?\d\d)$/.test(iso);
  const date = new Date(withOffset ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: withOffset ? (timeZone ?? 'UTC') : 'UTC',
  }).format(date);
}
