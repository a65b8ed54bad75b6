// The open books (MODEL.md M17): a period's clearing and report and the journal, for the
// pool's people and for the public where the pool opened its books; one person's statement
// for that person and auditors; verify, which recomputes the hash chain, for anyone.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { unknownPool } from '../../app/economy/refusals.ts';
import { canReadBooks, canReadStatement, canVerify } from '../../app/policies/permissions.ts';
import {
  hiddenPersons,
  personVisibility,
  withPersonsHidden,
} from '../../app/policies/person-visibility.ts';
import type { PoolId } from '../../core/ids.ts';
import type { HttpDeps } from '../deps.ts';
import type { HttpEnv } from '../env.ts';
import { problem } from '../problem.ts';
import {
  jsonBody,
  newRouter,
  PageQuery,
  page,
  problems,
  refusal,
  route,
  SECURITY,
  valid,
} from '../router.ts';
import { PeriodParams, PoolParams } from '../schemas.ts';

const PeriodDoc = z
  .object({
    period: z.number().int(),
    value: z.unknown().openapi({ description: 'The stored document; null before it exists.' }),
  })
  .openapi('PeriodDocument');
const JournalLine = z
  .object({
    index: z.number().int(),
    kind: z.enum(['created', 'posted', 'voided']),
    transferId: z.string().openapi({
      description: '`*` on a line with a person account the reader may not see.',
    }),
    previousHash: z.string(),
    hash: z.string(),
    debitAccountId: z.string().openapi({
      description:
        "`<pool>.person.*` for a person account the reader may not see (only the person's own and, for auditors, every one; MODEL.md M17).",
    }),
    creditAccountId: z.string().openapi({ description: 'As debitAccountId.' }),
    amount: z.number().int(),
    unit: z.string(),
    code: z.string(),
    period: z.number().int().nullable(),
  })
  .openapi('JournalLine');
type JournalLineRead = z.infer<typeof JournalLine>;
/** A journal line as the reader may see it: a person account the reader may not read named
 *  as `<pool>.person.*`, and the transfer id of its line (it names the record, and so often
 *  the person) as `*`. The hashes stay: `/verify` recomputes the chain from the stored entries. */
function withHiddenPersons(poolId: string, see: ReturnType<typeof personVisibility>) {
  const hidden = `${poolId}.person.*`;
  return (line: JournalLineRead): JournalLineRead => {
    const debit = see(line.debitAccountId).visible ? line.debitAccountId : hidden;
    const credit = see(line.creditAccountId).visible ? line.creditAccountId : hidden;
    if (debit === line.debitAccountId && credit === line.creditAccountId) return line;
    return { ...line, transferId: '*', debitAccountId: debit, creditAccountId: credit };
  };
}
const JournalPage = z
  .object({ items: z.array(JournalLine), nextCursor: z.number().int().nullable() })
  .openapi('JournalPage');
const StatementLine = z
  .object({
    index: z.number().int(),
    transferId: z.string(),
    state: z.enum(['pending', 'posted', 'voided']),
    counterpartyAccountId: z.string(),
    amount: z
      .number()
      .int()
      .openapi({ description: 'Credited (+) or debited (−), in the unit’s integer amount.' }),
    unit: z.string(),
    code: z.string(),
    period: z.number().int().nullable(),
  })
  .openapi('StatementLine');
const Statement = z
  .object({
    personId: z.string(),
    accountId: z.string(),
    unit: z.string(),
    debitsPosted: z.number().int(),
    creditsPosted: z.number().int(),
    balance: z.number().int(),
    items: z.array(StatementLine),
    nextCursor: z.number().int().nullable(),
  })
  .openapi('Statement');
const Verification = z
  .object({
    poolId: z.string(),
    accounts: z.number().int(),
    transfers: z.number().int(),
    journalEntries: z.number().int(),
    headHash: z.string(),
    balanceSumByUnit: z.record(z.string(), z.number()),
    problem: z.object({ reason: z.string(), detail: z.string() }).passthrough().optional(),
  })
  .openapi('Verification');
const PersonParams = PoolParams.extend({
  personId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'personId', in: 'path' } }),
});

const DEFAULT_PAGE = 100;
const READ_PROBLEMS = problems(400, 401, 403, 404);

