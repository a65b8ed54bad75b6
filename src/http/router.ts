// The pieces every route file uses: a router whose request validation answers problem+json,
// the problem responses a route declares in the OpenAPI document, and turning a use case's
// typed result into a response.
import { OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Decision } from '../app/policies/permissions.ts';
import type { HttpEnv } from './env.ts';
import { PROBLEM_MEDIA_TYPE, ProblemSchema, problem } from './problem.ts';

export function newRouter() {
  return new OpenAPIHono<HttpEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      if (result.target === 'header') {
        return problem(
          c,
          'http.idempotency_key_missing',
          'a write needs an Idempotency-Key header (1 to 100 characters)',
        );
      }
      const issues = result.error.issues
        .slice(0, 5)
        .map((issue) => `${[result.target, ...issue.path].join('.')}: ${issue.message}`)
        .join('; ');
      return problem(c, 'http.invalid_request', issues);
    },
  });
}

export type Router = ReturnType<typeof newRouter>;

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (problem+json).',
  401: 'Not signed in, or the credential has ended.',
  403: 'The actor may not do this.',
  404: 'No such pool, input or account.',
  409: 'Refused in the pool’s present state (cycle, stage, period).',
  410: 'The link is used or expired.',
  422: 'Refused by the economy’s rules, or an idempotency key reused for another request.',
  429: 'Too many requests; retry after the Retry-After header’s seconds.',
};

/** The problem responses of a route, for its OpenAPI description. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status] ?? 'Refused.',
        content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  );
}

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(100).openapi({
    description:
      'Makes the write safe to retry: the same key and body answer the same; the same key with another body is refused.',
  }),
});

export const SECURITY = [{ session: [] }, { bearer: [] }];

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; detail: string } };

/** A use case's result as a response: its value as JSON, or its refusal as problem+json. */
export function answer<T>(c: Context, result: Answer<T>, status: 200 | 201 = 200): Response {
  if (!result.ok) return problem(c, result.error.code, result.error.detail);
  return c.json(result.value as object, status);
}

/** The policy's refusal as problem+json; null when it allows. */
export const refusal = (c: Context, decision: Decision): Response | null =>
  decision.allowed ? null : problem(c, decision.code, decision.detail);

/** Registers a route whose handler returns plain responses (their bodies are checked against
 *  the document by the tests, not by the compiler). */
export function route<R extends RouteConfig>(
  router: Router,
  config: R,
  handler: (c: Context<HttpEnv>) => Promise<Response>,
): void {
  router.openapi(config, handler as never);
}

/** The validated part of a request (the route's schema checked it before the handler ran). */
export function valid<S extends z.ZodType>(
  c: Context,
  target: 'json' | 'query' | 'param',
  _schema: S,
): z.infer<S> {
  return (c.req.valid as (t: string) => unknown)(target) as z.infer<S>;
}

/** Cursor paging: `after` (exclusive) and `limit` (1 to the maximum). */
export const MAX_PAGE = 500;
export const PageQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(-1)
    .optional()
    .openapi({ description: 'Answer items after this cursor (exclusive).' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .optional()
    .openapi({ description: `At most this many items (≤ ${MAX_PAGE}, default 100).` }),
});

export function page<T>(items: readonly T[], limit: number, cursorOf: (item: T) => number) {
  return { items, nextCursor: items.length === limit ? cursorOf(items.at(-1)!) : null };
}
