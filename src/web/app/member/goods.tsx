// Goods: each product's effort price with its breakdown and the pool's price factor, and what
// the reader does with it in the open period: take units (a request, with a premium on a scarce
// good auctioned by premium), pre-order from the next production, or withdraw either; cancel a
// pre-order of an earlier period still waiting (pre-orders.tsx); subscribe, and change or end the
// reader's subscriptions (subscriptions.tsx); and the result of the last closed period's auctions
// for the reader.
import type { Context, Hono } from 'hono';
import { PRICE_COMPONENTS } from '../../../core/goods/effort-price.ts';
import { priceRecipes, type RecipePrice } from '../../../core/scenario/recipes.ts';
import type { PreOrderSpec, ProductSpec, RequestSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { FormKey, formKeyOf } from '../forms.tsx';
import { areaHref } from '../pool-nav.tsx';
import { renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { factorNumber, hours, parseHoursMilli } from './format.ts';
import { type MemberView, mineOf, openMemberArea } from './member-view.ts';
import { DoneNotice, InlineField, StageLine } from './parts.tsx';
import {
  cancelPreOrder,
  myWaitingPreOrders,
  openPreOrdersOf,
  PRE_ORDER_ACTIONS,
  WaitingPreOrdersSection,
} from './pre-orders.tsx';
import { errorFor, type FieldRefusal, formOf, refusedBy, refusedHere } from './refusals.ts';
import { replaceInput } from './replace-input.ts';
import {
  changeSubscription,
  mySubscriptions,
  SUBSCRIPTION_ACTIONS,
  SubscribeForm,
  SubscriptionsSection,
} from './subscriptions.tsx';

const PPM_ONE = 1_000_000;
const WHOLE = /^\d{1,6}$/;

/** A scarce good's auction as the closed period's report holds it, for the reader. */
interface AuctionResult {
  readonly productId: string;
  readonly clearingPremiumEffortMilli: number;
  readonly mine: { readonly units: number; readonly premiumEffortMilli: number } | null;
}

interface GoodsFacts {
  readonly priceFactorPpm: number;
  /** The closed period's own factor while no period is open after it (to show the change). */
  readonly closedFactorPpm: number | null;
  readonly breakdowns: ReadonlyMap<string, RecipePrice>;
  readonly auctions: readonly AuctionResult[];
  readonly lastClosed: number;
  /** The pre-orders the last closed period left open (waiting for production). */
  readonly openPreOrders: ReadonlySet<string>;
}

async function goodsFacts(deps: HttpDeps, view: MemberView): Promise<GoodsFacts> {
  const { stage } = view.status.cycle;
  const { lastClosed } = view;
  const report = lastClosed > 0 ? await deps.economy.periodReport(view.poolId, lastClosed) : null;
  const closed = (report?.ok ? report.value : null) as {
    priceFactorPpm?: number;
    nextPriceFactorPpm?: number;
    goods?: {
      productId: string;
      rule: string;
      scarce: boolean;
      clearingPremiumEffortMilli: number;
      allocations: { personId: string; units: number; premiumEffortMilli: number }[];
    }[];
  } | null;
  const projection = view.open ? await deps.economy.projection(view.poolId) : null;
  const priceFactorPpm =
    (projection?.ok ? projection.value.priceFactorPpm : null) ??
    closed?.nextPriceFactorPpm ??
    PPM_ONE;
  const priced = priceRecipes(view.scenario);
  const breakdowns = new Map(
    (priced.ok ? priced.value.posted : []).map((b) => [b.productId as string, b]),
  );
  const auctions = (closed?.goods ?? [])
    .filter((g) => g.rule === 'auction' && g.scarce)
    .map((g) => {
      const mine = g.allocations.find((a) => a.personId === view.personId);
      return {
        productId: g.productId,
        clearingPremiumEffortMilli: g.clearingPremiumEffortMilli,
        mine:
          mine === undefined
            ? null
            : { units: mine.units, premiumEffortMilli: mine.premiumEffortMilli },
      };
    });
  const closedFactorPpm = stage === 'closed' ? (closed?.priceFactorPpm ?? null) : null;
  const openPreOrders = openPreOrdersOf(closed);
  return { priceFactorPpm, closedFactorPpm, breakdowns, auctions, lastClosed, openPreOrders };
}

export function registerGoods(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/goods', async (c) => {
    const view = await openMemberArea(c, deps, 'goods');
    if (view instanceof Response) return view;
    return goodsPage(c, deps, view, null);
  });

  web.post('/pools/:poolId/goods', async (c) => {
    const view = await openMemberArea(c, deps, 'goods');
    if (view instanceof Response) return view;
    const form = await formOf(c);
    const action = form.action ?? '';
    const done = SUBSCRIPTION_ACTIONS.has(action)
      ? await changeSubscription(c, deps, view, form)
      : PRE_ORDER_ACTIONS.has(action)
        ? await cancelPreOrder(c, deps, view, form)
        : await changeTaking(c, deps, view, form);
    if (typeof done === 'string') {
      return c.redirect(`${areaHref(view.poolId, 'goods')}?done=${done}`, 303);
    }
    const again = await openMemberArea(c, deps, 'goods');
    return goodsPage(c, deps, again instanceof Response ? view : again, done);
  });
}

