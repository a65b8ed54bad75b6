// The pool's settings for a coordinator: what holds now (the founding settings with every
// change up to the open period), the changes made and from which period each holds, and a form
// that changes some of them from the period being planned on (decision 0018: settings hold
// for a whole period, so they change only while it is planned).
import type { Context, Hono } from 'hono';
import type { PoolChangeSpec, PoolSpec, Scenario } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { Lang } from '../../../i18n/index.ts';
import { Field, FormKey, formKeyOf, Notice } from '../forms.tsx';
import type { PoolView } from '../pool-page.tsx';
import { errorPage } from '../render.tsx';
import { webText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { coordinateHref, formOf, openCoordinate, renderCoordinatePage } from './coordinate-nav.tsx';
import { hoursText, parseThousandths, refusalOf, textField, weightText } from './plain.ts';

/** The pool's settings in force in `period`: the founding ones with each change up to it. */
export function settingsIn(scenario: Scenario, period: number): PoolSpec {
  let pool = scenario.pool;
  scenario.periods.slice(0, period).forEach((spec) => {
    for (const change of spec.settingsChanges) {
      const p = change.pool;
      if (p === undefined) continue;
      const defined = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
      const market = Object.fromEntries(
        Object.entries(p.market ?? {}).filter(([, v]) => v !== undefined),
      );
      pool = { ...pool, ...defined, market: { ...pool.market, ...market } } as PoolSpec;
    }
  });
  return pool;
}

const HOUR_FIELDS = ['allowance', 'carryOverCap'] as const;
const WEIGHT_FIELDS = ['minWeight', 'capWeight'] as const;

function SettingsView(props: {
  lang: Lang;
  poolId: string;
  period: number;
  planning: boolean;
  now: PoolSpec;
  changes: readonly { period: number; change: PoolChangeSpec }[];
  done: boolean;
  refusal: { field?: string; message: string } | null;
  values: Readonly<Record<string, string>>;
}) {
  const { lang, now, values } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const errorOf = (field: string) =>
    props.refusal?.field === field ? props.refusal.message : null;
  return (
    <>
      {props.done ? (
        <Notice kind="ok">{t('coord.settings.done', { period: props.period })}</Notice>
      ) : null}
      <section aria-labelledby="now">
        <h2 id="now">{t('coord.settings.now', { period: props.period })}</h2>
        <dl class="facts">
          <dt>{t('coord.settings.allowance')}</dt>
          <dd>{hoursText(lang, now.allowanceEffortMilli)}</dd>
          <dt>{t('coord.settings.carryOverCap')}</dt>
          <dd>{hoursText(lang, now.carryOverCapEffortMilli)}</dd>
          <dt>{t('coord.settings.minWeight')}</dt>
          <dd>{weightText(lang, now.market.minWeightMilli)}</dd>
          <dt>{t('coord.settings.capWeight')}</dt>
          <dd>{weightText(lang, now.market.capWeightMilli)}</dd>
          <dt>{t('coord.settings.clearingRule')}</dt>
          <dd>{t(`coord.settings.rule.${now.market.clearingRule}`)}</dd>
          <dt>{t('coord.settings.weighting')}</dt>
          <dd>{t(`coord.settings.weighting.${now.weighting}`)}</dd>
        </dl>
      </section>
      <section aria-labelledby="changes">
        <h2 id="changes">{t('coord.settings.changes')}</h2>
        {props.changes.length === 0 ? (
          <p>{t('coord.settings.noChanges')}</p>
        ) : (
          <ul>
            {props.changes.map(({ period, change }) => (
              <li>{t('coord.settings.changeLine', { period, change: JSON.stringify(change) })}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="change">
        <h2 id="change">{t('coord.settings.change', { period: props.period })}</h2>
        {props.planning ? (
          <p class="muted">{t('coord.settings.onlyGiven')}</p>
        ) : (
          <p class="muted">{t('coord.settings.onlyPlanning')}</p>
        )}
        <form class="stack" method="post" action={coordinateHref(props.poolId, 'settings')}>
          <FormKey />
          {props.refusal !== null && props.refusal.field === undefined ? (
            <Notice kind="refused">{props.refusal.message}</Notice>
          ) : null}
          {HOUR_FIELDS.map((name) => (
            <Field
              name={name}
              label={t(`coord.settings.${name}`)}
              value={values[name] ?? ''}
              inputmode="decimal"
              hint={t('coord.settings.hoursHint')}
              error={errorOf(name)}
            />
          ))}
          {WEIGHT_FIELDS.map((name) => (
            <Field
              name={name}
              label={t(`coord.settings.${name}`)}
              value={values[name] ?? ''}
              inputmode="decimal"
              hint={t('coord.settings.weightHint')}
              error={errorOf(name)}
            />
          ))}
          <Field
            name="clearingRule"
            label={t('coord.settings.clearingRule')}
            control={
              <select id="f-clearingRule" name="clearingRule">
                <option value="">{t('coord.settings.keep')}</option>
                {(['lowest', 'highest'] as const).map((rule) => (
                  <option value={rule} selected={values.clearingRule === rule}>
                    {t(`coord.settings.rule.${rule}`)}
                  </option>
                ))}
              </select>
            }
          />
          <div class="actions">
            <button type="submit">{t('coord.settings.submit', { period: props.period })}</button>
          </div>
        </form>
      </section>
    </>
  );
}

/** The change the form asks for, or the field that is wrong. */
function changeOf(form: Record<string, string>): PoolChangeSpec | { field: string } {
  const change: Record<string, unknown> = {};
  const market: Record<string, unknown> = {};
  const names = { allowance: 'allowanceEffortMilli', carryOverCap: 'carryOverCapEffortMilli' };
  for (const name of HOUR_FIELDS) {
    const text = textField(form[name]);
    if (text === '') continue;
    const value = parseThousandths(text);
    if (value === null) return { field: name };
    change[names[name]] = value;
  }
  for (const name of WEIGHT_FIELDS) {
    const text = textField(form[name]);
    if (text === '') continue;
    const value = parseThousandths(text);
    if (value === null || value === 0) return { field: name };
    market[`${name}Milli`] = value;
  }
  if (form.clearingRule === 'lowest' || form.clearingRule === 'highest') {
    market.clearingRule = form.clearingRule;
  }
  return Object.keys(market).length === 0 ? change : { ...change, market };
}

export function registerSettingsPage(web: Hono<WebEnv>, deps: HttpDeps): void {
  async function show(
    c: Context<WebEnv>,
    pool: PoolView,
    left: {
      done: boolean;
      refusal: { field?: string; message: string } | null;
      values: Record<string, string>;
    },
    status = 200,
  ) {
    const scenario = await deps.economy.scenario(pool.poolId);
    if (!scenario.ok) return errorPage(c, 404);
    const { period, stage } = pool.status.cycle;
    const changes = scenario.value.periods.flatMap((spec, index) =>
      spec.settingsChanges.flatMap((x) =>
        x.pool === undefined ? [] : [{ period: index + 1, change: x.pool }],
      ),
    );
    return renderCoordinatePage(
      c,
      pool,
      'settings',
      <SettingsView
        lang={c.get('lang')}
        poolId={pool.poolId}
        period={stage === null || stage === 'closed' ? period + 1 : period}
        planning={stage === 'planning'}
        now={settingsIn(scenario.value, period)}
        changes={changes}
        {...left}
      />,
      status as 200,
    );
  }

  web.get('/pools/:poolId/coordinate/settings', async (c) => {
    const pool = await openCoordinate(c, deps);
    if (pool instanceof Response) return pool;
    return show(c, pool, { done: c.req.query('done') === '1', refusal: null, values: {} });
  });

  web.post('/pools/:poolId/coordinate/settings', async (c) => {
    const pool = await openCoordinate(c, deps);
    if (pool instanceof Response) return pool;
    const form = await formOf(c);
    const lang = c.get('lang');
    const change = changeOf(form);
    if ('field' in change) {
      const key = (HOUR_FIELDS as readonly string[]).includes(change.field) ? 'hours' : 'weight';
      return show(
        c,
        pool,
        {
          done: false,
          refusal: { field: change.field, message: webText(lang, `coord.refused.${key}`) },
          values: form,
        },
        400,
      );
    }
    if (Object.keys(change).length === 0) {
      return show(
        c,
        pool,
        { done: false, refusal: { message: webText(lang, 'coord.refused.nothing') }, values: form },
        400,
      );
    }
    const given = await deps.pools.submit(c.get('actor'), pool.poolId, formKeyOf(form), [
      { kind: 'settingsChanges', period: pool.status.cycle.period, record: { pool: change } },
    ]);
    if (given.ok) return c.redirect(`${coordinateHref(pool.poolId, 'settings')}?done=1`, 303);
    const refused = refusalOf(lang, given.error);
    return show(
      c,
      pool,
      { done: false, refusal: { message: refused.message }, values: form },
      refused.status,
    );
  });
}
