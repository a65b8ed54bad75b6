// Refusals on the wire: RFC 9457 problem+json carrying the core's stable code. The status
// follows from the code's family, so a new code of a known family needs no change here; an
// unknown code is a 422 (the request was understood and refused), never a 500.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:peerconomy:problem:economy.wrong_stage' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ description: 'The stable code of the refusal.' }),
    instance: z.string().optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'http.invalid_request': 400,
  'http.idempotency_key_missing': 400,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.forbidden': 403,
  'auth.read_only_token': 403,
  'http.cross_site': 403,
  'http.not_found': 404,
  'economy.unknown_pool': 404,
  'economy.unknown_input': 404,
  'economy.unknown_person': 404,
  'auth.unknown_account': 404,
  'auth.unknown_token': 404,
  'auth.unknown_session': 404,
  'auth.link_invalid': 410,
  'auth.pending_sign_in_invalid': 410,
  'economy.pool_exists': 409,
  'auth.login_taken': 409,
  'auth.second_factor_on': 409,
  'auth.second_factor_off': 409,
  'economy.wrong_period': 409,
  'economy.wrong_stage': 409,
  'economy.no_open_period': 409,
  'economy.changes_closed_period': 409,
  'economy.run_stopped': 409,
  'economy.books_diverged': 409,
  'cycle.out_of_order': 409,
  'http.body_too_large': 413,
  'http.unsupported_media_type': 415,
  'economy.idempotency_key_reused': 422,
  'http.idempotency_key_reused': 422,
  'auth.weak_password': 422,
  'http.rate_limited': 429,
  'auth.locked': 429,
  'http.internal': 500,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Refused',
  429: 'Too many requests',
  500: 'Internal error',
};

export const statusOf = (code: string): number => STATUS_BY_CODE[code] ?? 422;

export function problemBody(code: string, detail: string, instance?: string): Problem {
  const status = statusOf(code);
  return {
    type: `urn:peerconomy:problem:${code}`,
    title: TITLES[status] ?? 'Refused',
    status,
    detail,
    code,
    ...(instance === undefined ? {} : { instance }),
  };
}

export function problemResponse(code: string, detail: string, instance?: string): Response {
  const body = problemBody(code, detail, instance);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_MEDIA_TYPE },
  });
}

export const problem = (c: Context, code: string, detail: string): Response =>
  problemResponse(code, detail, c.req.path);
