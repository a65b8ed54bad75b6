// The pool's exports over HTTP (issue 15 item 5), rendered by the same use case as
// `peerconomy export`: the transfers as CSV for whoever reads the books (they are the journal,
// with the person accounts the reader may not see hidden, as in the API's journal);
// the exports that hold every person's data (members with their balances, statements, work,
// the ValueFlows document with each person's takings, the hledger journal) for auditors only.
import { createRoute, z } from '@hono/zod-openapi';
import type { ExportFormat } from '../../app/exports/export-pool.ts';
import { canAudit, canReadBooks } from '../../app/policies/permissions.ts';
import { personVisibility } from '../../app/policies/person-visibility.ts';
import type { HttpDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { newRouter, problems, refusal, route, SECURITY, valid } from '../router.ts';
import { PoolParams } from '../schemas.ts';

/** Each format served, with what it is and who may read it. */
const FORMATS = [
  [
    'csv-transfers',
    'text/csv',
    "Every transfer of the journal (CSV; whoever reads the books; a person's account named only to that person and auditors).",
  ],
  ['csv-members', 'text/csv', 'The members with their balances (CSV; auditors).'],
  ['csv-statements', 'text/csv', "Every person's statement lines (CSV; auditors)."],
  ['csv-work', 'text/csv', 'Every work record with its credit (CSV; auditors).'],
  [
    'valueflows',
    'application/ld+json',
    'Work and takings as ValueFlows 1.0 economic events, with recipes and agents (JSON-LD; auditors).',
  ],
  ['hledger', 'text/plain', 'An hledger journal of every posted transfer (auditors).'],
] as const satisfies readonly (readonly [ExportFormat, string, string])[];

const HledgerQuery = z.object({
  firstPeriodDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .openapi({ description: 'The first day of period 1 (YYYY-MM-DD); default from task starts.' }),
  periodLength: z.enum(['month', 'week']).optional(),
});

export function exportRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { economy, authStore } = deps;

  for (const [format, mediaType, summary] of FORMATS) {
    route(
      router,
      createRoute({
        method: 'get',
        path: `/pools/{poolId}/exports/${format}`,
        tags: ['exports'],
        summary,
        security: SECURITY,
        request: { params: PoolParams, ...(format === 'hledger' ? { query: HledgerQuery } : {}) },
        responses: {
          200: {
            description: 'The export, as a file to save.',
            content: {
              [mediaType]: {
                schema: mediaType.endsWith('json') ? z.record(z.string(), z.unknown()) : z.string(),
              },
            },
          },
          ...problems(400, 401, 403, 404, 422),
        },
      }),
      async (c) => {
        const { poolId } = valid(c, 'param', PoolParams);
        const status = await economy.status(poolId);
        if (!status.ok) return problem(c, status.error.code, status.error.detail);
        const actor = c.get('actor');
        const decision =
          format === 'csv-transfers'
            ? canReadBooks(actor, { poolId, publicBooks: await authStore.publicBooks(poolId) })
            : canAudit(actor, poolId);
        const refused = refusal(c, decision);
        if (refused !== null) return refused;
        const query = format === 'hledger' ? valid(c, 'query', HledgerQuery) : {};
        const see = personVisibility(actor, poolId);
        const showsAccount = (accountId: string) => see(accountId).visible;
        const rendered = await deps.exportPool(poolId, { format, ...query, showsAccount });
        if (!rendered.ok) return problem(c, rendered.error.code, rendered.error.detail);
        const { body, fileName } = rendered.value;
        return c.body(body, 200, {
          'content-type': rendered.value.mediaType,
          'content-disposition': `attachment; filename="${fileName}"`,
        });
      },
    );
  }
  return router;
}
