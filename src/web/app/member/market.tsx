// The open market: every task instance of the open period with its slots and indicated weight,
// where the reader places, changes or withdraws a bid while bidding is open. Each task shows
// what a whole slot counts, so two tasks of different length compare as MODEL.md §4 says: by
// the whole-slot surplus (weight − bid) × minutes, not by the weight alone.
import type { Context, Hono } from 'hono';
import type { BidSpec, TaskSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { FormKey, formKeyOf } from '../forms.tsx';
import { areaHref } from '../pool-nav.tsx';
import { renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { duration, hours, parseWeightMilli, weightNumber, weightWords } from './format.ts';
import {
  type ClearedTask,
  clearedTasks,
  type MemberView,
  mineOf,
  openMemberArea,
} from './member-view.ts';
import { DoneNotice, StageLine, TaskWhen } from './parts.tsx';
import { errorFor, type FieldRefusal, formOf, refusedBy, refusedHere } from './refusals.ts';
import { replaceInput } from './replace-input.ts';

/** A whole slot's effort at a weight: minutes × weight, in milli-weighted-hours. */
const slotEffortMilli = (minutes: number, weightMilli: number) =>
  Math.round((minutes * weightMilli) / 60);

export function registerMarket(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/market', async (c) => {
    const view = await openMemberArea(c, deps, 'market');
    if (view instanceof Response) return view;
    return marketPage(c, deps, view, null);
  });

  web.post('/pools/:poolId/market', async (c) => {
    const view = await openMemberArea(c, deps, 'market');
    if (view instanceof Response) return view;
    const form = await formOf(c);
    const refused = await changeBid(c, deps, view, form);
    if (typeof refused === 'string') {
      return c.redirect(`${areaHref(view.poolId, 'market')}?done=${refused}`, 303);
    }
    return marketPage(c, deps, await reopened(c, deps, view), refused);
  });
}

/** The view read again after a refused change (a restored bid has a new sequence number). */
const reopened = async (c: Context<WebEnv>, deps: HttpDeps, view: MemberView) => {
  const again = await openMemberArea(c, deps, 'market');
  return again instanceof Response ? view : again;
};

/** Places, changes or withdraws the reader's bid; what was done, or the refusal. */
async function changeBid(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  form: Record<string, string>,
): Promise<'placed' | 'changed' | 'withdrawn' | 'unchanged' | FieldRefusal> {
  const t = textOf(c);
  const lang = c.get('lang');
  const actor = c.get('actor');
  const instanceId = form.instanceId ?? '';
  const key = formKeyOf(form);
  const existing = mineOf<BidSpec>(view, 'bids').find((b) => b.record.instanceId === instanceId);
  if (form.action === 'withdraw') {
    if (existing === undefined) {
      return refusedHere(instanceId, 'weight', t('member.market.noBid'));
    }
    const withdrawn = await deps.pools.withdraw(actor, view.poolId, key, existing.seq);
    return withdrawn.ok ? 'withdrawn' : refusedBy(lang, instanceId, 'weight', withdrawn.error);
  }
  const typed = form.weight ?? '';
  const task = view.spec?.tasks.find((x) => x.id === instanceId);
  if (task === undefined)
    return refusedHere(instanceId, 'weight', t('member.market.noTask'), typed);
  const weightMilli = parseWeightMilli(typed);
  const { minWeightMilli, capWeightMilli } = view.scenario.pool.market;
  if (weightMilli === null) {
    return refusedHere(instanceId, 'weight', t('member.market.weightInvalid'), typed);
  }
  if (weightMilli < minWeightMilli || weightMilli > capWeightMilli) {
    const range = {
      min: weightNumber(lang, minWeightMilli),
      cap: weightNumber(lang, capWeightMilli),
    };
    return refusedHere(instanceId, 'weight', t('member.market.weightRange', range), typed);
  }
  if (existing?.record.weightMilli === weightMilli) return 'unchanged';
  const record = { personId: view.personId, instanceId, weightMilli, round: 0 };
  const replaced = await replaceInput(deps, actor, view, key, existing, 'bids', record);
  return replaced.ok ? replaced.done : refusedBy(lang, instanceId, 'weight', replaced.error, typed);
}

