// Numbers as maintainers and coordinators read them: effort as hours with one decimal, a weight
// as "1 hour counts 1.3 hours", a form's decimal hours back into the core's integers, and a
// refusal in the reader's language with the status the API answers it with.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { statusOf } from '../../../http/problem.ts';
import type { Lang } from '../../../i18n/index.ts';
import { hasWebText, refusalText, webText } from '../texts/index.ts';

const LOCALE: Record<Lang, string> = { en: 'en-GB', de: 'de-DE' };

/** An integer in thousandths (mWH, weight milli) with one decimal, in the reader's notation. */
export const oneDecimal = (lang: Lang, milli: number): string =>
  new Intl.NumberFormat(LOCALE[lang], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(milli / 1000);

/** Effort in mWH as weighted hours: "3.5 h". */
export const hoursText = (lang: Lang, effortMilli: number): string =>
  webText(lang, 'plain.hours', { hours: oneDecimal(lang, effortMilli) });

/** A weight in milli as the plain sentence: "1 hour counts 1.3 hours". */
export const weightText = (lang: Lang, weightMilli: number): string =>
  webText(lang, 'plain.weight', { weight: oneDecimal(lang, weightMilli) });

/** Minutes as hours and minutes: "1 h 30 min". */
export const minutesText = (lang: Lang, minutes: number): string =>
  webText(lang, 'plain.minutes', { h: Math.floor(minutes / 60), m: minutes % 60 });

/** "1.3" or "1,3" (hours, a weight) as thousandths; null when it is not such a number. */
export function parseThousandths(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,3})?$/.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

/** A whole number from a form field; null when it is not one in [min, max]. */
export function parseWhole(value: unknown, min: number, max: number): number | null {
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : null;
}

/** A form field as trimmed text, at most `max` characters. */
export const textField = (value: unknown, max = 128): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';

/** A refusal of a use case: its text (the area's own wording first) and its page status. */
export function refusalOf(
  lang: Lang,
  error: { readonly code: string; readonly detail: string },
): { readonly message: string; readonly status: ContentfulStatusCode } {
  // The scenario's own checks (a duplicate id, a missing reference …) read as the pool's refusal.
  const code = error.code.startsWith('scenario.') ? 'economy.invalid_input' : error.code;
  const own = `plain.refusal.${code}`;
  const message = hasWebText(lang, own)
    ? webText(lang, own, { detail: error.detail })
    : refusalText(lang, error.code, error.detail);
  const status = statusOf(error.code);
  return { message, status: (status === 401 ? 403 : status) as ContentfulStatusCode };
}
