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

/**
 * Writes audit entries. With `once` (the pool's keyed writes, whose detail holds the client's
 * key, and period steps, each taken once) an entry already in the log is not written again,
 * so a request made again with its key adds nothing; role changes, which may repeat with the
 * same detail (granted, taken back, granted again), are written every time.
 */
export function auditWriter(
  store: AuthStore,
  now: () => number,
  options: { readonly once?: boolean } = {},
): AuditWriter {
  return (poolId, actor, action, detail, onBehalfOf = null) =>
    store.appendAudit(
      poolId,
      {
        at: now(),
        actorAccountId: actor.accountId ?? '',
        onBehalfOf,
        action,
        detail,
      },
      options,
    );
}