async function marketPage(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  refusal: FieldRefusal | null,
) {
  const t = textOf(c);
  const done = c.req.query('done');
  const tasks = view.spec?.tasks ?? [];
  const cleared = await clearedTasks(deps, view);
  const bids = mineOf<BidSpec>(view, 'bids');
  const bidding = view.status.cycle.stage === 'bidding';
  return renderPoolPage(
    c,
    view,
    'market',
    t('area.market'),
    <>
      <h1>{t('area.market')}</h1>
      <StageLine lang={c.get('lang')} view={view} />
      {refusal === null ? (
        <DoneNotice lang={c.get('lang')} prefix="member.market.done" done={done} />
      ) : null}
      <p class="lead">{t('member.market.lead')}</p>
      {tasks.length === 0 ? (
        <p>{t('member.market.noTasks')}</p>
      ) : (
        <div class="cards">
          {tasks.map((task) => (
            <TaskCard
              c={c}
              view={view}
              task={task}
              bid={bids.find((b) => b.record.instanceId === task.id)?.record ?? null}
              cleared={cleared?.find((x) => x.instanceId === task.id) ?? null}
              bidding={bidding}
              refusal={refusal}
            />
          ))}
        </div>
      )}
    </>,
    refusal?.status ?? 200,
  );
}

function TaskCard(props: {
  c: Context<WebEnv>;
  view: MemberView;
  task: TaskSpec;
  bid: BidSpec | null;
  cleared: ClearedTask | null;
  bidding: boolean;
  refusal: FieldRefusal | null;
}) {
  const { c, view, task, bid, cleared, bidding } = props;
  const t = textOf(c);
  const lang = c.get('lang');
  const indicated = task.indicatedWeightMilli ?? 1000;
  const error = errorFor(props.refusal, task.id, 'weight');
  const id = `weight-${task.id}`;
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const won = cleared?.winners.some((w) => w.personId === view.personId) ?? false;
  return (
    <section class="card task" aria-labelledby={`task-${task.id}`}>
      <h2 id={`task-${task.id}`}>{task.id}</h2>
      <TaskWhen lang={lang} task={task} timeZone={view.scenario.timeZone} />
      <dl class="facts stacked">
        <dt>{t('member.task.project')}</dt>
        <dd>{task.projectId}</dd>
        <dt>{t('member.task.slots')}</dt>
        <dd>
          {t('member.task.slotsOf', {
            count: task.slots,
            length: duration(lang, task.minutesPerSlot),
          })}
        </dd>
        <dt>{t('member.task.indicated')}</dt>
        <dd>{weightWords(lang, indicated)}</dd>
        <dt>{t('member.task.wholeSlot')}</dt>
        <dd>
          {t('member.task.wholeSlotHours', {
            hours: hours(lang, slotEffortMilli(task.minutesPerSlot, indicated)),
          })}
        </dd>
        {bid === null ? null : (
          <>
            <dt>{t('member.market.yourBid')}</dt>
            <dd>{weightWords(lang, bid.weightMilli)}</dd>
            <dt>{t('member.market.surplus')}</dt>
            <dd>
              {t('member.market.surplusHours', {
                hours: hours(
                  lang,
                  slotEffortMilli(task.minutesPerSlot, indicated - bid.weightMilli),
                ),
              })}
            </dd>
          </>
        )}
        {cleared === null ? null : (
          <>
            <dt>{t('member.market.cleared')}</dt>
            <dd>
              {cleared.weightMilli === null
                ? t('member.market.unfilled')
                : weightWords(lang, cleared.weightMilli)}
              {bid === null ? null : ` — ${won ? t('member.market.won') : t('member.market.lost')}`}
            </dd>
          </>
        )}
      </dl>
      {bidding || error !== null ? (
        <form method="post" action={areaHref(view.poolId, 'market')} class="stack bid">
          <FormKey />
          <input type="hidden" name="instanceId" value={task.id} />
          <div class="field">
            <label for={id}>{t('member.market.weightLabel')}</label>
            <input
              id={id}
              name="weight"
              type="text"
              inputmode="decimal"
              autocomplete="off"
              value={error?.value ?? (bid === null ? '' : weightNumber(lang, bid.weightMilli))}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={described}
            />
            <p class="hint" id={`${id}-hint`}>
              {t('member.market.weightHint')}
            </p>
            {error ? (
              <p class="error" id={`${id}-error`} role="alert">
                {error.message}
              </p>
            ) : null}
          </div>
          <div class="actions">
            <button type="submit" name="action" value="bid">
              {bid === null ? t('member.market.place') : t('member.market.change')}
            </button>
            {bid === null ? null : (
              <button type="submit" name="action" value="withdraw" class="secondary">
                {t('member.market.withdraw')}
              </button>
            )}
          </div>
        </form>
      ) : null}
    </section>
  );
}
