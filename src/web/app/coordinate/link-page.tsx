// The page a one-time link leads to: the invited (or reset) person sets their password, once.
// It is public, since whoever holds the link is the person it was made for; the link's secret
// travels in the address and is sent back with the form, never stored in the clear.
import type { Context, Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import { requestContext } from '../../../http/request-context.ts';
import { Field, Notice } from '../forms.tsx';
import { render, textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { formOf } from './coordinate-nav.tsx';
import { refusalOf } from './plain.ts';

function LinkForm(props: {
  t: ReturnType<typeof textOf>;
  token: string;
  fieldError: string | null;
  linkError: string | null;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t('coord.link.title')}</h1>
      <p class="lead">{t('coord.link.lead')}</p>
      {props.linkError === null ? null : <Notice kind="refused">{props.linkError}</Notice>}
      <form class="stack" method="post" action="/links/redeem">
        <input type="hidden" name="token" value={props.token} />
        <Field
          name="password"
          label={t('coord.link.password')}
          type="password"
          required
          autocomplete="new-password"
          hint={t('coord.link.hint')}
          error={props.fieldError}
        />
        <div class="actions">
          <button type="submit">{t('coord.link.submit')}</button>
        </div>
      </form>
    </>
  );
}

export function registerLinkPage(web: Hono<WebEnv>, deps: HttpDeps): void {
  const show = (
    c: Context<WebEnv>,
    token: string,
    errors: { field: string | null; link: string | null },
    status: 200 | 410 | 422 = 200,
  ) => {
    const t = textOf(c);
    return render(
      c,
      t('coord.link.title'),
      <LinkForm t={t} token={token} fieldError={errors.field} linkError={errors.link} />,
      status,
    );
  };

  web.get('/links/redeem', (c) =>
    show(c, (c.req.query('token') ?? '').slice(0, 200), { field: null, link: null }),
  );

  web.post('/links/redeem', async (c) => {
    const form = await formOf(c);
    const token = (form.token ?? '').slice(0, 200);
    const redeemed = await deps.auth.redeemLink(
      token,
      (form.password ?? '').slice(0, 1024),
      requestContext(c),
    );
    if (redeemed.ok) {
      const t = textOf(c);
      return render(
        c,
        t('coord.link.title'),
        <>
          <h1>{t('coord.link.title')}</h1>
          <Notice kind="ok">{t('coord.link.done')}</Notice>
          <p>
            <a href="/sign-in">{t('signIn.title')}</a>
          </p>
        </>,
      );
    }
    const refused = refusalOf(c.get('lang'), redeemed.error);
    const about = redeemed.error.code;
    return about === 'auth.weak_password' || about === 'auth.password_too_common'
      ? show(c, token, { field: refused.message, link: null }, 422)
      : show(c, token, { field: null, link: refused.message }, 410);
  });
}
