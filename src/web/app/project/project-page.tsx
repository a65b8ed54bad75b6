// The project page a maintainer works from: task templates with their instances and a form to
// add one (or repeat a template's last ones), the work records waiting for confirmation with a
// button each, the products with their computed effort price and its breakdown, stock and
// production, and the planning signals. Refusals stand next to the form or row they concern.
import type { Lang } from '../../../i18n/index.ts';
import { hoursText, minutesText, weightText } from '../coordinate/plain.ts';
import { Field, FormKey, Notice } from '../forms.tsx';
import { webText } from '../texts/index.ts';
import type { ProductView, ProjectView } from './project-reads.ts';
import { WorkInProgress } from './work-in-progress.tsx';

/** A refusal of one form of the page: which form, which field (if one), and the text. */
export interface PageRefusal {
  readonly form: 'task' | 'repeat' | 'confirm' | 'production' | 'wip';
  readonly field?: string;
  /** For a row's form: which row (a work record's seq, a template). */
  readonly row?: string;
  readonly message: string;
}

export interface ProjectPageProps {
  readonly lang: Lang;
  readonly poolId: string;
  readonly view: ProjectView;
  /** The confirmer's person for this reader; null: the reader may not confirm. */
  readonly confirmer: string | null;
  /** Whether the reader plans for the project (a maintainer, or the pool's coordinator): they
   *  see the forms that post tasks and record production. */
  readonly plans: boolean;
  readonly done: string | null;
  readonly refusal: PageRefusal | null;
  /** What the reader typed, given back with a refusal. */
  readonly values: Readonly<Record<string, string>>;
}

const base = (poolId: string, projectId: string) =>
  `/pools/${encodeURIComponent(poolId)}/projects/${encodeURIComponent(projectId)}`;

export function ProjectPage(props: ProjectPageProps) {
  const { lang, view } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const open = view.stage !== null && view.stage !== 'closed';
  return (
    <>
      <h1>{t('projects.title', { project: view.project.id })}</h1>
      <p class="lead">
        {open
          ? t('projects.periodOpen', { period: view.period, stage: t(`stage.${view.stage}`) })
          : t('projects.noOpenPeriod')}
      </p>
      {props.done === null ? null : <Notice kind="ok">{t(`projects.done.${props.done}`)}</Notice>}
      <WaitingWork {...props} />
      <Templates {...props} />
      <Products {...props} />
      <Production {...props} />
      <WorkInProgress
        {...props}
        action={`${base(props.poolId, view.project.id)}/work-in-progress`}
        refusal={refusalFor(props, 'wip')}
      />
    </>
  );
}

function refusalFor(props: ProjectPageProps, form: PageRefusal['form'], row?: string) {
  const r = props.refusal;
  return r !== null && r.form === form && (row === undefined || r.row === row) ? r : null;
}

const errorOf = (props: ProjectPageProps, form: PageRefusal['form'], field: string) => {
  const r = refusalFor(props, form);
  return r !== null && r.field === field ? r.message : null;
};

/** The refusal of a form that no single field carries, shown at the form's top. */
function FormRefusal(props: { refusal: PageRefusal | null }) {
  return props.refusal === null || props.refusal.field !== undefined ? null : (
    <Notice kind="refused">{props.refusal.message}</Notice>
  );
}

