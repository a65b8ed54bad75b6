// Members and roles for a coordinator: who holds which role (with a button to take one back),
// granting a role to an account by its login, inviting a person of the pool (a new account and
// a one-time link) and a reset link for an account of the pool. A link is shown once, on the
// page that made it, for the coordinator to hand over; it is never stored in the clear.
import type { Context, Hono } from 'hono';
import type { RoleGrant, StoredRole } from '../../../app/ports/auth-store.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { requestContext } from '../../../http/request-context.ts';
import type { Lang } from '../../../i18n/index.ts';
import { Field, FormKey, Notice } from '../forms.tsx';
import type { PoolView } from '../pool-page.tsx';
import { webText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { coordinateHref, formOf, openCoordinate, renderCoordinatePage } from './coordinate-nav.tsx';
import { refusalOf, textField } from './plain.ts';

const ROLES: readonly StoredRole[] = ['member', 'coordinator', 'steward', 'auditor'];

interface Holder {
  readonly accountId: string;
  readonly login: string;
  readonly grant: RoleGrant;
}

type FormName = 'grant' | 'revoke' | 'invite' | 'reset';

interface Left {
  readonly done: string | null;
  /** A one-time link made just now, to hand over. */
  readonly link: {
    readonly url: string;
    readonly login: string;
    readonly expiresAt: number;
    /** The address it was mailed to, or why the mail did not go out (null: not mailed). */
    readonly mailedTo: string | null;
    readonly mailProblem: string | null;
  } | null;
  readonly refusal: {
    readonly form: FormName;
    readonly field?: string;
    readonly message: string;
  } | null;
  readonly values: Readonly<Record<string, string>>;
}

/** What a post answers with when it does not redirect: the page, with this status. */
type Answer = Left & { readonly status: number };

const NOTHING: Left = { done: null, link: null, refusal: null, values: {} };

function PeopleView(props: {
  lang: Lang;
  poolId: string;
  holders: readonly Holder[];
  persons: readonly string[];
  selfAccountId: string | null;
  /** Whether the server mails links (an address field on the two link forms). */
  sendsMail: boolean;
  left: Left;
}) {
  const { lang, left } = props;
  const t = (key: string, params = {}) => webText(lang, key, params);
  const action = coordinateHref(props.poolId, 'people');
  const errorOf = (form: FormName, field: string) =>
    left.refusal?.form === form && left.refusal.field === field ? left.refusal.message : null;
  const formError = (form: FormName) =>
    left.refusal?.form === form && left.refusal.field === undefined ? (
      <Notice kind="refused">{left.refusal.message}</Notice>
    ) : null;
  const logins = [...new Set(props.holders.map((h) => h.login))].sort();
  /** The optional address a link form mails its link to, when the server sends mail. */
  const emailField = (form: FormName, name: string) =>
    props.sendsMail ? (
      <Field
        name={name}
        type="email"
        label={t('coord.people.email')}
        hint={t('coord.people.emailHint')}
        value={left.values[name] ?? ''}
        autocomplete="off"
        error={errorOf(form, name)}
      />
    ) : null;
  return (
    <>
      {left.done === null ? null : <Notice kind="ok">{t(`coord.people.done.${left.done}`)}</Notice>}
      {left.link === null ? null : (
        <section class="card handover" aria-labelledby="link-title">
          <h2 id="link-title">{t('coord.people.link.title', { login: left.link.login })}</h2>
          <p>
            {t('coord.people.link.lead', {
              until: new Date(left.link.expiresAt).toISOString().slice(0, 16).replace('T', ' '),
            })}
          </p>
          <p>
            <label for="one-time-link">{t('coord.people.link.label')}</label>
            <input id="one-time-link" type="text" readonly value={left.link.url} />
          </p>
          {left.link.mailedTo === null ? null : (
            <p>
              {left.link.mailProblem === null
                ? t('coord.people.link.mailed', { email: left.link.mailedTo })
                : t('coord.people.link.notMailed', {
                    email: left.link.mailedTo,
                    problem: left.link.mailProblem,
                  })}
            </p>
          )}
        </section>
      )}
      <div class="cards">
        <section class="card" aria-labelledby="invite">
          <h2 id="invite">{t('coord.people.invite')}</h2>
          <form class="stack" method="post" action={`${action}/invite`}>
            <FormKey />
            {formError('invite')}
            <Field
              name="newLogin"
              label={t('coord.people.newLogin')}
              value={left.values.newLogin ?? ''}
              required
              autocomplete="off"
              error={errorOf('invite', 'newLogin')}
            />
            <Field
              name="personId"
              label={t('coord.col.person')}
              error={errorOf('invite', 'personId')}
              control={
                <select id="f-personId" name="personId">
                  {props.persons.map((p) => (
                    <option value={p} selected={left.values.personId === p}>
                      {p}
                    </option>
                  ))}
                </select>
              }
            />
            {emailField('invite', 'inviteEmail')}
            <div class="actions">
              <button type="submit">{t('coord.people.inviteSubmit')}</button>
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="reset">
          <h2 id="reset">{t('coord.people.reset')}</h2>
          <form class="stack" method="post" action={`${action}/reset`}>
            <FormKey />
            {formError('reset')}
            <Field
              name="resetLogin"
              label={t('coord.col.login')}
              error={errorOf('reset', 'resetLogin')}
              control={
                <select id="f-resetLogin" name="resetLogin">
                  {logins.map((l) => (
                    <option value={l} selected={left.values.resetLogin === l}>
                      {l}
                    </option>
                  ))}
                </select>
              }
            />
            {emailField('reset', 'resetEmail')}
            <div class="actions">
              <button type="submit">{t('coord.people.resetSubmit')}</button>
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="grant">
          <h2 id="grant">{t('coord.people.grant')}</h2>
          <form class="stack" method="post" action={`${action}/grant`}>
            <FormKey />
            {formError('grant')}
            <Field
              name="login"
              label={t('coord.col.login')}
              value={left.values.login ?? ''}
              required
              error={errorOf('grant', 'login')}
              hint={t('coord.people.loginHint', { logins: logins.join(', ') })}
            />
            <Field
              name="role"
              label={t('coord.col.role')}
              control={
                <select id="f-role" name="role">
                  {ROLES.map((role) => (
                    <option value={role} selected={left.values.role === role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              }
            />
            <Field
              name="subject"
              label={t('coord.col.subject')}
              value={left.values.subject ?? ''}
              hint={t('coord.people.subjectHint')}
              error={errorOf('grant', 'subject')}
            />
            <div class="actions">
              <button type="submit">{t('coord.people.grantSubmit')}</button>
            </div>
          </form>
        </section>
      </div>
      <section aria-labelledby="roles">
        <h2 id="roles">{t('coord.people.roles')}</h2>
        {formError('revoke')}
        <table class="stack">
          <thead>
            <tr>
              <th>{t('coord.col.login')}</th>
              <th>{t('coord.col.role')}</th>
              <th>{t('coord.col.subject')}</th>
              <th>{t('coord.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {props.holders.map((h) => (
              <tr>
                <td data-label={t('coord.col.login')}>{h.login}</td>
                <td data-label={t('coord.col.role')}>{t(`role.${h.grant.role}`)}</td>
                <td data-label={t('coord.col.subject')}>{h.grant.subject || '—'}</td>
                <td data-label={t('coord.col.action')}>
                  {h.accountId === props.selfAccountId && h.grant.role === 'coordinator' ? (
                    <span class="muted">{t('coord.people.self')}</span>
                  ) : (
                    <form method="post" action={`${action}/revoke`}>
                      <FormKey />
                      <input type="hidden" name="accountId" value={h.accountId} />
                      <input type="hidden" name="role" value={h.grant.role} />
                      <input type="hidden" name="subject" value={h.grant.subject} />
                      <button type="submit" class="secondary">
                        {t('coord.people.revoke', {
                          role: t(`role.${h.grant.role}`),
                          login: h.login,
                        })}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

export function registerPeoplePage(web: Hono<WebEnv>, deps: HttpDeps): void {
  async function show(c: Context<WebEnv>, pool: PoolView, left: Left, status = 200) {
    const holders: Holder[] = [];
    for (const { accountId, ...grant } of await deps.people.roles(pool.poolId)) {
      const account = await deps.authStore.findAccount(accountId);
      holders.push({ accountId, login: account?.login ?? accountId, grant });
    }
    holders.sort(
      (a, b) => a.login.localeCompare(b.login) || a.grant.role.localeCompare(b.grant.role),
    );
    const scenario = await deps.economy.scenario(pool.poolId);
    const persons = scenario.ok ? scenario.value.persons.map((p) => p.id).sort() : [];
    return renderCoordinatePage(
      c,
      pool,
      'people',
      <PeopleView
        lang={c.get('lang')}
        poolId={pool.poolId}
        holders={holders}
        persons={persons}
        selfAccountId={c.get('actor').accountId}
        sendsMail={deps.people.sendsMail}
        left={left}
      />,
      status as 200,
    );
  }

  web.get('/pools/:poolId/coordinate/people', async (c) => {
    const pool = await openCoordinate(c, deps);
    if (pool instanceof Response) return pool;
    const done = c.req.query('done');
    return show(c, pool, {
      ...NOTHING,
      done: done !== undefined && /^(grant|revoke)$/.test(done) ? done : null,
    });
  });

  /** A form's post: the pool for a coordinator, the form, and what to answer. */
  const post = (
    name: FormName,
    act: (
      c: Context<WebEnv>,
      pool: PoolView,
      form: Record<string, string>,
    ) => Promise<Response | Answer>,
  ) =>
    web.post(`/pools/:poolId/coordinate/people/${name}`, async (c) => {
      const pool = await openCoordinate(c, deps);
      if (pool instanceof Response) return pool;
      const form = await formOf(c);
      const answer = await act(c, pool, form);
      if (answer instanceof Response) return answer;
      return show(c, pool, answer, answer.status);
    });

  const refused = (
    c: Context<WebEnv>,
    form: FormName,
    error: { code: string; detail: string },
    values: Record<string, string>,
    field?: string,
  ): Answer => {
    const r = refusalOf(c.get('lang'), error);
    return {
      ...NOTHING,
      values,
      refusal: { form, message: r.message, ...(field === undefined ? {} : { field }) },
      status: r.status,
    };
  };

  const linkUrl = (c: Context<WebEnv>, token: string) =>
    `${new URL(c.req.url).origin}/links/redeem?token=${encodeURIComponent(token)}`;

  /** The optional address a link is mailed to: undefined when left empty, null when malformed. */
  const emailOf = (value: unknown): string | undefined | null => {
    const email = textField(value).trim();
    if (email === '') return undefined;
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
  };
  const badEmail = (c: Context<WebEnv>, form: FormName, values: Record<string, string>) => ({
    ...NOTHING,
    values,
    refusal: {
      form,
      field: form === 'invite' ? 'inviteEmail' : 'resetEmail',
      message: webText(c.get('lang'), 'coord.refused.email'),
    },
    status: 400,
  });
  const mailFacts = (
    email: string | undefined,
    made: { readonly mailed: boolean; readonly mailProblem?: string },
  ) => ({
    mailedTo: email ?? null,
    mailProblem: email === undefined || made.mailed ? null : (made.mailProblem ?? ''),
  });

  for (const name of ['grant', 'revoke'] as const) {
    post(name, async (c, pool, form) => {
      const role = form.role as StoredRole;
      const subject = textField(form.subject);
      let accountId = textField(form.accountId);
      if (name === 'grant') {
        const account = await deps.authStore.findAccountByLogin(textField(form.login));
        if (account === undefined) {
          return refused(c, name, { code: 'auth.unknown_account', detail: '' }, form, 'login');
        }
        accountId = account.accountId;
      }
      if (!ROLES.includes(role)) {
        return refused(c, name, { code: 'economy.invalid_input', detail: String(form.role) }, form);
      }
      const grant: RoleGrant = { poolId: pool.poolId, role, subject };
      const changed =
        name === 'grant'
          ? await deps.people.grantRole(c.get('actor'), accountId, grant, requestContext(c))
          : await deps.people.revokeRole(c.get('actor'), accountId, grant, requestContext(c));
      if (!changed.ok) {
        return refused(c, name, changed.error, form, name === 'grant' ? 'subject' : undefined);
      }
      return c.redirect(`${coordinateHref(pool.poolId, 'people')}?done=${name}`, 303);
    });
  }

  post('invite', async (c, pool, form) => {
    const login = textField(form.newLogin);
    if (!/^[\w.@+-]{1,128}$/.test(login)) {
      return {
        ...NOTHING,
        values: form,
        refusal: {
          form: 'invite',
          field: 'newLogin',
          message: webText(c.get('lang'), 'coord.refused.login'),
        },
        status: 400,
      };
    }
    const email = emailOf(form.inviteEmail);
    if (email === null) return badEmail(c, 'invite', form);
    const invited = await deps.people.invite(
      c.get('actor'),
      pool.poolId,
      login,
      textField(form.personId),
      undefined,
      email,
      requestContext(c),
    );
    if (!invited.ok) {
      const field = invited.error.code === 'auth.login_taken' ? 'newLogin' : 'personId';
      return refused(c, 'invite', invited.error, form, field);
    }
    return {
      ...NOTHING,
      done: 'invite',
      status: 201,
      link: {
        url: linkUrl(c, invited.value.token),
        login,
        expiresAt: invited.value.expiresAt,
        ...mailFacts(email, invited.value),
      },
    };
  });

  post('reset', async (c, pool, form) => {
    const login = textField(form.resetLogin);
    const account = await deps.authStore.findAccountByLogin(login);
    const email = emailOf(form.resetEmail);
    if (email === null) return badEmail(c, 'reset', form);
    const linked = await deps.people.resetLink(
      c.get('actor'),
      pool.poolId,
      account?.accountId ?? '',
      email,
      requestContext(c),
    );
    if (!linked.ok) return refused(c, 'reset', linked.error, form, 'resetLogin');
    return {
      ...NOTHING,
      done: 'reset',
      status: 201,
      link: {
        url: linkUrl(c, linked.value.token),
        login,
        expiresAt: linked.value.expiresAt,
        ...mailFacts(email, linked.value),
      },
    };
  });
}
