// My work: for each slot the reader won, the minutes recorded against it, who must confirm them
// (the project's maintainers and named confirmers) and whether they have; a form records the
// minutes (and the units done, for a task with a standard time) while the period runs.
import type { Context, Hono } from 'hono';
import type { TaskSpec, WorkSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { Field, FormKey, formKeyOf, Notice } from '../forms.tsx';
import { areaHref } from '../pool-nav.tsx';
import { renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { duration, weightWords } from './format.ts';
import {
  type ClearedTask,
  clearedTasks,
  type MemberView,
  mineOf,
  myAssignments,
  openMemberArea,
} from './member-view.ts';
import { StageLine, TaskWhen } from './parts.tsx';
import { errorFor, type FieldRefusal, formOf, refusedBy, refusedHere } from './refusals.ts';

const WHOLE = /^\d{1,6}$/;

export function registerWork(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/work', async (c) => {
    const view = await openMemberArea(c, deps, 'work');
    if (view instanceof Response) return view;
    return workPage(c, deps, view, null);
  });

  web.post('/pools/:poolId/work', async (c) => {
    const view = await openMemberArea(c, deps, 'work');
    if (view instanceof Response) return view;
    const form = await formOf(c);
    const refused = await recordWork(c, deps, view, form);
    if (refused === null) return c.redirect(`${areaHref(view.poolId, 'work')}?done=recorded`, 303);
    return workPage(c, deps, view, refused);
  });
}

async function recordWork(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  form: Record<string, string>,
): Promise<FieldRefusal | null> {
  const t = textOf(c);
  const instanceId = form.instanceId ?? '';
  const task = view.spec?.tasks.find((x) => x.id === instanceId);
  const minutes = form.minutes ?? '';
  if (task === undefined)
    return refusedHere(instanceId, 'minutes', t('member.work.noTask'), minutes);
  if (!WHOLE.test(minutes.trim())) {
    return refusedHere(instanceId, 'minutes', t('member.work.minutesInvalid'), minutes);
  }
  const won = myAssignments(await clearedTasks(deps, view), view.personId);
  if (!won.some((slot) => slot.instanceId === instanceId)) {
    return refusedHere(instanceId, 'minutes', t('member.work.notYours'), minutes);
  }
  const measured = task.standardMinutesPerUnit !== null;
  const units = form.units ?? '';
  if (measured && !WHOLE.test(units.trim())) {
    return refusedHere(instanceId, 'units', t('member.work.unitsInvalid'), units);
  }
  const key = formKeyOf(form);
  const record = {
    id: `${view.personId}.${instanceId}.${key}`,
    personId: view.personId,
    instanceId,
    minutes: Number(minutes.trim()),
    unitsDone: measured ? Number(units.trim()) : null,
    confirmedBy: null,
  };
  const given = await deps.pools.submit(c.get('actor'), view.poolId, key, [
    { kind: 'work', period: view.period, record },
  ]);
  return given.ok ? null : refusedBy(c.get('lang'), instanceId, 'minutes', given.error, minutes);
}

async function workPage(
  c: Context<WebEnv>,
  deps: HttpDeps,
  view: MemberView,
  refusal: FieldRefusal | null,
) {
  const t = textOf(c);
  const mine = myAssignments(await clearedTasks(deps, view), view.personId);
  const records = mineOf<WorkSpec>(view, 'work').map((w) => w.record);
  return renderPoolPage(
    c,
    view,
    'work',
    t('area.work'),
    <>
      <h1>{t('area.work')}</h1>
      <StageLine lang={c.get('lang')} view={view} />
      {c.req.query('done') === 'recorded' && refusal === null ? (
        <Notice kind="ok">{t('member.work.recorded')}</Notice>
      ) : null}
      {refusal !== null && !mine.some((slot) => slot.instanceId === refusal.target) ? (
        <Notice kind="refused">{refusal.message}</Notice>
      ) : null}
      {mine.length === 0 ? (
        <p>{t('member.work.noSlots')}</p>
      ) : (
        <div class="cards">
          {mine.map((cleared) => (
            <SlotWork
              c={c}
              view={view}
              cleared={cleared}
              task={view.spec?.tasks.find((x) => x.id === cleared.instanceId)}
              records={records.filter((r) => r.instanceId === cleared.instanceId)}
              refusal={refusal}
            />
          ))}
        </div>
      )}
    </>,
    refusal?.status ?? 200,
  );
}

