// Signing in and out with the form: the same accounts, rate limits and session rotation as the
// API's sign-in, a refusal shown on the form in the reader's language, and a return to the page
// the reader came from (only ever a path of this site).
import type { Hono } from 'hono';
import type { HttpDeps } from '../../http/deps.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { requestContext } from '../../http/request-context.ts';
import { clientAddress } from '../../http/routes/limits.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import { Field, Notice } from './forms.tsx';
import { render, textOf } from './render.tsx';
import { codeStep } from './second-factor-sign-in.tsx';
import type { WebEnv } from './web-env.ts';

/** A local path to return to; anything else (another site, a scheme) becomes the home page. */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';

function SignInForm(props: {
  t: ReturnType<typeof textOf>;
  login: string;
  next: string;
  error: string | null;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <p class="lead">{t('signIn.lead')}</p>
      {props.error === null ? null : <Notice kind="refused">{props.error}</Notice>}
      <form class="stack" method="post" action="/sign-in">
        <input type="hidden" name="next" value={props.next} />
        <Field
          name="login"
          label={t('signIn.login')}
          value={props.login}
          required
          autocomplete="username"
        />
        <Field
          name="password"
          label={t('signIn.password')}
          type="password"
          required
          autocomplete="current-password"
        />
        <div class="actions">
          <button type="submit">{t('signIn.submit')}</button>
        </div>
      </form>
    </>
  );
}

export function registerSignIn(web: Hono<WebEnv>, deps: HttpDeps, limiter: RateLimiter): void {
  web.get('/sign-in', (c) => {
    const t = textOf(c);
    return render(
      c,
      t('signIn.title'),
      <SignInForm t={t} login="" next={safeNext(c.req.query('next'))} error={null} />,
    );
  });

  web.post('/sign-in', async (c) => {
    const t = textOf(c);
    const form = await c.req.parseBody();
    const login = typeof form.login === 'string' ? form.login.slice(0, 128) : '';
    // Checked as typed: a longer password is wrong, never cut down to one that might match.
    const password =
      typeof form.password === 'string' && form.password.length <= 256 ? form.password : '';
    const next = safeNext(form.next);
    const refuse = (key: string, status: 401 | 429) =>
      render(
        c,
        t('signIn.title'),
        <SignInForm t={t} login={login} next={next} error={t(key)} />,
        status,
      );
    const keys = [`ip:${clientAddress(c)}`, `login:${login}`];
    for (const key of keys) if (limiter.take(key) !== null) return refuse('signIn.tooMany', 429);
    const signedIn = await deps.auth.signIn(login, password, requestContext(c));
    if (!signedIn.ok) {
      return signedIn.error.code === 'auth.locked'
        ? refuse('signIn.locked', 429)
        : refuse('signIn.refused', 401);
    }
    if ('secondFactor' in signedIn.value) {
      return codeStep(c, signedIn.value.secondFactor.pendingToken, next, null);
    }
    const previous = c.get('sessionToken');
    if (previous !== null) await deps.auth.signOut(previous, requestContext(c));
    setSessionCookie(c, signedIn.value.token, {
      secure: deps.settings.secureCookies,
      maxAgeMs: deps.auth.settings.sessionAbsoluteMs,
    });
    return c.redirect(next, 303);
  });

  web.post('/sign-out', async (c) => {
    const token = c.get('sessionToken');
    if (token !== null) await deps.auth.signOut(token, requestContext(c));
    clearSessionCookie(c, deps.settings.secureCookies);
    return c.redirect('/', 303);
  });
}
