// How a refused member form answers: the refusal in the reader's language for the field it
// belongs to, with the status a browser (and htmx) reads as a refusal.
import type { Context } from 'hono';
import type { Lang } from '../../../i18n/index.ts';
import { refusalText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';

/** A refusal to show next to one field of one form on the page. */
export interface FieldRefusal {
  /** Which form (a task instance, a product …). */
  readonly target: string;
  readonly field: string;
  readonly message: string;
  /** What the reader typed, kept in the field. */
  readonly value?: string;
  readonly status: 403 | 409 | 422;
}

/** The status for a refusal code: a policy's 403, a wrong moment 409, bad input 422. */
export function statusOfCode(code: string): 403 | 409 | 422 {
  if (code.startsWith('auth.')) return 403;
  if (
    code === 'economy.wrong_stage' ||
    code === 'economy.wrong_period' ||
    code === 'economy.no_open_period' ||
    code === 'economy.idempotency_key_reused'
  ) {
    return 409;
  }
  return 422;
}

/** A refusal from a use case (a stable code and a detail), placed next to `field`. */
export function refusedBy(
  lang: Lang,
  target: string,
  field: string,
  error: { code: string; detail: string },
  value?: string,
): FieldRefusal {
  return {
    target,
    field,
    message: refusalText(lang, error.code, error.detail),
    status: statusOfCode(error.code),
    ...(value === undefined ? {} : { value }),
  };
}

/** A refusal the page itself finds (a weight that is no number …), in the reader's language. */
export const refusedHere = (
  target: string,
  field: string,
  message: string,
  value?: string,
): FieldRefusal => ({
  target,
  field,
  message,
  status: 422,
  ...(value === undefined ? {} : { value }),
});

/** The refusal for this form and field, if it is the one refused. */
export const errorFor = (refusal: FieldRefusal | null, target: string, field: string) =>
  refusal !== null && refusal.target === target && refusal.field === field ? refusal : null;

/** The form's fields as strings. */
export async function formOf(c: Context<WebEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [name, typeof value === 'string' ? value : '']),
  );
}
