// A member has one input of a kind per thing (one bid per task, one request per product): a
// change replaces the old one by the new one in one write, so a refused change leaves what was
// there (decision 0052).
import type { InputRequest } from '../../../app/economy/economy-service.ts';
import type { Actor } from '../../../app/policies/actor.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { MemberView } from './member-view.ts';

export type Replaced =
  | { readonly ok: true; readonly done: 'placed' | 'changed' }
  | { readonly ok: false; readonly error: { readonly code: string; readonly detail: string } };

export async function replaceInput(
  deps: HttpDeps,
  actor: Actor,
  view: MemberView,
  key: string,
  existing: { readonly seq: number; readonly record: unknown } | undefined,
  kind: string,
  record: unknown,
): Promise<Replaced> {
  const input: InputRequest = { kind, period: view.period, record };
  const given =
    existing === undefined
      ? await deps.pools.submit(actor, view.poolId, key, [input])
      : await deps.pools.replace(actor, view.poolId, key, [existing.seq], [input]);
  if (!given.ok) return given;
  return { ok: true, done: existing === undefined ? 'placed' : 'changed' };
}