function WaitingWork(props: ProjectPageProps) {
  const { lang, view } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const action = `${base(props.poolId, view.project.id)}/work`;
  // A refusal for a record no longer waiting has no row to stand in: it stands above the table.
  const refused = refusalFor(props, 'confirm');
  const orphan =
    refused !== null && !view.waiting.some((w) => String(w.seq) === refused.row) ? refused : null;
  return (
    <section aria-labelledby="waiting">
      <h2 id="waiting">{t('projects.waiting.title')}</h2>
      {props.confirmer === null ? <p class="muted">{t('projects.waiting.notConfirmer')}</p> : null}
      {orphan === null ? null : <Notice kind="refused">{orphan.message}</Notice>}
      {view.waiting.length === 0 ? (
        <p>{t('projects.waiting.none')}</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th>{t('projects.col.person')}</th>
              <th>{t('projects.col.task')}</th>
              <th class="num">{t('projects.col.time')}</th>
              <th>{t('projects.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {view.waiting.map((w) => {
              const refused = refusalFor(props, 'confirm', String(w.seq));
              return (
                <tr>
                  <td data-label={t('projects.col.person')}>{w.record.personId}</td>
                  <td data-label={t('projects.col.task')}>{w.record.instanceId}</td>
                  <td class="num" data-label={t('projects.col.time')}>
                    {minutesText(lang, w.record.minutes)}
                    {w.record.unitsDone === null
                      ? ''
                      : ` · ${t('projects.units', { units: w.record.unitsDone })}`}
                  </td>
                  <td data-label={t('projects.col.action')}>
                    <form method="post" action={`${action}/${w.seq}/confirm`}>
                      <FormKey />
                      <button
                        type="submit"
                        aria-describedby={refused ? `confirm-${w.seq}` : undefined}
                      >
                        {t('projects.waiting.confirm', { person: w.record.personId })}
                      </button>
                      {refused === null ? null : (
                        <p class="error-text" id={`confirm-${w.seq}`} role="alert">
                          {refused.message}
                        </p>
                      )}
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Templates(props: ProjectPageProps) {
  const { lang, view, values } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const action = `${base(props.poolId, view.project.id)}/tasks`;
  const planning = view.stage === 'planning';
  const repeatRefused = refusalFor(props, 'repeat');
  const repeatOrphan =
    repeatRefused !== null && !view.templates.some((x) => x.templateId === repeatRefused.row)
      ? repeatRefused
      : null;
  return (
    <section aria-labelledby="templates">
      <h2 id="templates">{t('projects.templates.title')}</h2>
      <p class="muted">{t('projects.templates.lead')}</p>
      {repeatOrphan === null ? null : <Notice kind="refused">{repeatOrphan.message}</Notice>}
      {view.templates.length === 0 ? <p>{t('projects.templates.none')}</p> : null}
      {view.templates.map((template) => {
        const last = template.instances.at(-1)!;
        const repeatRefused = refusalFor(props, 'repeat', template.templateId);
        return (
          <div class="card">
            <h3>{t('projects.templates.template', { template: template.templateId })}</h3>
            <p class="muted">
              {t('projects.templates.recurrence', {
                periods: [...new Set(template.instances.map((i) => i.period))].join(', '),
              })}
            </p>
            <table class="stack">
              <thead>
                <tr>
                  <th>{t('projects.col.instance')}</th>
                  <th class="num">{t('projects.col.period')}</th>
                  <th class="num">{t('projects.col.slots')}</th>
                  <th>{t('projects.col.standard')}</th>
                  <th>{t('projects.col.weight')}</th>
                  <th>{t('projects.col.when')}</th>
                </tr>
              </thead>
              <tbody>
                {template.instances.map(({ period, task }) => (
                  <tr>
                    <td data-label={t('projects.col.instance')}>{task.id}</td>
                    <td class="num" data-label={t('projects.col.period')}>
                      {period}
                    </td>
                    <td class="num" data-label={t('projects.col.slots')}>
                      {t('projects.slots', {
                        slots: task.slots,
                        time: minutesText(lang, task.minutesPerSlot),
                      })}
                    </td>
                    <td data-label={t('projects.col.standard')}>
                      {task.standardMinutesPerUnit === null
                        ? t('projects.byTime')
                        : t('projects.perUnit', {
                            time: minutesText(lang, task.standardMinutesPerUnit),
                          })}
                    </td>
                    <td data-label={t('projects.col.weight')}>
                      {task.indicatedWeightMilli === null
                        ? t('projects.weightFromMarket')
                        : weightText(lang, task.indicatedWeightMilli)}
                    </td>
                    <td data-label={t('projects.col.when')}>
                      {[task.start?.replace('T', ' '), task.place]
                        .filter((x) => x !== undefined)
                        .join(' · ') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {props.plans && planning && last.period < view.period ? (
              <form method="post" action={`${action}/repeat`} class="actions">
                <FormKey />
                <input type="hidden" name="templateId" value={template.templateId} />
                <button type="submit" class="secondary">
                  {t('projects.templates.repeat', { period: view.period })}
                </button>
              </form>
            ) : null}
            {repeatRefused === null ? null : (
              <p class="error-text" role="alert">
                {repeatRefused.message}
              </p>
            )}
          </div>
        );
      })}
      {props.plans ? <h3 id="add-task">{t('projects.task.add')}</h3> : null}
      {planning || !props.plans ? null : <p class="muted">{t('projects.task.onlyPlanning')}</p>}
      {(props.plans && planning) || refusalFor(props, 'task') !== null ? (
        <form class="stack" method="post" action={action} aria-labelledby="add-task">
          <FormKey />
          <FormRefusal refusal={refusalFor(props, 'task')} />
          <Field
            name="id"
            label={t('projects.task.id')}
            value={values.id ?? ''}
            required
            error={errorOf(props, 'task', 'id')}
          />
          <Field
            name="templateId"
            label={t('projects.task.template')}
            value={values.templateId ?? ''}
            required
            hint={t('projects.task.templateHint')}
            error={errorOf(props, 'task', 'templateId')}
          />
          <Field
            name="slots"
            label={t('projects.task.slots')}
            value={values.slots ?? '1'}
            inputmode="numeric"
            required
            error={errorOf(props, 'task', 'slots')}
          />
          <Field
            name="minutesPerSlot"
            label={t('projects.task.minutes')}
            value={values.minutesPerSlot ?? '60'}
            inputmode="numeric"
            required
            error={errorOf(props, 'task', 'minutesPerSlot')}
          />
          <Field
            name="standardMinutes"
            label={t('projects.task.standard')}
            value={values.standardMinutes ?? ''}
            inputmode="numeric"
            hint={t('projects.task.standardHint')}
            error={errorOf(props, 'task', 'standardMinutes')}
          />
          <Field
            name="weight"
            label={t('projects.task.weight')}
            value={values.weight ?? ''}
            inputmode="decimal"
            hint={t('projects.task.weightHint')}
            error={errorOf(props, 'task', 'weight')}
          />
          <Field
            name="start"
            label={t('projects.task.start')}
            type="datetime-local"
            value={values.start ?? ''}
            error={errorOf(props, 'task', 'start')}
          />
          <Field
            name="place"
            label={t('projects.task.place')}
            value={values.place ?? ''}
            error={errorOf(props, 'task', 'place')}
          />
          <p class="muted">{t('projects.task.qualification')}</p>
          <div class="actions">
            <button type="submit">{t('projects.task.submit')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Breakdown(props: { lang: Lang; product: ProductView }) {
  const { lang, product } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const price = product.price;
  if (price === null) return <p class="muted">{t('projects.products.plain')}</p>;
  const parts = Object.entries(price.perUnit).filter(([, amount]) => amount > 0);
  return (
    <table class="stack">
      <caption>{t('projects.products.breakdown', { units: price.units })}</caption>
      <thead>
        <tr>
          <th>{t('projects.col.component')}</th>
          <th class="num">{t('projects.col.perUnit')}</th>
          <th class="num">{t('projects.col.batch')}</th>
        </tr>
      </thead>
      <tbody>
        {parts.map(([component, amount]) => (
          <tr>
            <td data-label={t('projects.col.component')}>{t(`projects.component.${component}`)}</td>
            <td class="num" data-label={t('projects.col.perUnit')}>
              {hoursText(lang, amount)}
            </td>
            <td class="num" data-label={t('projects.col.batch')}>
              {hoursText(lang, price.batch[component as keyof typeof price.batch])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Products(props: ProjectPageProps) {
  const { lang, view } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  return (
    <section aria-labelledby="products">
      <h2 id="products">{t('projects.products.title')}</h2>
      {view.products.length === 0 ? <p>{t('projects.products.none')}</p> : null}
      <div class="cards">
        {view.products.map((product) => (
          <div class="card">
            <h3>{product.product.id}</h3>
            <dl class="facts">
              <dt>{t('projects.products.price')}</dt>
              <dd>
                {t('projects.products.perUnit', {
                  price: hoursText(lang, product.unitPriceEffortMilli),
                })}
              </dd>
              <dt>{t('projects.products.stock')}</dt>
              <dd>
                {product.stockUnits === null ? t('projects.products.noClose') : product.stockUnits}
              </dd>
              <dt>{t('projects.products.planned')}</dt>
              <dd>{product.plannedUnits === null ? '—' : product.plannedUnits}</dd>
              <dt>{t('projects.products.signals')}</dt>
              <dd>
                {product.signals.length === 0
                  ? t('projects.signal.none')
                  : product.signals.map((s) => t(`projects.signal.${s}`)).join(' ')}
              </dd>
            </dl>
            <Breakdown lang={lang} product={product} />
          </div>
        ))}
      </div>
      <p class="muted">{t('projects.signal.explained')}</p>
    </section>
  );
}

function Production(props: ProjectPageProps) {
  const { lang, view, values } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  if (view.products.length === 0) return null;
  return (
    <section aria-labelledby="production">
      <h2 id="production">{t('projects.production.title')}</h2>
      {view.productionThisPeriod.length === 0 ? (
        <p>{t('projects.production.none', { period: view.period })}</p>
      ) : (
        <ul>
          {view.productionThisPeriod.map((x) => (
            <li>{t('projects.production.line', { product: x.productId, units: x.units })}</li>
          ))}
        </ul>
      )}
      {props.plans || refusalFor(props, 'production') !== null ? (
        <form
          class="stack"
          method="post"
          action={`${base(props.poolId, view.project.id)}/production`}
        >
          <FormKey />
          <FormRefusal refusal={refusalFor(props, 'production')} />
          <Field
            name="productId"
            label={t('projects.production.product')}
            error={errorOf(props, 'production', 'productId')}
            control={
              <select id="f-productId" name="productId">
                {view.products.map((p) => (
                  <option value={p.product.id} selected={values.productId === p.product.id}>
                    {p.product.id}
                  </option>
                ))}
              </select>
            }
          />
          <Field
            name="units"
            label={t('projects.production.units')}
            value={values.units ?? ''}
            inputmode="numeric"
            required
            error={errorOf(props, 'production', 'units')}
          />
          <div class="actions">
            <button type="submit">{t('projects.production.submit')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
