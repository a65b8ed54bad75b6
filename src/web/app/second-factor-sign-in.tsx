// The sign-in's second step on the web (decision 0060): after a right password for an account
// with an authenticator app, the form asks for a code (or a recovery code); the pending sign-in
// travels in a hidden field and only a right code turns it into a session. Wrong codes count
// toward the login's lock, as wrong passwords do.
import type { Context, Hono } from 'hono';
import type { HttpDeps } from '../../http/deps.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { requestContext } from '../../http/request-context.ts';
import { clientAddress } from '../../http/routes/limits.ts';
import { startSessionCookie } from '../../http/routes/second-factor-routes.ts';
import { Field, Notice } from './forms.tsx';
import { render, textOf } from './render.tsx';
import { safeNext } from './sign-in.tsx';
import type { WebEnv } from './web-env.ts';

/** The code form of a pending sign-in, with a refusal when there is one. */
export function codeStep(
  c: Context<WebEnv>,
  pendingToken: string,
  next: string,
  error: string | null,
  status: 200 | 401 | 410 | 429 = 200,
) {
  const t = textOf(c);
  return render(
    c,
    t('signInCode.title'),
    <>
      <h1>{t('signInCode.title')}</h1>
      <p class="lead">{t('signInCode.lead')}</p>
      {error === null ? null : <Notice kind="refused">{error}</Notice>}
      <form class="stack" method="post" action="/sign-in/code">
        <input type="hidden" name="pendingToken" value={pendingToken} />
        <input type="hidden" name="next" value={next} />
        <Field
          name="code"
          label={t('signInCode.code')}
          hint={t('signInCode.hint')}
          required
          autocomplete="one-time-code"
          inputmode="text"
        />
        <div class="actions">
          <button type="submit">{t('signInCode.submit')}</button>
        </div>
      </form>
      <p>
        <a href="/sign-in">{t('signInCode.again')}</a>
      </p>
    </>,
    status,
  );
}

export function registerSecondFactorSignIn(
  web: Hono<WebEnv>,
  deps: HttpDeps,
  limiter: RateLimiter,
): void {
  web.post('/sign-in/code', async (c) => {
    const t = textOf(c);
    const form = await c.req.parseBody();
    const text = (value: unknown) =>
      typeof value === 'string' && value.length <= 200 ? value : '';
    const pendingToken = text(form.pendingToken);
    const next = safeNext(form.next);
    if (limiter.take(`ip:${clientAddress(c)}`) !== null) {
      return codeStep(c, pendingToken, next, t('signIn.tooMany'), 429);
    }
    const done = await deps.secondFactor.completeSignIn(
      pendingToken,
      text(form.code),
      requestContext(c),
    );
    if (!done.ok) {
      const code = done.error.code;
      if (code === 'auth.locked') return codeStep(c, pendingToken, next, t('signIn.locked'), 429);
      if (code === 'auth.pending_sign_in_invalid') {
        return codeStep(c, '', next, t('signInCode.expired'), 410);
      }
      return codeStep(c, pendingToken, next, t('signInCode.wrong'), 401);
    }
    await startSessionCookie(c, deps, done.value.token, c.get('sessionToken'));
    return c.redirect(next, 303);
  });
}
