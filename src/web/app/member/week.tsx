// My week: the slots the reader won in the open period's clearing, with their time and place
// where the pool gave them, the period's stage, and the way to the reader's calendar feed. A
// reader with no person in the pool (a coordinator, an auditor) is sent to the first area of
// the pool they may see.
import type { Context, Hono } from 'hono';
import { personsOf } from '../../../app/policies/actor.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { areaHref, POOL_AREAS } from '../pool-nav.tsx';
import { renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { calendarHref } from './calendar.tsx';
import { duration, weightWords } from './format.ts';
import {
  clearedTasks,
  type MemberView,
  mineOf,
  myAssignments,
  openMemberArea,
} from './member-view.ts';
import { StageLine, TaskWhen } from './parts.tsx';

/** The first area of the pool a signed-in reader without a person in it may see; null: none. */
async function firstOtherArea(c: Context<WebEnv>, deps: HttpDeps): Promise<string | null> {
  const actor = c.get('actor');
  const poolId = c.req.param('poolId') ?? '';
  if (actor.accountId === null || personsOf(actor, poolId).length > 0) return null;
  const facts = await deps.pools.facts(poolId);
  if (!facts.ok) return null;
  const area = POOL_AREAS.find((a) => a.visible(actor, facts.value));
  return area === undefined ? null : areaHref(poolId, area.id);
}

export function registerWeek(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId', async (c) => {
    const elsewhere = await firstOtherArea(c, deps);
    if (elsewhere !== null) return c.redirect(elsewhere, 303);
    const view = await openMemberArea(c, deps, 'week');
    if (view instanceof Response) return view;
    return renderPoolPage(
      c,
      view,
      'week',
      textOf(c)('area.week'),
      await weekContent(c, deps, view),
    );
  });
}

async function weekContent(c: Context<WebEnv>, deps: HttpDeps, view: MemberView) {
  const t = textOf(c);
  const lang = c.get('lang');
  const tasks = await clearedTasks(deps, view);
  const mine = myAssignments(tasks, view.personId);
  const bids = mineOf(view, 'bids');
  const specOf = (id: string) => view.spec?.tasks.find((task) => task.id === id);
  return (
    <>
      <h1>{t('area.week')}</h1>
      <StageLine lang={lang} view={view} />
      {tasks === null ? (
        <p>
          {view.open && bids.length > 0
            ? t('member.week.waiting', { count: bids.length })
            : t('member.week.noneYet')}{' '}
          <a href={areaHref(view.poolId, 'market')}>{t('member.week.toMarket')}</a>
        </p>
      ) : mine.length === 0 ? (
        <p>{t('member.week.noSlots')}</p>
      ) : (
        <ul class="slots" aria-label={t('member.week.slots')}>
          {mine.map((task) => {
            const spec = specOf(task.instanceId);
            return (
              <li class="card">
                <h2>{task.instanceId}</h2>
                <TaskWhen lang={lang} task={spec} timeZone={view.scenario.timeZone} />
                <dl class="facts stacked">
                  <dt>{t('member.task.project')}</dt>
                  <dd>{spec?.projectId ?? '—'}</dd>
                  <dt>{t('member.task.length')}</dt>
                  <dd>{spec === undefined ? '—' : duration(lang, spec.minutesPerSlot)}</dd>
                  <dt>{t('member.task.weight')}</dt>
                  <dd>{task.weightMilli === null ? '—' : weightWords(lang, task.weightMilli)}</dd>
                </dl>
                <p>
                  <a href={areaHref(view.poolId, 'work')}>{t('member.week.recordWork')}</a>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href={calendarHref(view.poolId)}>{t('member.week.calendar')}</a>
      </p>
    </>
  );
}
