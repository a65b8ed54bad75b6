// Adding a dependent (reference §4.11): the steward picks a resident and a category, sees each
// contributor's share before and after (the preview, a plain GET so it works without script),
// and then adds the status for the open period. A refusal shows next to the field in the
// reader's language, and nothing is written.
import type { Context, Hono } from 'hono';
import type { DependentCategorySpec } from '../../../core/scenario/index.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { reportFormat } from '../../report/format.ts';
import { StackTable } from '../books/stack-table.tsx';
import { Field, FormKey, formKeyOf, Notice } from '../forms.tsx';
import { openPoolArea, renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import { hasWebText, refusalText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { associationHref, associationPage, stewardContext } from './association-page.tsx';
import {
  DEPENDENT_CATEGORIES,
  periodAssociations,
  shareChanges,
  withDependent,
} from './shares-preview.ts';

type T = ReturnType<typeof textOf>;

export interface DependentFormState {
  readonly personId: string;
  readonly category: string;
  /** The refusal to show next to the person field. */
  readonly error: string | null;
}

export function AddDependentForm(props: { poolId: string; form: DependentFormState; t: T }) {
  const { t, form } = props;
  return (
    <section aria-labelledby="assoc-add">
      <h2 id="assoc-add">{t('assoc.add')}</h2>
      <p>{t('assoc.add.lead')}</p>
      <form
        method="get"
        action={associationHref(props.poolId, '/dependents/preview')}
        class="stack"
      >
        <Field
          name="personId"
          label={t('assoc.add.person')}
          hint={t('assoc.add.personHint')}
          value={form.personId}
          error={form.error}
          required
        />
        <Field
          name="category"
          label={t('assoc.add.category')}
          control={
            <select id="f-category" name="category">
              {DEPENDENT_CATEGORIES.map((c) => (
                <option value={c} selected={c === form.category}>
                  {t(`assoc.category.${c}`)}
                </option>
              ))}
            </select>
          }
        />
        <div class="actions">
          <button type="submit">{t('assoc.add.preview')}</button>
        </div>
      </form>
    </section>
  );
}

type Checked =
  | { ok: true; personId: string; category: DependentCategorySpec }
  | { ok: false; form: DependentFormState };

/** The form's person must be a contributing resident of an association the steward looks after. */
function checkForm(
  t: T,
  context: NonNullable<Awaited<ReturnType<typeof stewardContext>>>,
  personId: string,
  category: string,
): Checked {
  const form = { personId, category, error: null };
  if (!DEPENDENT_CATEGORIES.includes(category as DependentCategorySpec)) {
    return { ok: false, form: { ...form, error: t('assoc.add.badCategory') } };
  }
  const resident = periodAssociations(context.scenario, context.period).residents.find(
    (r) => r.personId === personId && context.mine.includes(r.associationId),
  );
  if (resident === undefined) {
    return {
      ok: false,
      form: { ...form, error: t('assoc.add.notResident', { person: personId }) },
    };
  }
  if (resident.dependent !== null) {
    return { ok: false, form: { ...form, error: t('assoc.add.already', { person: personId }) } };
  }
  return { ok: true, personId, category: category as DependentCategorySpec };
}

async function previewPage(c: Context<WebEnv>, deps: HttpDeps) {
  const view = await openPoolArea(c, deps, 'association');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const f = reportFormat(c.get('lang'));
  const context = await stewardContext(c, deps, view);
  if (context === null) return associationPage(c, deps);
  const checked = checkForm(
    t,
    context,
    c.req.query('personId') ?? '',
    c.req.query('category') ?? '',
  );
  if (!checked.ok) return associationPage(c, deps, checked.form, 400);
  const before = periodAssociations(context.scenario, context.period);
  const after = periodAssociations(
    withDependent(context.scenario, context.period, checked.personId, checked.category),
    context.period,
  );
  const all = shareChanges(before, after, context.mine);
  // Only the shares that change are listed; the others are counted.
  const changes = all.filter((s) => s.afterEffortMilli !== s.beforeEffortMilli);
  const unchanged = all.length - changes.length;
  const title = t('assoc.preview.title', { person: checked.personId });
  return renderPoolPage(
    c,
    view,
    'association',
    title,
    <>
      <h1>{title}</h1>
      <p>
        {t('assoc.preview.lead', {
          person: checked.personId,
          category: t(`assoc.category.${checked.category}`),
          period: context.period,
        })}
      </p>
      {after.problem === null ? null : (
        <Notice kind="refused">{refusalText(c.get('lang'), after.problem, after.problem)}</Notice>
      )}
      <StackTable
        class="preview"
        caption={t('assoc.preview.caption', { period: context.period })}
        columns={[
          { label: t('assoc.person') },
          { label: t('assoc.preview.before'), num: true },
          { label: t('assoc.preview.after'), num: true },
          { label: t('assoc.preview.change'), num: true },
        ]}
        rows={changes.map((s) => ({
          class: s.personId === checked.personId ? 'flagged' : undefined,
          cells: [
            s.personId,
            t('assoc.hours', { hours: f.hours(s.beforeEffortMilli) }),
            t('assoc.hours', { hours: f.hours(s.afterEffortMilli) }),
            (s.afterEffortMilli >= s.beforeEffortMilli ? '+' : '') +
              t('assoc.hours', { hours: f.hours(s.afterEffortMilli - s.beforeEffortMilli) }),
          ],
        }))}
      />
      {unchanged === 0 ? null : <p>{t('assoc.preview.unchanged', { count: unchanged })}</p>}
      <p class="muted">{t('assoc.preview.assumption')}</p>
      <form method="post" action={associationHref(view.poolId, '/dependents')} class="actions">
        <FormKey />
        <input type="hidden" name="personId" value={checked.personId} />
        <input type="hidden" name="category" value={checked.category} />
        <button type="submit">{t('assoc.add.submit', { person: checked.personId })}</button>
        <a href={associationHref(view.poolId)}>{t('assoc.preview.cancel')}</a>
      </form>
    </>,
  );
}

async function addDependent(c: Context<WebEnv>, deps: HttpDeps) {
  const view = await openPoolArea(c, deps, 'association');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const body = await c.req.parseBody();
  const personId = String(body.personId ?? '');
  const category = String(body.category ?? '');
  const context = await stewardContext(c, deps, view);
  if (context === null) return associationPage(c, deps);
  const checked = checkForm(t, context, personId, category);
  if (!checked.ok) return associationPage(c, deps, checked.form, 400);
  const submitted = await deps.pools.submit(c.get('actor'), view.poolId, formKeyOf(body), [
    {
      kind: 'dependents',
      period: context.period,
      record: { personId, dependent: { category, allowanceEffortMilli: null } },
    },
  ]);
  if (!submitted.ok) {
    const { code, detail } = submitted.error;
    const key = `assoc.refusal.${code}`;
    const error = hasWebText(c.get('lang'), key)
      ? t(key, { detail })
      : refusalText(c.get('lang'), code, detail);
    const status = code.startsWith('auth.') ? 403 : 409;
    return associationPage(c, deps, { personId, category, error }, status);
  }
  return c.redirect(associationHref(view.poolId, `?added=${encodeURIComponent(personId)}`), 303);
}

export function registerDependentForm(web: Hono<WebEnv>, deps: HttpDeps) {
  web.get('/pools/:poolId/association/dependents/preview', (c) => previewPage(c, deps));
  web.post('/pools/:poolId/association/dependents', (c) => addDependent(c, deps));
}
