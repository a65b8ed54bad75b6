// A member's pre-orders given in earlier periods and still waiting for production, on the goods
// page, each with a button that cancels it. A pre-order of the open period is withdrawn in its
// product's card instead; one given earlier is in closed books and is ended by a cancellation
// (MODEL.md M5): free for the member while production has not started, which the member cannot
// know, so the member states no effort spent and the product's project states it if it has.
import type { Context } from 'hono';
import { stagesTaking } from '../../../core/cycle/inputs.ts';
import type { PreOrderSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { FormKey, formKeyOf } from '../forms.tsx';
import { areaHref } from '../pool-nav.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import type { MemberView } from './member-view.ts';
import { errorFor, type FieldRefusal, refusedBy, refusedHere } from './refusals.ts';

export const PRE_ORDER_ACTIONS = new Set(['cancelPreOrder']);

export interface WaitingPreOrder {
  readonly record: PreOrderSpec;
  /** The period it was given in. */
  readonly period: number;
  /** A cancellation of it is given in the open period (it ends when the period closes). */
  readonly cancelling: boolean;
}

/** The ids of the pre-orders the last closed period left open (its report's `preOrders.open`). */
export const openPreOrdersOf = (report: unknown): ReadonlySet<string> =>
  new Set((report as { preOrders?: { open?: string[] } } | null)?.preOrders?.open ?? []);

/** The reader's pre-orders of closed periods among `open`, the ones still waiting. */
export function myWaitingPreOrders(
  view: MemberView,
  open: ReadonlySet<string>,
): readonly WaitingPreOrder[] {
  const cancelled = new Set((view.spec?.preOrderCancellations ?? []).map((x) => x.preOrderId));
  return view.scenario.periods
    .slice(0, view.lastClosed)
    .flatMap((spec, index) =>
      spec.preOrders
        .filter((order) => order.personId === view.personId && open.has(order.id))
        .map((record) => ({ record, period: index + 1, cancelling: cancelled.has(record.id) })),
    );
}

/** Cancels one of the reader's waiting pre-orders; the `?done=` word or a refusal. */
export async function cancelPreOrder(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  form: Record<string, string>,
): Promise<string | FieldRefusal> {
  const t = textOf(c);
  const preOrderId = form.preOrderId ?? '';
  const { lastClosed } = view;
  const report = lastClosed < 1 ? null : await deps.economy.periodReport(view.poolId, lastClosed);
  const open = openPreOrdersOf(report?.ok ? report.value : null);
  const waiting = myWaitingPreOrders(view, open).find((w) => w.record.id === preOrderId);
  if (waiting === undefined || waiting.cancelling) {
    return refusedHere(preOrderId, 'cancel', t('member.goods.noWaitingPreOrder'));
  }
  const record = { preOrderId, spentEffortMilli: 0, plannedEffortMilli: 0 };
  const input = { kind: 'preOrderCancellations', period: view.period, record };
  const given = await deps.pools.submit(c.get('actor'), view.poolId, formKeyOf(form), [input]);
  return given.ok
    ? 'preOrderCancelled'
    : refusedBy(c.get('lang'), preOrderId, 'cancel', given.error);
}

/** The reader's waiting pre-orders, each with its cancel button while the stage takes it. */
export function WaitingPreOrdersSection(props: {
  c: Context<WebEnv>;
  view: MemberView;
  waiting: readonly WaitingPreOrder[];
  refusal: FieldRefusal | null;
}) {
  const { c, view, waiting, refusal } = props;
  const t = textOf(c);
  // A refused cancel of a pre-order not listed here (another's, or one already ended).
  const stray =
    refusal?.field === 'cancel' && !waiting.some((w) => w.record.id === refusal.target)
      ? refusal
      : null;
  if (waiting.length === 0 && stray === null) return null;
  const stage = view.status.cycle.stage;
  const cancellable =
    view.open && stage !== null && stagesTaking('preOrderCancellations').includes(stage);
  return (
    <section aria-labelledby="waiting-pre-orders">
      <h2 id="waiting-pre-orders">{t('member.goods.waitingPreOrders')}</h2>
      {stray === null ? null : (
        <p class="error" role="alert" id="cancel-error">
          {stray.message}
        </p>
      )}
      <div class="cards">
        {waiting.map(({ record, period, cancelling }) => {
          const error = errorFor(refusal, record.id, 'cancel');
          return (
            <div class="card">
              <p>
                {t('member.goods.waitingPreOrder', {
                  product: record.productId,
                  units: record.units,
                  period,
                })}
              </p>
              {error === null ? null : (
                <p class="error" role="alert" id={`cancel-${record.id}-error`}>
                  {error.message}
                </p>
              )}
              {cancelling ? (
                <p class="hint">{t('member.goods.preOrderCancelling')}</p>
              ) : cancellable ? (
                <form method="post" action={areaHref(view.poolId, 'goods')} class="stack">
                  <FormKey />
                  <input type="hidden" name="preOrderId" value={record.id} />
                  <div class="actions">
                    <button type="submit" name="action" value="cancelPreOrder" class="secondary">
                      {t('member.goods.cancelPreOrder')}
                    </button>
                  </div>
                </form>
              ) : null}
            </div>
          );
        })}
      </div>
    </section>
  );
}
