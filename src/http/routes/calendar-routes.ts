// Calendar feeds over HTTP: a person makes a secret feed URL of their assigned slots (shown
// once) and revokes their feeds; a calendar program reads `GET /calendar/{token}` without
// signing in, an iCalendar of the slots from four weeks back to twelve ahead (decision 0034).
import { createRoute, z } from '@hono/zod-openapi';
import { idempotentWrite } from '../account-idempotency.ts';
import type { HttpDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import {
  answer,
  IdempotencyHeaders,
  jsonBody,
  newRouter,
  problems,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { PoolParams } from '../schemas.ts';

const PersonParams = PoolParams.extend({
  personId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'personId', in: 'path' } }),
});
const TokenParams = z.object({
  token: z
    .string()
    .regex(/^pcf_[\w-]{20,100}$/)
    .openapi({ param: { name: 'token', in: 'path' } }),
});
const Feed = z
  .object({
    poolId: z.string(),
    personId: z.string(),
    createdAt: z.number().int(),
    token: z.string().optional().openapi({
      description:
        'The secret of the feed URL `/api/v1/calendar/{token}`, shown once (not on a repeated request).',
    }),
  })
  .openapi('CalendarFeed');
const Revoked = z.object({ revoked: z.number().int() }).openapi('CalendarFeedsRevoked');

const WRITE_PROBLEMS = problems(400, 401, 403, 422, 429);

export function calendarRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { calendarFeeds, authStore } = deps;

  for (const method of ['post', 'delete'] as const) {
    route(
      router,
      createRoute({
        method,
        path: '/pools/{poolId}/persons/{personId}/calendar-feeds',
        tags: ['exports'],
        summary:
          method === 'post'
            ? 'Make a secret calendar feed URL of one’s assigned slots (that person only).'
            : 'Revoke every calendar feed of one’s own (that person only).',
        security: SECURITY,
        request: { params: PersonParams, headers: IdempotencyHeaders },
        responses:
          method === 'post'
            ? { 201: jsonBody(Feed, 'The feed; its token shown once.'), ...WRITE_PROBLEMS }
            : { 200: jsonBody(Revoked, 'How many feeds were revoked.'), ...WRITE_PROBLEMS },
      }),
      async (c) => {
        const { poolId, personId } = valid(c, 'param', PersonParams);
        const actor = c.get('actor');
        return idempotentWrite(
          c,
          authStore,
          { poolId, personId },
          method === 'post' ? 201 : 200,
          async (context) =>
            method === 'post'
              ? answer(c, await calendarFeeds.create(actor, poolId, personId, context), 201)
              : answer(c, await calendarFeeds.revoke(actor, poolId, personId, context)),
        );
      },
    );
  }

  route(
    router,
    createRoute({
      method: 'get',
      path: '/calendar/{token}',
      tags: ['exports'],
      summary:
        'A calendar feed: the person’s assigned slots with a time, four weeks back to twelve ahead (iCalendar; the token is the credential).',
      request: { params: TokenParams },
      responses: {
        200: {
          description: 'The calendar.',
          content: { 'text/calendar': { schema: z.string() } },
        },
        ...problems(400, 404, 422),
      },
    }),
    async (c) => {
      const { token } = valid(c, 'param', TokenParams);
      const feed = await calendarFeeds.feedOf(token);
      if (!feed.ok) return problem(c, feed.error.code, feed.error.detail);
      const rendered = await deps.exportPool(feed.value.poolId, {
        format: 'ical',
        personId: feed.value.personId,
        now: new Date(deps.now()),
      });
      if (!rendered.ok) return problem(c, rendered.error.code, rendered.error.detail);
      return c.body(rendered.value.body, 200, {
        'content-type': rendered.value.mediaType,
        'cache-control': 'private, no-store',
      });
    },
  );
  return router;
}