export function booksRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { economy, authStore, books, ledger, pools } = deps;

  /** The books' reader policy, after the pool is known to exist (one read for both). */
  async function mayReadBooks(c: Context<HttpEnv>, poolId: string): Promise<Response | null> {
    const access = await authStore.poolAccess(poolId);
    if (!access.exists) {
      const { error } = unknownPool(poolId);
      return problem(c, error.code, error.detail);
    }
    return refusal(c, canReadBooks(c.get('actor'), { poolId, publicBooks: access.publicBooks }));
  }

  for (const field of ['clearing', 'report'] as const) {
    route(
      router,
      createRoute({
        method: 'get',
        path: `/pools/{poolId}/periods/{period}/${field}`,
        tags: ['books'],
        summary:
          field === 'clearing'
            ? "A period's market as cleared when bidding closed."
            : 'A closed period\'s report; a person the reader may not see (MODEL.md M17) reads as "*".',
        security: SECURITY,
        request: { params: PeriodParams },
        responses: {
          200: jsonBody(PeriodDoc, 'The document (null before it exists).'),
          ...READ_PROBLEMS,
        },
      }),
      async (c) => {
        const { poolId, period } = valid(c, 'param', PeriodParams);
        const refused = await mayReadBooks(c, poolId);
        if (refused !== null) return refused;
        const read =
          field === 'clearing'
            ? await economy.clearing(poolId, period)
            : await economy.periodReport(poolId, period);
        if (!read.ok) return problem(c, read.error.code, read.error.detail);
        if (field === 'clearing') return c.json({ period, value: read.value }, 200);
        // A report holds each person's takings: named only to that person and auditors.
        const facts = await pools.facts(poolId);
        if (!facts.ok) return problem(c, facts.error.code, facts.error.detail);
        const hidden = hiddenPersons(c.get('actor'), poolId, facts.value.residenceOf.keys());
        return c.json({ period, value: withPersonsHidden(read.value, poolId, hidden) }, 200);
      },
    );
  }

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/journal',
      tags: ['books'],
      summary: "The pool's hash-chained journal with each entry's transfer, a page at a time.",
      security: SECURITY,
      request: { params: PoolParams, query: PageQuery },
      responses: {
        200: jsonBody(JournalPage, 'A page; nextCursor is null on the last.'),
        ...READ_PROBLEMS,
      },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { after = -1, limit = DEFAULT_PAGE } = valid(c, 'query', PageQuery);
      const refused = await mayReadBooks(c, poolId);
      if (refused !== null) return refused;
      const lines = await books.journalPage(poolId, after, limit);
      const see = personVisibility(c.get('actor'), poolId);
      return c.json(
        page(lines.map(withHiddenPersons(poolId, see)), limit, (line) => line.index),
        200,
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/persons/{personId}/statement',
      tags: ['books'],
      summary: "A person's effort account: balance and transfers (that person and auditors only).",
      security: SECURITY,
      request: { params: PersonParams, query: PageQuery },
      responses: {
        200: jsonBody(Statement, 'The statement, a page of transfers at a time.'),
        ...READ_PROBLEMS,
      },
    }),
    async (c) => {
      const { poolId, personId } = valid(c, 'param', PersonParams);
      const { after = -1, limit = DEFAULT_PAGE } = valid(c, 'query', PageQuery);
      const refused = refusal(c, canReadStatement(c.get('actor'), poolId, personId));
      if (refused !== null) return refused;
      const accountId = `${poolId}.person.${personId}`;
      const read = await books.statement(poolId, accountId, after, limit);
      if (read === undefined)
        return problem(
          c,
          'http.not_found',
          `no account for person "${personId}" in pool "${poolId}" (yet)`,
        );
      const { account, lines } = read;
      return c.json(
        {
          personId,
          ...account,
          balance: account.creditsPosted - account.debitsPosted,
          ...page(lines, limit, (line) => line.index),
        },
        200,
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/verify',
      tags: ['books'],
      summary:
        "Recompute the pool's stored journal: the hash chain, every transfer, every account's totals.",
      request: { params: PoolParams },
      responses: {
        200: jsonBody(Verification, 'The verification; `problem` names a break.'),
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const refused = refusal(c, canVerify(c.get('actor')));
      if (refused !== null) return refused;
      const status = await economy.status(poolId);
      if (!status.ok) return problem(c, status.error.code, status.error.detail);
      const [report] = await ledger.verify([poolId as PoolId]);
      return c.json(report!, 200);
    },
  );

  return router;
}
