// Office mode: a coordinator acts for a member who is not online (no phone, in hospital, at
// the counter of the office): places a bid or records work in that person's name. The pool's
// actions record each such input in the audit log with the person acted for.
import type { Context, Hono } from 'hono';
import type { TaskSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { Lang } from '../../../i18n/index.ts';
import { Field, FormKey, formKeyOf, Notice } from '../forms.tsx';
import type { PoolView } from '../pool-page.tsx';
import { webText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { coordinateHref, formOf, openCoordinate, renderCoordinatePage } from './coordinate-nav.tsx';
import { parseThousandths, parseWhole, refusalOf, textField } from './plain.ts';

type OfficeForm = 'bid' | 'work';

interface Left {
  readonly done: OfficeForm | null;
  readonly refusal: {
    readonly form: OfficeForm;
    readonly field?: string;
    readonly message: string;
  } | null;
  readonly values: Readonly<Record<string, string>>;
}

function Select(props: {
  id: string;
  name: string;
  options: readonly string[];
  selected?: string | undefined;
}) {
  return (
    <select id={props.id} name={props.name}>
      {props.options.map((o) => (
        <option value={o} selected={props.selected === o}>
          {o}
        </option>
      ))}
    </select>
  );
}

function OfficeView(props: {
  lang: Lang;
  poolId: string;
  persons: readonly string[];
  tasks: readonly TaskSpec[];
  stage: string | null;
  left: Left;
}) {
  const { lang, left } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const action = coordinateHref(props.poolId, 'office');
  const errorOf = (form: OfficeForm, field: string) =>
    left.refusal?.form === form && left.refusal.field === field ? left.refusal.message : null;
  const formError = (form: OfficeForm) =>
    left.refusal?.form === form && left.refusal.field === undefined ? (
      <Notice kind="refused">{left.refusal.message}</Notice>
    ) : null;
  const ids = props.tasks.map((x) => x.id);
  // Both forms have a person and a task: each field's id names its form, so no id repeats.
  const person = (form: OfficeForm) => (
    <Field
      id={`f-${form}-personId`}
      name="personId"
      label={t('coord.office.person')}
      error={errorOf(form, 'personId')}
      control={
        <Select
          id={`f-${form}-personId`}
          name="personId"
          options={props.persons}
          selected={left.values.personId}
        />
      }
    />
  );
  const task = (form: OfficeForm) => (
    <Field
      id={`f-${form}-instanceId`}
      name="instanceId"
      label={t('coord.col.task')}
      control={
        <Select
          id={`f-${form}-instanceId`}
          name="instanceId"
          options={ids}
          selected={left.values.instanceId}
        />
      }
    />
  );
  return (
    <>
      <p class="lead">{t('coord.office.lead')}</p>
      {left.done === null ? null : <Notice kind="ok">{t(`coord.office.done.${left.done}`)}</Notice>}
      {ids.length === 0 ? <p>{t('coord.office.noTasks')}</p> : null}
      <div class="cards">
        <section class="card" aria-labelledby="office-bid">
          <h2 id="office-bid">{t('coord.office.bid')}</h2>
          <p class="muted">{t('coord.office.bidWhen')}</p>
          <form class="stack" method="post" action={`${action}/bid`}>
            <FormKey />
            {formError('bid')}
            {person('bid')}
            {task('bid')}
            <Field
              name="weight"
              label={t('coord.office.weight')}
              value={left.values.weight ?? ''}
              inputmode="decimal"
              required
              hint={t('coord.office.weightHint')}
              error={errorOf('bid', 'weight')}
            />
            <div class="actions">
              <button type="submit">{t('coord.office.bidSubmit')}</button>
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="office-work">
          <h2 id="office-work">{t('coord.office.work')}</h2>
          <p class="muted">{t('coord.office.workWhen')}</p>
          <form class="stack" method="post" action={`${action}/work`}>
            <FormKey />
            {formError('work')}
            {person('work')}
            {task('work')}
            <Field
              name="minutes"
              label={t('coord.office.minutes')}
              value={left.values.minutes ?? ''}
              inputmode="numeric"
              required
              error={errorOf('work', 'minutes')}
            />
            <div class="actions">
              <button type="submit">{t('coord.office.workSubmit')}</button>
            </div>
          </form>
        </section>
      </div>
    </>
  );
}

export function registerOfficePage(web: Hono<WebEnv>, deps: HttpDeps): void {
  async function show(c: Context<WebEnv>, pool: PoolView, left: Left, status = 200) {
    const scenario = await deps.economy.scenario(pool.poolId);
    const { period, stage } = pool.status.cycle;
    const open = stage !== null && stage !== 'closed';
    const persons = scenario.ok ? scenario.value.persons.map((p) => p.id).sort() : [];
    const tasks = scenario.ok && open ? (scenario.value.periods[period - 1]?.tasks ?? []) : [];
    return renderCoordinatePage(
      c,
      pool,
      'office',
      <OfficeView
        lang={c.get('lang')}
        poolId={pool.poolId}
        persons={persons}
        tasks={tasks}
        stage={stage}
        left={left}
      />,
      status as 200,
    );
  }

  web.get('/pools/:poolId/coordinate/office', async (c) => {
    const pool = await openCoordinate(c, deps);
    if (pool instanceof Response) return pool;
    const done = c.req.query('done');
    return show(c, pool, {
      done: done === 'bid' || done === 'work' ? done : null,
      refusal: null,
      values: {},
    });
  });

  for (const name of ['bid', 'work'] as const) {
    web.post(`/pools/:poolId/coordinate/office/${name}`, async (c) => {
      const pool = await openCoordinate(c, deps);
      if (pool instanceof Response) return pool;
      const form = await formOf(c);
      const lang = c.get('lang');
      const personId = textField(form.personId);
      const instanceId = textField(form.instanceId);
      const key = formKeyOf(form);
      const refuse = (message: string, status: number, field?: string) =>
        show(
          c,
          pool,
          {
            done: null,
            refusal: { form: name, message, ...(field ? { field } : {}) },
            values: form,
          },
          status,
        );
      let record: object;
      if (name === 'bid') {
        const weightMilli = parseThousandths(form.weight);
        if (weightMilli === null || weightMilli === 0) {
          return refuse(webText(lang, 'coord.refused.weight'), 400, 'weight');
        }
        record = { personId, instanceId, weightMilli };
      } else {
        const minutes = parseWhole(form.minutes, 1, 10_080);
        if (minutes === null) return refuse(webText(lang, 'coord.refused.minutes'), 400, 'minutes');
        // A record id of the office: who, which task, and the form that gave it.
        const id = `office-${personId}-${instanceId}-${key.slice(0, 8)}`;
        record = { id, personId, instanceId, minutes, unitsDone: null, confirmedBy: null };
      }
      const given = await deps.pools.submit(c.get('actor'), pool.poolId, key, [
        { kind: name === 'bid' ? 'bids' : 'work', period: pool.status.cycle.period, record },
      ]);
      if (given.ok) return c.redirect(`${coordinateHref(pool.poolId, 'office')}?done=${name}`, 303);
      const refused = refusalOf(lang, given.error);
      return refuse(refused.message, refused.status);
    });
  }
}
