// The maintainer's pages: the projects the reader maintains or confirms for, one project's
// page, and its forms (add a task, repeat a template, confirm a work record, record
// production). Every write goes through the pool's actions (policy, idempotency, audit), and a
// refusal renders the same page with the reason next to the form, in the reader's language.
import type { Context, Hono } from 'hono';
import type { InputRequest } from '../../../app/economy/economy-service.ts';
import { confirmsFor, holds, maintains } from '../../../app/policies/actor.ts';
import type { TaskSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { parseThousandths, parseWhole, refusalOf, textField } from '../coordinate/plain.ts';
import { formKeyOf } from '../forms.tsx';
import { openPoolArea, type PoolView, renderPoolPage } from '../pool-page.tsx';
import { errorPage, textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { type PageRefusal, ProjectPage } from './project-page.tsx';
import { projectsOf, readProject } from './project-reads.ts';
import { parseSignedHoursMilli } from './work-in-progress.tsx';

type Form = Record<string, string>;
type Outcome = { ok: true; done: string } | { ok: false; refusal: PageRefusal; status: number };

const projectHref = (poolId: string, projectId: string) =>
  `/pools/${encodeURIComponent(poolId)}/projects/${encodeURIComponent(projectId)}`;

/** Whether the reader works on the project: maintainer, confirmer, or the pool's coordinator. */
const worksOn = (c: Context<WebEnv>, pool: PoolView, projectId: string) => {
  const actor = c.get('actor');
  return (
    maintains(actor, pool.facts, projectId) ||
    confirmsFor(actor, pool.facts, projectId) !== null ||
    holds(actor, pool.poolId, 'coordinator')
  );
};

const fieldRefusal = (form: PageRefusal['form'], field: string, message: string): Outcome => ({
  ok: false,
  refusal: { form, field, message },
  status: 400,
});

/** A task from the form, or the first field that is wrong. */
function taskOf(t: ReturnType<typeof textOf>, form: Form, projectId: string): TaskSpec | Outcome {
  const id = textField(form.id);
  const templateId = textField(form.templateId);
  if (!/^[\w.-]{1,64}$/.test(id)) return fieldRefusal('task', 'id', t('projects.refused.id'));
  if (!/^[\w.-]{1,64}$/.test(templateId)) {
    return fieldRefusal('task', 'templateId', t('projects.refused.id'));
  }
  const slots = parseWhole(form.slots, 1, 10_000);
  if (slots === null) {
    return fieldRefusal('task', 'slots', t('projects.refused.whole', { min: 1, max: 10000 }));
  }
  const minutesPerSlot = parseWhole(form.minutesPerSlot, 1, 10_080);
  if (minutesPerSlot === null) {
    return fieldRefusal(
      'task',
      'minutesPerSlot',
      t('projects.refused.whole', { min: 1, max: 10080 }),
    );
  }
  const standardText = textField(form.standardMinutes);
  const standardMinutesPerUnit = standardText === '' ? null : parseWhole(standardText, 1, 10_080);
  if (standardText !== '' && standardMinutesPerUnit === null) {
    return fieldRefusal(
      'task',
      'standardMinutes',
      t('projects.refused.whole', { min: 1, max: 10080 }),
    );
  }
  const weightText = textField(form.weight);
  const indicatedWeightMilli = weightText === '' ? null : parseThousandths(weightText);
  if (weightText !== '' && (indicatedWeightMilli === null || indicatedWeightMilli === 0)) {
    return fieldRefusal('task', 'weight', t('projects.refused.weight'));
  }
  const start = textField(form.start);
  const place = textField(form.place, 200);
  return {
    id,
    templateId,
    projectId,
    slots,
    minutesPerSlot,
    indicatedWeightMilli,
    standardMinutesPerUnit,
    ...(start === '' ? {} : { start }),
    ...(place === '' ? {} : { place }),
  };
}

export function registerProjectPages(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/projects', async (c) => {
    const pool = await openPoolArea(c, deps, 'projects');
    if (pool instanceof Response) return pool;
    const t = textOf(c);
    const mine = (await projectsOf(deps, pool.poolId)).filter((p) => worksOn(c, pool, p.id));
    return renderPoolPage(
      c,
      pool,
      'projects',
      t('projects.list.title'),
      <>
        <h1>{t('projects.list.title')}</h1>
        {mine.length === 0 ? <p>{t('projects.list.none')}</p> : null}
        <ul class="cards plain">
          {mine.map((p) => (
            <li class="card">
              <a href={projectHref(pool.poolId, p.id)}>{p.id}</a>
              <p class="muted">
                {t('projects.list.people', {
                  maintainers: p.maintainers.join(', ') || '—',
                  confirmers: p.namedConfirmers.join(', ') || '—',
                })}
              </p>
            </li>
          ))}
        </ul>
      </>,
    );
  });

  /** The project page, with what a form left: a done notice or a refusal and the values. */
  async function showProject(
    c: Context<WebEnv>,
    pool: PoolView,
    projectId: string,
    left: { done: string | null; refusal: PageRefusal | null; values: Form; status: number },
  ) {
    const view = await readProject(deps, pool.poolId, projectId);
    if (view === null) return errorPage(c, 404);
    const actor = c.get('actor');
    return renderPoolPage(
      c,
      pool,
      'projects',
      textOf(c)('projects.title', { project: projectId }),
      <ProjectPage
        lang={c.get('lang')}
        poolId={pool.poolId}
        view={view}
        confirmer={confirmsFor(actor, pool.facts, projectId)}
        plans={maintains(actor, pool.facts, projectId) || holds(actor, pool.poolId, 'coordinator')}
        done={left.done}
        refusal={left.refusal}
        values={left.values}
      />,
      left.status as 200,
    );
  }

  /** Opens a project for the reader: the pool and project, or the page to answer instead. */
  async function openProject(c: Context<WebEnv>) {
    const pool = await openPoolArea(c, deps, 'projects');
    if (pool instanceof Response) return pool;
    const projectId = c.req.param('projectId') ?? '';
    if (!(await projectsOf(deps, pool.poolId)).some((p) => p.id === projectId)) {
      return errorPage(c, 404);
    }
    if (!worksOn(c, pool, projectId)) return errorPage(c, 403);
    return { pool, projectId };
  }

  web.get('/pools/:poolId/projects/:projectId', async (c) => {
    const opened = await openProject(c);
    if (opened instanceof Response) return opened;
    const done = c.req.query('done');
    return showProject(c, opened.pool, opened.projectId, {
      done: done !== undefined && /^(task|repeat|confirm|production|wip)$/.test(done) ? done : null,
      refusal: null,
      values: {},
      status: 200,
    });
  });

  /** A form's post: act, then redirect on success or show the page with the refusal. */
  const post = (
    path: string,
    act: (c: Context<WebEnv>, pool: PoolView, projectId: string, form: Form) => Promise<Outcome>,
  ) =>
    web.post(`/pools/:poolId/projects/:projectId${path}`, async (c) => {
      const opened = await openProject(c);
      if (opened instanceof Response) return opened;
      const body = await c.req.parseBody();
      const form: Form = Object.fromEntries(
        Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const outcome = await act(c, opened.pool, opened.projectId, form);
      if (outcome.ok) {
        return c.redirect(
          `${projectHref(opened.pool.poolId, opened.projectId)}?done=${outcome.done}`,
          303,
        );
      }
      return showProject(c, opened.pool, opened.projectId, {
        done: null,
        refusal: outcome.refusal,
        values: form,
        status: outcome.status,
      });
    });

  /** Gives inputs to the open period through the pool's actions. */
  async function give(
    c: Context<WebEnv>,
    pool: PoolView,
    form: Form,
    inputs: (period: number) => InputRequest[],
    refusedAs: Omit<PageRefusal, 'message'>,
    done: string,
  ): Promise<Outcome> {
    const given = await deps.pools.submit(
      c.get('actor'),
      pool.poolId,
      formKeyOf(form),
      inputs(pool.status.cycle.period),
    );
    if (given.ok) return { ok: true, done };
    const refused = refusalOf(c.get('lang'), given.error);
    return {
      ok: false,
      refusal: { ...refusedAs, message: refused.message },
      status: refused.status,
    };
  }

  post('/tasks', async (c, pool, projectId, form) => {
    const task = taskOf(textOf(c), form, projectId);
    if ('ok' in task) return task;
    return give(
      c,
      pool,
      form,
      (period) => [{ kind: 'tasks', period, record: task }],
      { form: 'task' },
      'task',
    );
  });

  post('/tasks/repeat', async (c, pool, projectId, form) => {
    const templateId = textField(form.templateId);
    const view = await readProject(deps, pool.poolId, projectId);
    const template = view?.templates.find((x) => x.templateId === templateId);
    const t = textOf(c);
    if (view === null || template === undefined) {
      return {
        ok: false,
        refusal: { form: 'repeat', row: templateId, message: t('projects.refused.template') },
        status: 404,
      };
    }
    const lastPeriod = template.instances.at(-1)!.period;
    const last = template.instances.filter((i) => i.period === lastPeriod);
    // New ids carry the period, so an instance of each period keeps its own; a start time was
    // that period's, so the copy goes without one.
    const copies = last.map(({ task: { start: _start, ...task } }, n) => ({
      ...task,
      id: `${templateId}-p${view.period}-${n + 1}`,
    }));
    return give(
      c,
      pool,
      form,
      (period) => copies.map((record) => ({ kind: 'tasks', period, record })),
      { form: 'repeat', row: templateId },
      'repeat',
    );
  });

  post('/work/:seq/confirm', async (c, pool, projectId, form) => {
    const seq = c.req.param('seq') ?? '';
    const confirmer = confirmsFor(c.get('actor'), pool.facts, projectId);
    const lang = c.get('lang');
    const refuse = (message: string, status: number): Outcome => ({
      ok: false,
      refusal: { form: 'confirm', row: seq, message },
      status,
    });
    if (confirmer === null) return refuse(textOf(c)('projects.refused.notConfirmer'), 403);
    // Only a record still waiting: one confirmed already is not given a second time.
    const waiting = (await readProject(deps, pool.poolId, projectId))?.waiting ?? [];
    if (!waiting.some((w) => String(w.seq) === seq)) {
      return refuse(refusalOf(lang, { code: 'economy.unknown_input', detail: seq }).message, 404);
    }
    const confirmed = await deps.pools.confirmWork(
      c.get('actor'),
      pool.poolId,
      formKeyOf(form),
      [/^\d{1,12}$/.test(seq) ? Number(seq) : -1],
      confirmer,
    );
    if (confirmed.ok) return { ok: true, done: 'confirm' };
    const refused = refusalOf(lang, confirmed.error);
    return refuse(refused.message, refused.status);
  });

  post('/production', async (c, pool, _projectId, form) => {
    const t = textOf(c);
    const productId = textField(form.productId);
    const units = parseWhole(form.units, 1, 1_000_000_000);
    if (units === null) {
      return fieldRefusal(
        'production',
        'units',
        t('projects.refused.whole', { min: 1, max: 1000000000 }),
      );
    }
    return give(
      c,
      pool,
      form,
      (period) => [{ kind: 'production', period, record: { productId, units } }],
      { form: 'production' },
      'production',
    );
  });

  post('/work-in-progress', async (c, pool, projectId, form) => {
    const changeEffortMilli = parseSignedHoursMilli(form.changeHours);
    if (changeEffortMilli === null || changeEffortMilli === 0) {
      return fieldRefusal('wip', 'changeHours', textOf(c)('projects.wip.refused'));
    }
    return give(
      c,
      pool,
      form,
      (period) => [{ kind: 'workInProgress', period, record: { projectId, changeEffortMilli } }],
      { form: 'wip' },
      'wip',
    );
  });
}
