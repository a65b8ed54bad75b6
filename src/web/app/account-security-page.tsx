// The account's security page (decision 0060): turning on a second sign-in factor with an
// authenticator app (a QR code, the secret in base32 and the otpauth URI, confirmed by a code),
// the recovery codes shown once, and turning it off with the password and a code. The same use
// cases as the API's /auth/second-factor routes; the home page links here.
import type { Context, Hono } from 'hono';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import type { Enrolment } from '../../app/auth/second-factor.ts';
import type { HttpDeps } from '../../http/deps.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { requestContext } from '../../http/request-context.ts';
import { clientAddress } from '../../http/routes/limits.ts';
import { Field, Notice } from './forms.tsx';
import { render, textOf } from './render.tsx';
import type { WebEnv } from './web-env.ts';

const PAGE = '/account/security';

type Message = { readonly kind: 'ok' | 'refused'; readonly text: string } | null;

/** The QR code of the otpauth URI as an SVG: drawn here, so the secret leaves for no service. */
const qrSvg = (uri: string) =>
  QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 220 });

async function EnrolmentSteps(props: {
  t: ReturnType<typeof textOf>;
  enrolment: Enrolment;
  error: string | null;
}) {
  const { t, enrolment } = props;
  return (
    <section aria-labelledby="enrol">
      <h2 id="enrol">{t('security.enrolTitle')}</h2>
      <ol class="stack">
        <li>{t('security.stepScan')}</li>
        <li>{t('security.stepConfirm')}</li>
      </ol>
      <figure class="qr" aria-label={t('security.qrLabel')}>
        {raw(await qrSvg(enrolment.otpauthUri))}
      </figure>
      <p>
        {t('security.secret')} <code class="hash">{enrolment.secretBase32}</code>
      </p>
      <details class="uri">
        <summary>{t('security.uri')}</summary>
        <code class="hash">{enrolment.otpauthUri}</code>
      </details>
      <form class="stack" method="post" action={`${PAGE}/confirm`}>
        <Field
          name="code"
          label={t('security.code')}
          required
          autocomplete="one-time-code"
          inputmode="numeric"
          error={props.error}
        />
        <div class="actions">
          <button type="submit">{t('security.confirm')}</button>
        </div>
      </form>
    </section>
  );
}