async function changeTaking(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  form: Record<string, string>,
): Promise<string | FieldRefusal> {
  const t = textOf(c);
  const lang = c.get('lang');
  const actor = c.get('actor');
  const key = formKeyOf(form);
  const productId = form.productId ?? '';
  const product = view.scenario.products.find((p) => p.id === productId);
  if (product === undefined) return refusedHere(productId, 'units', t('member.goods.noProduct'));
  const request = mineOf<RequestSpec>(view, 'requests').find(
    (r) => r.record.productId === productId,
  );
  const preOrder = mineOf<PreOrderSpec>(view, 'preOrders').find(
    (r) => r.record.productId === productId,
  );
  const withdraw = async (seq: number, field: string, done: string) => {
    const withdrawn = await deps.pools.withdraw(actor, view.poolId, key, seq);
    return withdrawn.ok ? done : refusedBy(lang, productId, field, withdrawn.error);
  };
  if (form.action === 'withdrawRequest' && request !== undefined) {
    return withdraw(request.seq, 'units', 'requestWithdrawn');
  }
  if (form.action === 'withdrawPreOrder' && preOrder !== undefined) {
    return withdraw(preOrder.seq, 'preOrderUnits', 'preOrderWithdrawn');
  }
  const field = form.action === 'preOrder' ? 'preOrderUnits' : 'units';
  const units = (form[field] ?? '').trim();
  if (!WHOLE.test(units) || Number(units) < 1) {
    return refusedHere(productId, field, t('member.goods.unitsInvalid'), units);
  }
  if (form.action === 'preOrder') {
    const record = {
      id: `${view.personId}.${productId}.${key}`,
      personId: view.personId,
      productId,
      units: Number(units),
      fulfil: 'production',
    };
    const given = await replaceInput(deps, actor, view, key, preOrder, 'preOrders', record);
    return given.ok
      ? `preOrder${given.done}`
      : refusedBy(lang, productId, field, given.error, units);
  }
  const auctioned = product.scarcityRule === 'auction';
  const premiumText = (form.premium ?? '').trim();
  const premium = auctioned ? parseHoursMilli(premiumText === '' ? '0' : premiumText) : 0;
  if (premium === null) {
    return refusedHere(productId, 'premium', t('member.goods.premiumInvalid'), premiumText);
  }
  const record = {
    personId: view.personId,
    productId,
    units: Number(units),
    premiumPerUnitEffortMilli: premium,
  };
  const given = await replaceInput(deps, actor, view, key, request, 'requests', record);
  return given.ok ? `request${given.done}` : refusedBy(lang, productId, field, given.error, units);
}

