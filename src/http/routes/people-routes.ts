// The people of a pool: who holds which role, granting and taking back roles, invitation and
// reset links (coordinators), and the audit log every member reads.
import { createRoute, z } from '@hono/zod-openapi';
import { canReadAudit, canReadPool } from '../../app/policies/permissions.ts';
import { idempotentWrite } from '../account-idempotency.ts';
import type { HttpDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import {
  answer,
  IdempotencyHeaders,
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
import { PoolParams } from '../schemas.ts';

const RoleName = z.enum(['member', 'coordinator', 'steward', 'auditor']);
const RoleChange = z
  .object({
    accountId: z.string().min(1),
    role: RoleName,
    subject: z.string().max(128).default('').openapi({
      description: "member: the person's id; steward: the association's id; else empty.",
    }),
  })
  .openapi('RoleChange');
const RoleHeld = z
  .object({ accountId: z.string(), poolId: z.string(), role: RoleName, subject: z.string() })
  .openapi('RoleHeld');
const RoleChanged = RoleHeld.extend({ changed: z.boolean() }).openapi('RoleChanged');
const MailTo = z.email().max(254).optional().openapi({
  description:
    'Also mail the link to this address (only when the server is configured to send mail; not kept).',
});
const Invitation = z
  .object({ login: z.string().min(1).max(128), personId: z.string().min(1), email: MailTo })
  .openapi('Invitation');
const Link = z
  .object({
    accountId: z.string(),
    token: z.string().optional().openapi({
      description:
        'The one-time secret for /auth/links/redeem, shown once (not on a repeated request).',
    }),
    expiresAt: z.number().int(),
    mailed: z.boolean().openapi({ description: 'Whether the link went out by mail.' }),
    mailProblem: z.string().optional().openapi({
      description: 'Why the mail asked for did not go out; the link stands all the same.',
    }),
  })
  .openapi('Link');
const ResetRequest = z
  .object({ accountId: z.string().min(1), email: MailTo })
  .openapi('ResetRequest');
const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.number().int(),
    actorAccountId: z.string(),
    onBehalfOf: z.string().nullable(),
    action: z.string(),
    detail: z.unknown(),
  })
  .openapi('AuditEntry');

const WRITE_PROBLEMS = problems(400, 401, 403, 404, 409, 422, 429);

export function peopleRoutes(deps: HttpDeps) {
  const router = newRouter();
  const { people, authStore, economy } = deps;

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/roles',
      tags: ['people'],
      summary: 'Who holds which role in the pool.',
      security: SECURITY,
      request: { params: PoolParams },
      responses: {
        200: jsonBody(z.object({ items: z.array(RoleHeld) }), 'The roles.'),
        ...problems(401, 403),
      },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const refused = refusal(c, canReadPool(c.get('actor'), poolId));
      if (refused !== null) return refused;
      return c.json({ items: await people.roles(poolId) }, 200);
    },
  );

  for (const method of ['put', 'delete'] as const) {
    route(
      router,
      createRoute({
        method,
        path: '/pools/{poolId}/roles',
        tags: ['people'],
        summary:
          method === 'put' ? 'Grant a role (coordinators).' : 'Take back a role (coordinators).',
        security: SECURITY,
        request: {
          params: PoolParams,
          headers: IdempotencyHeaders,
          body: { content: { 'application/json': { schema: RoleChange } }, required: true },
        },
        responses: {
          200: jsonBody(RoleChanged, 'Done; changed is false when there was nothing to change.'),
          ...WRITE_PROBLEMS,
        },
      }),
      async (c) => {
        const { poolId } = valid(c, 'param', PoolParams);
        const { accountId, role, subject } = valid(c, 'json', RoleChange);
        const grant = { poolId, role, subject };
        return idempotentWrite(c, authStore, { accountId, ...grant }, 200, async (context) =>
          answer(
            c,
            method === 'put'
              ? await people.grantRole(c.get('actor'), accountId, grant, context)
              : await people.revokeRole(c.get('actor'), accountId, grant, context),
          ),
        );
      },
    );
  }

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/invitations',
      tags: ['people'],
      summary:
        'Invite a person of the pool: a new account and a one-time link to set its password (coordinators).',
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: Invitation } }, required: true },
      },
      responses: { 201: jsonBody(Link, 'The invitation link.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { login, personId, email } = valid(c, 'json', Invitation);
      return idempotentWrite(
        c,
        authStore,
        { poolId, login, personId, email },
        201,
        async (context) =>
          answer(
            c,
            await people.invite(
              c.get('actor'),
              poolId,
              login,
              personId,
              c.req.header('idempotency-key'),
              email,
              context,
            ),
            201,
          ),
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'post',
      path: '/pools/{poolId}/reset-links',
      tags: ['people'],
      summary:
        "A one-time link that sets a new password for an account of the pool's people (coordinators).",
      security: SECURITY,
      request: {
        params: PoolParams,
        headers: IdempotencyHeaders,
        body: { content: { 'application/json': { schema: ResetRequest } }, required: true },
      },
      responses: { 201: jsonBody(Link, 'The reset link.'), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { accountId, email } = valid(c, 'json', ResetRequest);
      return idempotentWrite(c, authStore, { poolId, accountId, email }, 201, async (context) =>
        answer(c, await people.resetLink(c.get('actor'), poolId, accountId, email, context), 201),
      );
    },
  );

  route(
    router,
    createRoute({
      method: 'get',
      path: '/pools/{poolId}/audit',
      tags: ['people'],
      summary: 'The audit log: role changes, period steps, office mode (the pool’s people).',
      security: SECURITY,
      request: { params: PoolParams, query: PageQuery },
      responses: {
        200: jsonBody(
          z.object({ items: z.array(AuditEntry), nextCursor: z.number().int().nullable() }),
          'A page.',
        ),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { poolId } = valid(c, 'param', PoolParams);
      const { after = -1, limit = 100 } = valid(c, 'query', PageQuery);
      const refused = refusal(c, canReadAudit(c.get('actor'), poolId));
      if (refused !== null) return refused;
      const status = await economy.status(poolId);
      if (!status.ok) return problem(c, status.error.code, status.error.detail);
      const entries = await authStore.auditPage(poolId, after, limit);
      return c.json(
        page(entries, limit, (entry) => entry.seq),
        200,
      );
    },
  );

  return router;
}