function SlotWork(props: {
  c: Context<WebEnv>;
  view: MemberView;
  cleared: ClearedTask;
  task: TaskSpec | undefined;
  records: readonly WorkSpec[];
  refusal: FieldRefusal | null;
}) {
  const { c, view, cleared, task, records, refusal } = props;
  const t = textOf(c);
  const lang = c.get('lang');
  const id = cleared.instanceId;
  const confirmers = task === undefined ? [] : (view.facts.confirmers.get(task.projectId) ?? []);
  const running = view.status.cycle.stage === 'running' || view.status.cycle.stage === 'cleared';
  const minutesError = errorFor(refusal, id, 'minutes');
  const unitsError = errorFor(refusal, id, 'units');
  return (
    <section class="card" aria-labelledby={`slot-${id}`}>
      <h2 id={`slot-${id}`}>{id}</h2>
      <TaskWhen lang={lang} task={task} timeZone={view.scenario.timeZone} />
      <dl class="facts stacked">
        <dt>{t('member.task.length')}</dt>
        <dd>{task === undefined ? '—' : duration(lang, task.minutesPerSlot)}</dd>
        <dt>{t('member.task.weight')}</dt>
        <dd>{cleared.weightMilli === null ? '—' : weightWords(lang, cleared.weightMilli)}</dd>
        <dt>{t('member.work.confirmers')}</dt>
        <dd>{confirmers.filter((p) => p !== view.personId).join(', ') || '—'}</dd>
      </dl>
      {records.length === 0 ? (
        <p>{t('member.work.noneRecorded')}</p>
      ) : (
        <ul class="records">
          {records.map((r) => (
            <li>
              {t('member.work.record', { length: duration(lang, r.minutes) })}
              {r.unitsDone === null ? null : ` · ${t('member.work.units', { units: r.unitsDone })}`}
              {' — '}
              <strong>
                {r.confirmedBy === null
                  ? t('member.work.unconfirmed')
                  : t('member.work.confirmedBy', { person: r.confirmedBy })}
              </strong>
            </li>
          ))}
        </ul>
      )}
      {running || minutesError !== null || unitsError !== null ? (
        <form method="post" action={areaHref(view.poolId, 'work')} class="stack">
          <FormKey />
          <input type="hidden" name="instanceId" value={id} />
          <Field
            name={`minutes-${id}`}
            label={t('member.work.minutes')}
            error={minutesError?.message ?? null}
            control={
              <MinutesInput
                id={`f-minutes-${id}`}
                name="minutes"
                value={minutesError?.value ?? String(task?.minutesPerSlot ?? '')}
                error={minutesError !== null}
              />
            }
          />
          {task?.standardMinutesPerUnit === null || task === undefined ? null : (
            <Field
              name={`units-${id}`}
              label={t('member.work.unitsDone')}
              error={unitsError?.message ?? null}
              control={
                <MinutesInput
                  id={`f-units-${id}`}
                  name="units"
                  value={unitsError?.value ?? ''}
                  error={unitsError !== null}
                />
              }
            />
          )}
          <div class="actions">
            <button type="submit">{t('member.work.submit')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** A whole-number input tied to its Field's error by the Field's id scheme. */
const MinutesInput = (props: { id: string; name: string; value: string; error: boolean }) => (
  <input
    id={props.id}
    name={props.name}
    type="text"
    inputmode="numeric"
    autocomplete="off"
    value={props.value}
    aria-invalid={props.error ? 'true' : undefined}
    aria-describedby={props.error ? `${props.id}-error` : undefined}
  />
);
