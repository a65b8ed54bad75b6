// A member has one input of a kind per thing (one bid per task, one request per product): a
// change withdraws the old one and gives the new one, and gives the old one back when the new
// one is refused, so a refused change leaves what was there.
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
  const input = (r: unknown): InputRequest => ({ kind, period: view.period, record: r });
  if (existing !== undefined) {
    const withdrawn = await deps.pools.withdraw(actor, view.poolId, `${key}:old`, existing.seq);
    if (!withdrawn.ok) return withdrawn;
  }
  const given = await deps.pools.submit(actor, view.poolId, `${key}:new`, [input(record)]);
  if (!given.ok) {
    if (existing !== undefined) {
      await deps.pools.submit(actor, view.poolId, `${key}:restore`, [input(existing.record)]);
    }
    return given;
  }
  return { ok: true, done: existing === undefined ? 'placed' : 'changed' };
}
