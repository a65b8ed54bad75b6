// The "what if" page of a pool, for its people: the pool's current settings, a form to change
// one of them, and the two runs of the closed periods (as they are, and with the change) side
// by side: per period the price factor handed on, the highest task weight, the premiums, the
// redistribution and the spread of balances, with each run's plain-language overview.
import type { Context, Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import { reportFormat } from '../../report/format.ts';
import { StackTable } from '../books/stack-table.tsx';
import { Field, Notice } from '../forms.tsx';
import { openPoolArea, type PoolView, renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import type { RunSummary } from './run-summary.ts';
import { runSimulation, simulateLimits } from './sandbox.ts';
import { simulateRefusal } from './simulate-page.tsx';
import { closedScenario, parseChange, WHAT_IF_SETTINGS } from './what-if.ts';

type T = ReturnType<typeof textOf>;
type F = ReturnType<typeof reportFormat>;

interface WhatIfForm {
  readonly setting: string;
  readonly value: string;
  readonly error: string | null;
  readonly settingError: string | null;
  readonly runs: readonly [RunSummary, RunSummary] | null;
  readonly notice: string | null;
}

function RunColumn(props: { title: string; run: RunSummary; t: T; f: F; id: string }) {
  const { t, f, run } = props;
  const orNone = (v: number | null, show: (n: number) => string) => (v === null ? '—' : show(v));
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {run.stop === null ? null : <Notice kind="refused">{run.stop}</Notice>}
      <ul>
        {run.overview.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <StackTable
        caption={t('whatIf.table', { run: props.title })}
        columns={[
          { label: t('whatIf.period') },
          { label: t('whatIf.nextFactor'), num: true },
          { label: t('whatIf.highestWeight'), num: true },
          { label: t('whatIf.premiums'), num: true },
          { label: t('whatIf.redistribution'), num: true },
          { label: t('whatIf.balances'), num: true },
        ]}
        rows={run.periods.map((p) => [
          p.period,
          f.factor(p.nextPriceFactorPpm),
          orNone(p.highestWeightMilli, f.weightPlain),
          f.hours(p.premiumsEffortMilli),
          f.hours(p.redistributionEffortMilli),
          `${orNone(p.lowestBalanceEffortMilli, f.hours)} … ${orNone(p.highestBalanceEffortMilli, f.hours)}`,
        ])}
      />
    </section>
  );
}

async function whatIfPage(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: PoolView,
  form: WhatIfForm,
  status: 200 | 400 | 408 | 413 | 503 = 200,
) {
  const t = textOf(c);
  const f = reportFormat(c.get('lang'));
  const scenario = await deps.economy.scenario(view.poolId);
  const pool = scenario.ok ? scenario.value.pool : view.status.settings.pool;
  const closed = view.status.periods.filter((p) => p.stage === 'closed').length;
  return renderPoolPage(
    c,
    view,
    'whatIf',
    t('whatIf.title'),
    <>
      <h1>{t('whatIf.title')}</h1>
      <p>{t('whatIf.lead', { periods: closed })}</p>
      <h2>{t('whatIf.current')}</h2>
      <dl class="facts settings-now">
        <dt>{t('whatIf.setting.cap')}</dt>
        <dd>{t('whatIf.capNow', { weight: f.weightPlain(pool.market.capWeightMilli) })}</dd>
        <dt>{t('whatIf.setting.clearingRule')}</dt>
        <dd>{t(`whatIf.rule.${pool.market.clearingRule}`)}</dd>
        <dt>{t('whatIf.setting.allowance')}</dt>
        <dd>{t('whatIf.hours', { hours: f.hours(pool.allowanceEffortMilli) })}</dd>
      </dl>
      {form.notice === null ? null : <Notice kind="info">{form.notice}</Notice>}
      <form
        method="post"
        action={`/pools/${encodeURIComponent(view.poolId)}/what-if`}
        class="stack"
      >
        <Field
          name="setting"
          label={t('whatIf.change')}
          error={form.settingError}
          control={
            <select id="f-setting" name="setting">
              {WHAT_IF_SETTINGS.map((s) => (
                <option value={s} selected={s === form.setting}>
                  {t(`whatIf.setting.${s}`)}
                </option>
              ))}
            </select>
          }
        />
        <Field
          name="value"
          label={t('whatIf.value')}
          hint={t('whatIf.valueHint')}
          value={form.value}
          error={form.error}
          required
        />
        <div class="actions">
          <button type="submit">{t('whatIf.run')}</button>
        </div>
      </form>
      {form.runs === null ? null : (
        <section aria-labelledby="what-if-runs">
          <h2 id="what-if-runs">{t('whatIf.compare')}</h2>
          <div class="side-by-side">
            <RunColumn id="run-now" title={t('whatIf.asIs')} run={form.runs[0]} t={t} f={f} />
            <RunColumn
              id="run-changed"
              title={t('whatIf.changed', {
                setting: t(`whatIf.setting.${form.setting}`),
                value: form.value,
              })}
              run={form.runs[1]}
              t={t}
              f={f}
            />
          </div>
        </section>
      )}
    </>,
    status,
  );
}

const EMPTY: WhatIfForm = {
  setting: 'cap',
  value: '',
  error: null,
  settingError: null,
  runs: null,
  notice: null,
};

async function runWhatIf(c: Context<WebEnv>, deps: HttpDeps) {
  const view = await openPoolArea(c, deps, 'whatIf');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const body = await c.req.parseBody();
  const setting = String(body.setting ?? '');
  const value = String(body.value ?? '').trim();
  const form = { ...EMPTY, setting, value };
  const scenario = await deps.economy.scenario(view.poolId);
  if (!scenario.ok) return whatIfPage(c, deps, view, form, 400);
  const change = parseChange(scenario.value, setting, value);
  if (!change.ok) {
    const message = t(`whatIf.refused.${change.hint}`);
    const refused =
      change.error === 'setting' ? { ...form, settingError: message } : { ...form, error: message };
    return whatIfPage(c, deps, view, refused, 400);
  }
  const closed = view.status.periods.filter((p) => p.stage === 'closed').length;
  if (closed === 0) return whatIfPage(c, deps, view, { ...form, notice: t('whatIf.noPeriods') });
  const base = closedScenario(scenario.value, closed);
  const answer = await runSimulation(
    { kind: 'compare', scenarios: [base, change.apply(base)], lang: c.get('lang') },
    simulateLimits(),
  );
  if (!answer.ok || answer.kind !== 'compare') {
    const code = answer.ok ? 'simulate.failed' : answer.code;
    const detail = answer.ok ? '' : answer.detail;
    const status = code === 'simulate.too_long' ? 408 : code === 'simulate.busy' ? 503 : 400;
    return whatIfPage(c, deps, view, { ...form, error: simulateRefusal(c, code, detail) }, status);
  }
  const [now, changed] = answer.summaries;
  return whatIfPage(c, deps, view, { ...form, runs: [now!, changed!] });
}

export function registerWhatIfPage(web: Hono<WebEnv>, deps: HttpDeps) {
  web.get('/pools/:poolId/what-if', async (c) => {
    const view = await openPoolArea(c, deps, 'whatIf');
    if (view instanceof Response) return view;
    return whatIfPage(c, deps, view, EMPTY);
  });
  web.post('/pools/:poolId/what-if', (c) => runWhatIf(c, deps));
}