async function goodsPage(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  refusal: FieldRefusal | null,
) {
  const t = textOf(c);
  const lang = c.get('lang');
  const facts = await goodsFacts(deps, view);
  const done = c.req.query('done');
  return renderPoolPage(
    c,
    view,
    'goods',
    t('area.goods'),
    <>
      <h1>{t('area.goods')}</h1>
      <StageLine lang={lang} view={view} />
      {refusal === null ? (
        <DoneNotice lang={c.get('lang')} prefix="member.goods.done" done={done} />
      ) : null}
      <p class="lead" id="price-factor">
        {facts.closedFactorPpm === null
          ? t('member.goods.factor', { factor: factorNumber(lang, facts.priceFactorPpm) })
          : t('member.goods.factorNext', {
              period: facts.lastClosed + 1,
              factor: factorNumber(lang, facts.priceFactorPpm),
              was: factorNumber(lang, facts.closedFactorPpm),
            })}
      </p>
      {facts.auctions.length === 0 ? null : (
        <section aria-labelledby="auctions">
          <h2 id="auctions">{t('member.goods.auctions', { period: facts.lastClosed })}</h2>
          <ul>
            {facts.auctions.map((a) => (
              <li class="auction">
                {t('member.goods.auctionPremium', {
                  product: a.productId,
                  hours: hours(lang, a.clearingPremiumEffortMilli),
                })}{' '}
                <strong>
                  {a.mine === null
                    ? t('member.goods.auctionNone')
                    : t('member.goods.auctionWon', {
                        units: a.mine.units,
                        hours: hours(lang, a.mine.premiumEffortMilli),
                      })}
                </strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      <WaitingPreOrdersSection
        c={c}
        view={view}
        waiting={myWaitingPreOrders(view, facts.openPreOrders)}
        refusal={refusal}
      />
      <SubscriptionsSection
        c={c}
        view={view}
        subscriptions={await mySubscriptions(deps, view)}
        refusal={refusal}
      />
      <div class="cards">
        {view.scenario.products.map((product) => (
          <ProductCard c={c} view={view} product={product} facts={facts} refusal={refusal} />
        ))}
      </div>
    </>,
    refusal?.status ?? 200,
  );
}

function ProductCard(props: {
  c: Context<WebEnv>;
  view: MemberView;
  product: ProductSpec;
  facts: GoodsFacts;
  refusal: FieldRefusal | null;
}) {
  const { c, view, product, facts, refusal } = props;
  const t = textOf(c);
  const lang = c.get('lang');
  const breakdown = facts.breakdowns.get(product.id);
  const price = breakdown?.unitPriceEffortMilli ?? product.unitPriceEffortMilli;
  const youPay = Math.round((price * facts.priceFactorPpm) / PPM_ONE);
  const request = mineOf<RequestSpec>(view, 'requests').find(
    (r) => r.record.productId === product.id,
  );
  const preOrder = mineOf<PreOrderSpec>(view, 'preOrders').find(
    (r) => r.record.productId === product.id,
  );
  const auctioned = product.scarcityRule === 'auction';
  const error = (field: string) => errorFor(refusal, product.id, field);
  const action = areaHref(view.poolId, 'goods');
  return (
    <section class="card" aria-labelledby={`product-${product.id}`}>
      <h2 id={`product-${product.id}`}>{product.id}</h2>
      <dl class="facts stacked">
        <dt>{t('member.goods.price')}</dt>
        <dd>{t('member.hours', { hours: hours(lang, price) })}</dd>
        <dt>{t('member.goods.youPay')}</dt>
        <dd>{t('member.goods.youPayHours', { hours: hours(lang, youPay) })}</dd>
        {breakdown === undefined ? (
          <>
            <dt>{t('member.goods.breakdown')}</dt>
            <dd>{t('member.goods.plainPrice', { project: product.projectId })}</dd>
          </>
        ) : (
          PRICE_COMPONENTS.filter((k) => breakdown.perUnit[k] !== 0).map((k) => (
            <>
              <dt>{t(`member.goods.component.${k}`)}</dt>
              <dd>{t('member.hours', { hours: hours(lang, breakdown.perUnit[k]) })}</dd>
            </>
          ))
        )}
        {auctioned ? (
          <>
            <dt>{t('member.goods.scarce')}</dt>
            <dd>{t('member.goods.auctionRule')}</dd>
          </>
        ) : null}
        {request === undefined ? null : (
          <>
            <dt>{t('member.goods.yourRequest')}</dt>
            <dd>
              {t('member.goods.requestUnits', { units: request.record.units })}
              {auctioned
                ? ` · ${t('member.goods.premiumPerUnit', { hours: hours(lang, request.record.premiumPerUnitEffortMilli) })}`
                : null}
            </dd>
          </>
        )}
        {preOrder === undefined ? null : (
          <>
            <dt>{t('member.goods.yourPreOrder')}</dt>
            <dd>{t('member.goods.requestUnits', { units: preOrder.record.units })}</dd>
          </>
        )}
      </dl>
      {view.open ? (
        <>
          <form method="post" action={action} class="stack">
            <FormKey />
            <input type="hidden" name="productId" value={product.id} />
            <InlineField
              id={`units-${product.id}`}
              name="units"
              label={t('member.goods.units')}
              inputmode="numeric"
              value={error('units')?.value ?? String(request?.record.units ?? 1)}
              error={error('units')?.message ?? null}
            />
            {auctioned ? (
              <InlineField
                id={`premium-${product.id}`}
                name="premium"
                label={t('member.goods.premium')}
                hint={t('member.goods.premiumHint')}
                inputmode="decimal"
                value={
                  error('premium')?.value ??
                  (request === undefined
                    ? '0'
                    : hours(lang, request.record.premiumPerUnitEffortMilli))
                }
                error={error('premium')?.message ?? null}
              />
            ) : null}
            <div class="actions">
              <button type="submit" name="action" value="take">
                {request === undefined ? t('member.goods.take') : t('member.goods.changeRequest')}
              </button>
              {request === undefined ? null : (
                <button type="submit" name="action" value="withdrawRequest" class="secondary">
                  {t('member.goods.withdrawRequest')}
                </button>
              )}
            </div>
          </form>
          <form method="post" action={action} class="stack">
            <FormKey />
            <input type="hidden" name="productId" value={product.id} />
            <InlineField
              id={`preorder-${product.id}`}
              name="preOrderUnits"
              label={t('member.goods.preOrderUnits')}
              inputmode="numeric"
              value={error('preOrderUnits')?.value ?? String(preOrder?.record.units ?? 1)}
              error={error('preOrderUnits')?.message ?? null}
            />
            <div class="actions">
              <button type="submit" name="action" value="preOrder" class="secondary">
                {preOrder === undefined
                  ? t('member.goods.preOrder')
                  : t('member.goods.changePreOrder')}
              </button>
              {preOrder === undefined ? null : (
                <button type="submit" name="action" value="withdrawPreOrder" class="secondary">
                  {t('member.goods.withdrawPreOrder')}
                </button>
              )}
            </div>
          </form>
        </>
      ) : null}
      <SubscribeForm c={c} view={view} productId={product.id} refusal={refusal} />
    </section>
  );
}
