// What every member page starts from: the pool the reader may see as a member, the reader's
// person in it, the pool as a scenario (its persons, products, the open period's tasks) and the
// reader's own inputs of the open period with the sequence numbers they are withdrawn by.
import type { Context } from 'hono';
import { personsOf } from '../../../app/policies/actor.ts';
import type { SequencedInput } from '../../../app/ports/economy-store.ts';
import { lastClosedPeriod } from '../../../core/cycle/stages.ts';
import type { PeriodSpec, Scenario } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { PoolAreaId } from '../pool-nav.tsx';
import { openPoolArea, type PoolView } from '../pool-page.tsx';
import { errorPage } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';

export interface MemberView extends PoolView {
  /** The reader's person in the pool. */
  readonly personId: string;
  readonly scenario: Scenario;
  /** The open period's number and stage (stage null or closed: none is open). */
  readonly period: number;
  readonly open: boolean;
  /** The newest closed period (0: none yet): the one whose report the pages read. */
  readonly lastClosed: number;
  /** The open period's inputs as the pool holds them (all persons'); null when none is open. */
  readonly spec: PeriodSpec | null;
  /** The reader's own inputs of the open period, withdrawable by their `seq`. */
  readonly mine: readonly SequencedInput[];
}

const ownedBy = (input: SequencedInput, personId: string) =>
  (input.record as { personId?: unknown }).personId === personId;

/** The member view of the request's pool, or the response to send instead. */
export async function openMemberArea(
  c: Context<WebEnv>,
  deps: HttpDeps,
  area: PoolAreaId,
): Promise<MemberView | Response> {
  const view = await openPoolArea(c, deps, area);
  if (view instanceof Response) return view;
  const personId = personsOf(c.get('actor'), view.poolId)[0]!;
  const scenario = await deps.economy.scenario(view.poolId);
  if (!scenario.ok) return errorPage(c, 404);
  const { period, stage } = view.status.cycle;
  const open = stage !== null && stage !== 'closed';
  const inputs = open ? await deps.economy.periodInputs(view.poolId, period) : null;
  const mine = inputs?.ok ? inputs.value.filter((input) => ownedBy(input, personId)) : [];
  return {
    ...view,
    personId,
    scenario: scenario.value,
    period,
    open,
    lastClosed: lastClosedPeriod(view.status.cycle),
    spec: open ? (scenario.value.periods[period - 1] ?? null) : null,
    mine,
  };
}

/** The reader's inputs of one kind, with their records typed. */
export const mineOf = <T>(view: MemberView, kind: string) =>
  view.mine
    .filter((input) => input.kind === kind)
    .map((input) => ({ seq: input.seq, record: input.record as T }));

/** The task market as cleared when bidding closed (report form), reduced to what pages read. */
export interface ClearedTask {
  readonly instanceId: string;
  readonly weightMilli: number | null;
  readonly winners: readonly { readonly personId: string; readonly bidWeightMilli: number }[];
}

export async function clearedTasks(
  deps: HttpDeps,
  view: MemberView,
): Promise<readonly ClearedTask[] | null> {
  if (!view.open) return null;
  const clearing = await deps.economy.clearing(view.poolId, view.period);
  if (!clearing.ok || clearing.value === null) return null;
  return (clearing.value as { tasks: ClearedTask[] }).tasks;
}

/** The slots the reader won in the open period's clearing. */
export const myAssignments = (tasks: readonly ClearedTask[] | null, personId: string) =>
  (tasks ?? []).filter((task) => task.winners.some((w) => w.personId === personId));
