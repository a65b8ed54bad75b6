// The period cycle for a coordinator: where the pool stands, what the next step will do (the
// tasks a market opens with, the clearing before it is taken, the settlement before it is
// posted) and the button that takes it. The button names the step, so a page left open and
// sent again after someone else stepped says so instead of stepping twice.
import type { Context, Hono } from 'hono';
import { PERIOD_STAGES, type PeriodStage } from '../../../core/cycle/stages.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { Lang } from '../../../i18n/index.ts';
import { FormKey, formKeyOf, Notice } from '../forms.tsx';
import { errorPage } from '../render.tsx';
import { webText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { coordinateHref, formOf, openCoordinate, renderCoordinatePage } from './coordinate-nav.tsx';
import { type CyclePreview, previewNextStep } from './cycle-preview.ts';
import { hoursText, minutesText, oneDecimal, refusalOf, weightText } from './plain.ts';

function Clearing(props: { lang: Lang; preview: CyclePreview }) {
  const { lang } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const tasks = props.preview.clearing ?? [];
  if (tasks.length === 0) return <p>{t('coord.cycle.noTasks')}</p>;
  return (
    <table class="stack">
      <caption>{t('coord.cycle.clearingCaption')}</caption>
      <thead>
        <tr>
          <th>{t('coord.col.task')}</th>
          <th class="num">{t('coord.col.filled')}</th>
          <th>{t('coord.col.weight')}</th>
          <th>{t('coord.col.winners')}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr>
            <td data-label={t('coord.col.task')}>
              {task.instanceId} <span class="muted">({task.projectId})</span>
            </td>
            <td class="num" data-label={t('coord.col.filled')}>
              {t('coord.cycle.filled', { filled: task.filledSlots, slots: task.slots })}
            </td>
            <td data-label={t('coord.col.weight')}>
              {task.weightMilli === null ? '—' : weightText(lang, task.weightMilli)}
            </td>
            <td data-label={t('coord.col.winners')}>
              {task.winners.map((w) => w.personId).join(', ') || t('coord.cycle.nobody')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Settlement(props: { lang: Lang; preview: CyclePreview }) {
  const { lang, preview } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const unconfirmed = preview.work.filter((w) => w.confirmedBy === null).length;
  return (
    <>
      {unconfirmed === 0 ? null : (
        <Notice kind="info">{t('coord.cycle.unconfirmed', { count: unconfirmed })}</Notice>
      )}
      {preview.priceFactorPpm === null || preview.nextPriceFactorPpm === null ? null : (
        <p>
          {t('coord.cycle.priceFactor', {
            now: oneDecimal(lang, preview.priceFactorPpm / 10),
            next: oneDecimal(lang, preview.nextPriceFactorPpm / 10),
          })}
        </p>
      )}
      <table class="stack">
        <caption>{t('coord.cycle.settlementCaption')}</caption>
        <thead>
          <tr>
            <th>{t('coord.col.person')}</th>
            <th class="num">{t('coord.col.opening')}</th>
            <th class="num">{t('coord.col.credit')}</th>
            <th class="num">{t('coord.col.closing')}</th>
          </tr>
        </thead>
        <tbody>
          {(preview.settlement ?? []).map((line) => (
            <tr>
              <td data-label={t('coord.col.person')}>{line.personId}</td>
              <td class="num" data-label={t('coord.col.opening')}>
                {hoursText(lang, line.openingEffortMilli)}
              </td>
              <td class="num" data-label={t('coord.col.credit')}>
                {hoursText(lang, line.creditEffortMilli)}
              </td>
              <td class="num" data-label={t('coord.col.closing')}>
                {hoursText(lang, line.closingEffortMilli)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CycleView(props: {
  lang: Lang;
  poolId: string;
  period: number;
  stage: PeriodStage | null;
  preview: CyclePreview;
  done: string | null;
  refusal: string | null;
}) {
  const { lang, preview } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const { next } = preview;
  const stepName = t(`coord.step.${next.stage}`, { period: next.period });
  return (
    <>
      {props.done === null ? null : <Notice kind="ok">{props.done}</Notice>}
      <p class="lead">
        {props.stage === null
          ? t('coord.cycle.none')
          : t('coord.cycle.where', { period: props.period, stage: t(`stage.${props.stage}`) })}
      </p>
      <ol class="stages" aria-label={t('coord.cycle.stages')}>
        {PERIOD_STAGES.map((stage) => (
          <li aria-current={stage === props.stage ? 'step' : undefined}>{t(`stage.${stage}`)}</li>
        ))}
      </ol>
      <section aria-labelledby="next-step" class="card">
        <h2 id="next-step">{t('coord.cycle.next', { step: stepName })}</h2>
        <p>{t(`coord.explain.${next.stage}`, { period: next.period })}</p>
        {next.stage === 'bidding' ? (
          <p>
            {t('coord.cycle.marketOpens', {
              tasks: preview.tasks.length,
              slots: preview.tasks.reduce((n, x) => n + x.slots, 0),
            })}
          </p>
        ) : null}
        {next.stage === 'cleared' ? (
          <>
            <p>{t('coord.cycle.bids', { bids: preview.bids })}</p>
            <Clearing lang={lang} preview={preview} />
          </>
        ) : null}
        {next.stage === 'settling' || next.stage === 'closed' ? (
          <>
            <p>
              {t('coord.cycle.work', {
                records: preview.work.length,
                time: minutesText(
                  lang,
                  preview.work.reduce((n, w) => n + w.minutes, 0),
                ),
              })}
            </p>
            {preview.stop === null ? <Settlement lang={lang} preview={preview} /> : null}
          </>
        ) : null}
        {preview.stop === null ? null : (
          <Notice kind="refused">{t('coord.cycle.wouldStop', { why: preview.stop })}</Notice>
        )}
        <form
          method="post"
          action={`${coordinateHref(props.poolId, 'cycle')}/steps`}
          class="actions"
        >
          <FormKey />
          <input type="hidden" name="period" value={String(next.period)} />
          <input type="hidden" name="stage" value={next.stage} />
          <button type="submit" aria-describedby={props.refusal ? 'step-error' : undefined}>
            {stepName}
          </button>
        </form>
        {props.refusal === null ? null : (
          <p class="error-text" id="step-error" role="alert">
            {props.refusal}
          </p>
        )}
      </section>
    </>
  );
}

export function registerCyclePage(web: Hono<WebEnv>, deps: HttpDeps): void {
  const show = async (
    c: Context<WebEnv>,
    left: { done: string | null; refusal: string | null; status: number },
  ) => {
    const pool = await openCoordinate(c, deps);
    if (pool instanceof Response) return pool;
    const preview = await previewNextStep(deps, pool.poolId);
    const status = await deps.economy.status(pool.poolId);
    if (preview === null || !status.ok) return errorPage(c, 404);
    return renderCoordinatePage(
      c,
      pool,
      'cycle',
      <CycleView
        lang={c.get('lang')}
        poolId={pool.poolId}
        period={status.value.cycle.period}
        stage={status.value.cycle.stage}
        preview={preview}
        done={left.done}
        refusal={left.refusal}
      />,
      left.status as 200,
    );
  };

  web.get('/pools/:poolId/coordinate', (c) => {
    const done = c.req.query('done');
    const lang = c.get('lang');
    const [period, stage] = (done ?? '').split(':');
    const known = PERIOD_STAGES.includes(stage as PeriodStage) && /^\d+$/.test(period ?? '');
    return show(c, {
      done: known
        ? webText(lang, 'coord.cycle.done', {
            step: webText(lang, `coord.step.${stage}`, { period: period! }),
          })
        : null,
      refusal: null,
      status: 200,
    });
  });

  web.post('/pools/:poolId/coordinate/steps', async (c) => {
    const pool = await openCoordinate(c, deps);
    if (pool instanceof Response) return pool;
    const form = await formOf(c);
    const stage = form.stage as PeriodStage;
    const period = /^\d{1,6}$/.test(form.period ?? '') ? Number(form.period) : -1;
    if (!PERIOD_STAGES.includes(stage) || period < 1) {
      return show(c, {
        done: null,
        refusal: webText(c.get('lang'), 'coord.refused.step'),
        status: 400,
      });
    }
    const stepped = await deps.pools.advance(c.get('actor'), pool.poolId, formKeyOf(form), {
      period,
      stage,
    });
    if (stepped.ok) {
      return c.redirect(`${coordinateHref(pool.poolId, 'cycle')}?done=${period}:${stage}`, 303);
    }
    const refused = refusalOf(c.get('lang'), stepped.error);
    return show(c, { done: null, refusal: refused.message, status: refused.status });
  });
}
