// Writing the pool's audit log, and a policy's refusal as a use case's failure: shared by the
// pool's writes and its people's changes.
import { failure } from '../../core/result.ts';
import type { Actor } from '../policies/actor.ts';
import type { Decision } from '../policies/permissions.ts';
import type { AuthStore } from '../ports/auth-store.ts';

export const refusedBy = (decision: Exclude<Decision, { allowed: true }>) =>
  failure(decision.code, decision.detail);

export type AuditWriter = (
  poolId: string,
  actor: Actor,
  action: string,
  detail: unknown,
  onBehalfOf?: string | null,
) => Promise<void>;

export function auditWriter(store: AuthStore, now: () => number): AuditWriter {
  return (poolId, actor, action, detail, onBehalfOf = null) =>
    store.appendAudit(poolId, {
      at: now(),
      actorAccountId: actor.accountId ?? '',
      onBehalfOf,
      action,
      detail,
    });
}
