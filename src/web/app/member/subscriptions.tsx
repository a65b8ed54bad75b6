// A member's own subscriptions on the goods page: the same units of a product every period,
// made, changed and ended by the member. A subscription is a standing input the closed periods
// took and planned for, so a change counts from the first period no closed period planned
// (the last closed one plus two): the old subscription ends before it and, for a new number of
// units, a new one starts there, both in one write (decision 0052).
import type { Context } from 'hono';
import type { InputRequest } from '../../../app/economy/economy-service.ts';
import type { SubscriptionSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { FormKey, formKeyOf } from '../forms.tsx';
import { areaHref } from '../pool-nav.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import type { MemberView } from './member-view.ts';
import { InlineField } from './parts.tsx';
import { errorFor, type FieldRefusal, refusedBy, refusedHere } from './refusals.ts';

export const SUBSCRIPTION_ACTIONS = new Set(['subscribe', 'changeSubscription', 'endSubscription']);

const WHOLE = /^\d{1,6}$/;

export interface MySubscription {
  readonly seq: number;
  readonly record: SubscriptionSpec;
}

/** The first period no closed period has planned for: where a subscription may change. */
export function firstChangeablePeriod(view: MemberView): number {
  return view.lastClosed + 2;
}

/** The reader's subscriptions that still run in a period not yet closed, oldest first. */
export async function mySubscriptions(
  deps: HttpDeps,
  view: MemberView,
): Promise<readonly MySubscription[]> {
  const standing = await deps.economy.periodInputs(view.poolId, 0);
  if (!standing.ok) return [];
  const { lastClosed } = view;
  return standing.value
    .filter((i) => i.kind === 'subscriptions')
    .map((i) => ({ seq: i.seq, record: i.record as SubscriptionSpec }))
    .filter(
      (s) =>
        s.record.personId === view.personId &&
        (s.record.untilPeriod === null || s.record.untilPeriod > lastClosed),
    );
}

const standing = (record: SubscriptionSpec): InputRequest => ({
  kind: 'subscriptions',
  period: 0,
  record,
});

/** Makes, changes or ends one of the reader's subscriptions; the `?done=` word or a refusal. */
export async function changeSubscription(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  form: Record<string, string>,
): Promise<string | FieldRefusal> {
  const t = textOf(c);
  const lang = c.get('lang');
  const actor = c.get('actor');
  const key = formKeyOf(form);
  const from = firstChangeablePeriod(view);
  const target = form.action === 'subscribe' ? (form.productId ?? '') : (form.subscriptionId ?? '');
  const units = (form.subscriptionUnits ?? '').trim();
  const refused = (error: { code: string; detail: string }) =>
    refusedBy(lang, target, 'subscriptionUnits', error, units);
  if (form.action !== 'endSubscription' && (!WHOLE.test(units) || Number(units) < 1)) {
    return refusedHere(target, 'subscriptionUnits', t('member.goods.unitsInvalid'), units);
  }
  if (form.action === 'subscribe') {
    if (!view.scenario.products.some((p) => p.id === target)) {
      return refusedHere(target, 'subscriptionUnits', t('member.goods.noProduct'));
    }
    const record: SubscriptionSpec = {
      id: `${view.personId}.${target}.${key}`,
      personId: view.personId,
      productId: target,
      unitsPerPeriod: Number(units),
      fromPeriod: from,
      untilPeriod: null,
      basicNeeds: false,
    };
    const given = await deps.pools.submit(actor, view.poolId, key, [standing(record)]);
    return given.ok ? 'subscribed' : refused(given.error);
  }
  const mine = (await mySubscriptions(deps, view)).find((s) => s.record.id === target);
  const old = mine?.record;
  if (mine === undefined || old === undefined || (old.untilPeriod ?? from) < from) {
    return refusedHere(target, 'subscriptionUnits', t('member.goods.noSubscription'));
  }
  // Not yet planned for: replaced outright. Planned for: ended before `from`, continued anew.
  const fresh = (old.fromPeriod ?? 1) >= from;
  const ended = { ...old, untilPeriod: from - 1 };
  let inputs: SubscriptionSpec[];
  if (form.action === 'endSubscription') {
    inputs = fresh ? [] : [ended];
  } else {
    const changed = { ...old, unitsPerPeriod: Number(units) };
    inputs = fresh ? [changed] : [ended, { ...changed, id: `${old.id}.${from}`, fromPeriod: from }];
  }
  const replaced = await deps.pools.replace(
    actor,
    view.poolId,
    key,
    [mine.seq],
    inputs.map(standing),
  );
  if (!replaced.ok) return refused(replaced.error);
  return form.action === 'endSubscription' ? 'subscriptionEnded' : 'subscriptionChanged';
}

/** The reader's subscriptions with a form to change or end each. */
export function SubscriptionsSection(props: {
  c: Context<WebEnv>;
  view: MemberView;
  subscriptions: readonly MySubscription[];
  refusal: FieldRefusal | null;
}) {
  const { c, view, subscriptions, refusal } = props;
  const t = textOf(c);
  if (subscriptions.length === 0) return null;
  const from = firstChangeablePeriod(view);
  const settling = view.status.cycle.stage === 'settling';
  return (
    <section aria-labelledby="subscriptions">
      <h2 id="subscriptions">{t('member.goods.subscriptions')}</h2>
      <div class="cards">
        {subscriptions.map(({ record }) => {
          const error = errorFor(refusal, record.id, 'subscriptionUnits');
          const changeable = !settling && (record.untilPeriod ?? from) >= from;
          return (
            <div class="card">
              <p>
                {t('member.goods.subscription', {
                  product: record.productId,
                  units: record.unitsPerPeriod,
                })}{' '}
                {record.untilPeriod === null
                  ? t('member.goods.subscriptionFrom', { from: record.fromPeriod ?? 1 })
                  : t('member.goods.subscriptionFromUntil', {
                      from: record.fromPeriod ?? 1,
                      until: record.untilPeriod,
                    })}
              </p>
              {changeable ? (
                <form method="post" action={areaHref(view.poolId, 'goods')} class="stack">
                  <FormKey />
                  <input type="hidden" name="subscriptionId" value={record.id} />
                  <InlineField
                    id={`subscription-${record.id}`}
                    name="subscriptionUnits"
                    label={t('member.goods.subscriptionUnits')}
                    hint={t('member.goods.subscriptionChangeHint', { from })}
                    inputmode="numeric"
                    value={error?.value ?? String(record.unitsPerPeriod)}
                    error={error?.message ?? null}
                  />
                  <div class="actions">
                    <button type="submit" name="action" value="changeSubscription">
                      {t('member.goods.changeSubscription')}
                    </button>
                    <button type="submit" name="action" value="endSubscription" class="secondary">
                      {t('member.goods.endSubscription')}
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

/** The form in a product's card that subscribes the reader to it. */
export function SubscribeForm(props: {
  c: Context<WebEnv>;
  view: MemberView;
  productId: string;
  refusal: FieldRefusal | null;
}) {
  const { c, view, productId, refusal } = props;
  const t = textOf(c);
  if (view.status.cycle.stage === 'settling') return null;
  const error = errorFor(refusal, productId, 'subscriptionUnits');
  return (
    <form method="post" action={areaHref(view.poolId, 'goods')} class="stack">
      <FormKey />
      <input type="hidden" name="productId" value={productId} />
      <InlineField
        id={`subscribe-${productId}`}
        name="subscriptionUnits"
        label={t('member.goods.subscriptionUnits')}
        hint={t('member.goods.subscribeFrom', { from: firstChangeablePeriod(view) })}
        inputmode="numeric"
        value={error?.value ?? '1'}
        error={error?.message ?? null}
      />
      <div class="actions">
        <button type="submit" name="action" value="subscribe" class="secondary">
          {t('member.goods.subscribe')}
        </button>
      </div>
    </form>
  );
}