async function securityPage(
  c: Context<WebEnv>,
  deps: HttpDeps,
  accountId: string,
  options: {
    readonly message?: Message;
    readonly codeError?: string | null;
    readonly offError?: { field: 'password' | 'code'; text: string } | null;
    readonly recoveryCodes?: readonly string[];
    readonly status?: 200 | 401 | 409 | 422 | 429;
  } = {},
) {
  const t = textOf(c);
  const status = await deps.secondFactor.status(accountId);
  const enrolment = status.enabled ? null : await deps.secondFactor.unconfirmedEnrolment(accountId);
  const offError = (field: 'password' | 'code') =>
    options.offError?.field === field ? options.offError.text : null;
  return render(
    c,
    t('security.title'),
    <>
      <h1>{t('security.title')}</h1>
      <p class="lead">{t('security.lead')}</p>
      {options.message == null ? null : (
        <Notice kind={options.message.kind}>{options.message.text}</Notice>
      )}
      {options.recoveryCodes === undefined ? null : (
        <section aria-labelledby="recovery">
          <h2 id="recovery">{t('security.recoveryTitle')}</h2>
          <p>{t('security.recoveryLead')}</p>
          <ul class="recovery-codes">
            {options.recoveryCodes.map((code) => (
              <li>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {status.enabled ? (
        <section aria-labelledby="off">
          <p>
            <strong>{t('security.on')}</strong>{' '}
            {t('security.codesLeft', { count: String(status.recoveryCodesLeft) })}
          </p>
          <h2 id="off">{t('security.offTitle')}</h2>
          <form class="stack" method="post" action={`${PAGE}/off`}>
            <Field
              name="password"
              label={t('security.password')}
              type="password"
              required
              autocomplete="current-password"
              error={offError('password')}
            />
            <Field
              name="code"
              id="f-off-code"
              label={t('security.codeOrRecovery')}
              required
              autocomplete="one-time-code"
              error={offError('code')}
            />
            <div class="actions">
              <button type="submit">{t('security.off')}</button>
            </div>
          </form>
        </section>
      ) : enrolment === null ? (
        <section aria-labelledby="start">
          <h2 id="start">{t('security.offNow')}</h2>
          <p>{t('security.startLead')}</p>
          <form method="post" action={`${PAGE}/enrol`}>
            <button type="submit">{t('security.start')}</button>
          </form>
        </section>
      ) : (
        <EnrolmentSteps t={t} enrolment={enrolment} error={options.codeError ?? null} />
      )}
    </>,
    options.status ?? 200,
  );
}

export function registerAccountSecurityPage(
  web: Hono<WebEnv>,
  deps: HttpDeps,
  limiter: RateLimiter,
): void {
  const signedIn = (c: Context<WebEnv>) => c.get('actor').accountId;
  const toSignIn = (c: Context<WebEnv>) => c.redirect(`/sign-in?next=${PAGE}`, 303);
  /** The page with a refusal at its top. */
  const refusedPage = (c: Context<WebEnv>, accountId: string, key: string, status: 409 | 429) =>
    securityPage(c, deps, accountId, {
      message: { kind: 'refused', text: textOf(c)(key) },
      status,
    });
  const codeOf = async (c: Context<WebEnv>) => {
    const form = await c.req.parseBody();
    const text = (value: unknown) =>
      typeof value === 'string' && value.length <= 256 ? value : '';
    return { code: text(form.code), password: text(form.password) };
  };

  web.get(PAGE, (c) => {
    const accountId = signedIn(c);
    if (accountId === null) return toSignIn(c);
    const t = textOf(c);
    const message: Message =
      c.req.query('done') === 'off' ? { kind: 'ok', text: t('security.turnedOff') } : null;
    return securityPage(c, deps, accountId, { message });
  });

  web.post(`${PAGE}/enrol`, async (c) => {
    const accountId = signedIn(c);
    if (accountId === null) return toSignIn(c);
    const enrolled = await deps.secondFactor.enrol(accountId);
    if (!enrolled.ok) return refusedPage(c, accountId, 'security.alreadyOn', 409);
    return c.redirect(PAGE, 303);
  });

  web.post(`${PAGE}/confirm`, async (c) => {
    const accountId = signedIn(c);
    if (accountId === null) return toSignIn(c);
    const t = textOf(c);
    if (limiter.take(`ip:${clientAddress(c)}`) !== null) {
      return refusedPage(c, accountId, 'signIn.tooMany', 429);
    }
    const confirmed = await deps.secondFactor.confirm(
      accountId,
      (await codeOf(c)).code,
      requestContext(c),
    );
    if (!confirmed.ok) {
      const codeError = t('security.wrongCode');
      return securityPage(c, deps, accountId, { codeError, status: 422 });
    }
    const message = { kind: 'ok' as const, text: t('security.turnedOn') };
    return securityPage(c, deps, accountId, {
      message,
      recoveryCodes: confirmed.value.recoveryCodes,
    });
  });

  web.post(`${PAGE}/off`, async (c) => {
    const accountId = signedIn(c);
    if (accountId === null) return toSignIn(c);
    const t = textOf(c);
    if (limiter.take(`ip:${clientAddress(c)}`) !== null) {
      return refusedPage(c, accountId, 'signIn.tooMany', 429);
    }
    const { password, code } = await codeOf(c);
    const off = await deps.secondFactor.disable(accountId, password, code, requestContext(c));
    if (!off.ok) {
      const refused = off.error.code;
      if (refused === 'auth.locked') return refusedPage(c, accountId, 'signIn.locked', 429);
      const offError =
        refused === 'auth.wrong_current_password'
          ? { field: 'password' as const, text: t('password.wrong') }
          : { field: 'code' as const, text: t('security.wrongCode') };
      return securityPage(c, deps, accountId, { offError, status: 422 });
    }
    return c.redirect(`${PAGE}?done=off`, 303);
  });
}
