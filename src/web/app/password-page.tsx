// Changing one's own password with the form: the current password and the new one twice. The
// same use case as the API's (every session of the account ends, this one is replaced by a new
// one); refusals next to the field in the reader's language; the home page links here.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../http/deps.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { requestContext } from '../../http/request-context.ts';
import { clientAddress } from '../../http/routes/limits.ts';
import { setSessionCookie } from '../../http/session-cookie.ts';
import { Field, Notice } from './forms.tsx';
import { render, textOf } from './render.tsx';
import type { WebEnv } from './web-env.ts';

type PasswordField = 'current' | 'next' | 'again';

function PasswordForm(props: {
  t: ReturnType<typeof textOf>;
  error: { field: PasswordField | null; message: string } | null;
  done: boolean;
}) {
  const { t, error } = props;
  const errorOf = (field: PasswordField) => (error?.field === field ? error.message : null);
  return (
    <>
      <h1>{t('password.title')}</h1>
      <p class="lead">{t('password.lead')}</p>
      {props.done ? <Notice kind="ok">{t('password.done')}</Notice> : null}
      {error !== null && error.field === null ? (
        <Notice kind="refused">{error.message}</Notice>
      ) : null}
      <form class="stack" method="post" action="/account/password">
        <Field
          name="current"
          label={t('password.current')}
          type="password"
          required
          autocomplete="current-password"
          error={errorOf('current')}
        />
        <Field
          name="next"
          label={t('password.next')}
          type="password"
          required
          autocomplete="new-password"
          hint={t('password.nextHint')}
          error={errorOf('next')}
        />
        <Field
          name="again"
          label={t('password.again')}
          type="password"
          required
          autocomplete="new-password"
          error={errorOf('again')}
        />
        <div class="actions">
          <button type="submit">{t('password.submit')}</button>
        </div>
      </form>
    </>
  );
}

export function registerPasswordPage(web: Hono<WebEnv>, deps: HttpDeps, limiter: RateLimiter) {
  web.get('/account/password', (c) => {
    if (c.get('actor').accountId === null)
      return c.redirect('/sign-in?next=/account/password', 303);
    const t = textOf(c);
    const done = c.req.query('done') === '1';
    return render(c, t('password.title'), <PasswordForm t={t} error={null} done={done} />);
  });

  web.post('/account/password', async (c) => {
    const accountId = c.get('actor').accountId;
    if (accountId === null) return c.redirect('/sign-in?next=/account/password', 303);
    const t = textOf(c);
    const form = await c.req.parseBody();
    const text = (value: unknown) =>
      typeof value === 'string' && value.length <= 256 ? value : '';
    const refuse = (field: PasswordField | null, key: string, status: 401 | 422 | 429) =>
      render(
        c,
        t('password.title'),
        <PasswordForm t={t} error={{ field, message: t(key) }} done={false} />,
        status,
      );
    if (limiter.take(`ip:${clientAddress(c)}`) !== null) return refuse(null, 'signIn.tooMany', 429);
    const next = text(form.next);
    if (next !== text(form.again)) return refuse('again', 'password.mismatch', 422);
    const changed = await deps.auth.changePassword(
      accountId,
      text(form.current),
      next,
      requestContext(c),
    );
    if (!changed.ok) {
      const code = changed.error.code;
      if (code === 'auth.wrong_current_password') return refuse('current', 'password.wrong', 422);
      if (code === 'auth.weak_password') return refuse('next', 'password.weak', 422);
      if (code === 'auth.password_too_common') return refuse('next', 'password.tooCommon', 422);
      if (code === 'auth.locked') return refuse(null, 'signIn.locked', 429);
      return refuse(null, 'password.wrong', 422);
    }
    setSessionCookie(c, changed.value.token, {
      secure: deps.settings.secureCookies,
      maxAgeMs: deps.auth.settings.sessionAbsoluteMs,
    });
    return c.redirect('/account/password?done=1', 303);
  });
}
