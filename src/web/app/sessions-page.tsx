// The account's own sessions as a page: where it is signed in (since when, last used, which
// browser), this one marked, and a button to end each. The same use case as the API's; ending
// this one signs out here. The home page links here beside the password page.
import type { Context, Hono } from 'hono';
import type { OwnSession } from '../../app/auth/own-sessions.ts';
import { agentLabelParts, OTHER_AGENT } from '../../app/auth/security-events.ts';
import type { HttpDeps } from '../../http/deps.ts';
import { requestContext } from '../../http/request-context.ts';
import { clearSessionCookie } from '../../http/session-cookie.ts';
import { Notice } from './forms.tsx';
import { render, textOf } from './render.tsx';
import type { WebEnv } from './web-env.ts';

const PAGE = '/account/sessions';
/**
 * The stored browser label ("Firefox on Linux", "other", see userAgentLabel) in the reader's
 * language: the browser and system names stay as they are, the words between them do not.
 */
function agentText(t: ReturnType<typeof textOf>, agent: string | null): string {
  if (agent === null) return t('sessions.unknownAgent');
  if (agent === OTHER_AGENT) return t('sessions.otherAgent');
  const parts = agentLabelParts(agent);
  return parts === null ? agent : t('sessions.agentOn', parts);
}

const when = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function SessionsList(props: {
  t: ReturnType<typeof textOf>;
  sessions: readonly OwnSession[];
  notice: { kind: 'ok' | 'refused'; text: string } | null;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t('sessions.title')}</h1>
      <p class="lead">{t('sessions.lead')}</p>
      {props.notice === null ? null : <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <table class="stack">
        <thead>
          <tr>
            <th>{t('sessions.agent')}</th>
            <th>{t('sessions.started')}</th>
            <th>{t('sessions.lastUsed')}</th>
            <th>
              <span class="visually-hidden">{t('sessions.end')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((session) => (
            <tr>
              <td data-label={t('sessions.agent')}>
                {/* One element, so the phone layout's label and value columns keep it together. */}
                <span>
                  {agentText(t, session.agent)}
                  {session.current ? <strong> · {t('sessions.current')}</strong> : null}
                </span>
              </td>
              <td data-label={t('sessions.started')}>{when(session.createdAt)}</td>
              <td data-label={t('sessions.lastUsed')}>{when(session.lastUsedAt)}</td>
              <td>
                <form method="post" action={`${PAGE}/end`}>
                  <input type="hidden" name="sessionId" value={session.sessionId} />
                  <button type="submit" class="secondary">
                    {session.current ? t('sessions.endCurrent') : t('sessions.end')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function registerSessionsPage(web: Hono<WebEnv>, deps: HttpDeps) {
  const page = async (
    c: Context<WebEnv>,
    accountId: string,
    notice: { kind: 'ok' | 'refused'; text: string } | null,
    status: 200 | 404 = 200,
  ) => {
    const t = textOf(c);
    const sessions = await deps.sessions.list(accountId, c.get('sessionToken'));
    return render(
      c,
      t('sessions.title'),
      <SessionsList t={t} sessions={sessions} notice={notice} />,
      status,
    );
  };

  web.get(PAGE, async (c) => {
    const accountId = c.get('actor').accountId;
    if (accountId === null) return c.redirect(`/sign-in?next=${PAGE}`, 303);
    const ended = c.req.query('ended') === '1';
    return page(c, accountId, ended ? { kind: 'ok', text: textOf(c)('sessions.ended') } : null);
  });

  web.post(`${PAGE}/end`, async (c) => {
    const accountId = c.get('actor').accountId;
    if (accountId === null) return c.redirect(`/sign-in?next=${PAGE}`, 303);
    const form = await c.req.parseBody();
    const sessionId = typeof form.sessionId === 'string' ? form.sessionId.slice(0, 64) : '';
    const current = (await deps.sessions.list(accountId, c.get('sessionToken'))).find(
      (session) => session.current,
    );
    const ended = await deps.sessions.end(accountId, sessionId, requestContext(c));
    if (!ended.ok)
      return page(c, accountId, { kind: 'refused', text: textOf(c)('sessions.unknown') }, 404);
    if (current?.sessionId === sessionId) {
      clearSessionCookie(c, deps.settings.secureCookies);
      return c.redirect('/sign-in', 303);
    }
    return c.redirect(`${PAGE}?ended=1`, 303);
  });
}
