// My calendar feed: the reader makes a secret link of their assigned slots for a calendar
// program, and revokes every link they made. The link's secret is stored only as its hash, so
// the page shows it once: in the answer to the form that made it (not a redirect, which would
// have to carry the secret in a URL), never again.
import type { Context, Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import { requestContext } from '../../../http/request-context.ts';
import { Field, Notice } from '../forms.tsx';
import { areaHref } from '../pool-nav.tsx';
import { renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import { refusalText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { type MemberView, openMemberArea } from './member-view.ts';
import { formOf, statusOfCode } from './refusals.ts';

/** The calendar page of a pool (it belongs to My week). */
export const calendarHref = (poolId: string) => `${areaHref(poolId, 'week')}/calendar`;

type Outcome =
  | { readonly made: string }
  | { readonly refused: string; readonly status: 403 | 409 | 422 }
  | null;

export function registerCalendar(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/calendar', async (c) => {
    const view = await openMemberArea(c, deps, 'week');
    if (view instanceof Response) return view;
    return calendarPage(c, view, null);
  });

  web.post('/pools/:poolId/calendar', async (c) => {
    const view = await openMemberArea(c, deps, 'week');
    if (view instanceof Response) return view;
    const form = await formOf(c);
    const actor = c.get('actor');
    const refused = (error: { code: string; detail: string }) =>
      calendarPage(c, view, {
        refused: refusalText(c.get('lang'), error.code, error.detail),
        status: statusOfCode(error.code),
      });
    if (form.action === 'revoke') {
      const revoked = await deps.calendarFeeds.revoke(
        actor,
        view.poolId,
        view.personId,
        requestContext(c),
      );
      if (!revoked.ok) return refused(revoked.error);
      return c.redirect(`${calendarHref(view.poolId)}?revoked=${revoked.value.revoked}`, 303);
    }
    const made = await deps.calendarFeeds.create(
      actor,
      view.poolId,
      view.personId,
      requestContext(c),
    );
    if (!made.ok) return refused(made.error);
    const url = `${new URL(c.req.url).origin}/api/v1/calendar/${made.value.token}`;
    c.header('cache-control', 'no-store');
    return calendarPage(c, view, { made: url });
  });
}

function calendarPage(c: Context<WebEnv>, view: MemberView, outcome: Outcome) {
  const t = textOf(c);
  const revoked = Number(c.req.query('revoked') ?? Number.NaN);
  const action = calendarHref(view.poolId);
  return renderPoolPage(
    c,
    view,
    'week',
    t('member.calendar.title'),
    <>
      <h1>{t('member.calendar.title')}</h1>
      <p class="lead">{t('member.calendar.lead')}</p>
      {outcome !== null && 'refused' in outcome ? (
        <Notice kind="refused">{outcome.refused}</Notice>
      ) : null}
      {Number.isInteger(revoked) && revoked >= 0 ? (
        <Notice kind="ok">{t('member.calendar.revoked', { count: revoked })}</Notice>
      ) : null}
      {outcome !== null && 'made' in outcome ? (
        <section aria-labelledby="feed-made" class="card">
          <h2 id="feed-made">{t('member.calendar.made')}</h2>
          <Field
            id="feed-url"
            name="feedUrl"
            label={t('member.calendar.url')}
            hint={t('member.calendar.once')}
            control={
              // A text area, so the whole link shows on a phone and is selected at once.
              <textarea id="feed-url" readonly rows={3} aria-describedby="feed-url-hint">
                {outcome.made}
              </textarea>
            }
          />
        </section>
      ) : null}
      <form method="post" action={action} class="stack">
        <p class="hint">{t('member.calendar.makeHint')}</p>
        <button type="submit" name="action" value="make">
          {t('member.calendar.make')}
        </button>
      </form>
      <form method="post" action={action} class="stack">
        <p class="hint">{t('member.calendar.revokeHint')}</p>
        <button type="submit" name="action" value="revoke" class="secondary">
          {t('member.calendar.revoke')}
        </button>
      </form>
      <p>
        <a href={areaHref(view.poolId, 'week')}>{t('member.calendar.back')}</a>
      </p>
    </>,
    outcome !== null && 'refused' in outcome ? outcome.status : 200,
  );
}
