// The frame of every page: language, title, the site header with sign-in state and the
// language switch, a skip link, and the main region. Scripts come only from this server:
// htmx, configured so it needs no inline style or eval under the Content-Security-Policy.
import type { Child } from 'hono/jsx';
import type { Actor } from '../../app/policies/actor.ts';
import { LANGUAGES, type Lang } from '../../i18n/index.ts';
import { ASSET_PATHS } from './assets.ts';
import { webText } from './texts/index.ts';

const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  // A refused form comes back as a 4xx page with the refusal next to the field: show it, as a
  // browser without JavaScript would.
  responseHandling: [
    { code: '204', swap: false },
    { code: '[2345]..', swap: true, error: false },
  ],
});

export interface PageProps {
  readonly lang: Lang;
  readonly title: string;
  readonly actor: Actor;
  /** The request's path and query, for the language links. */
  readonly here: string;
  readonly children?: Child;
}

/** `here` with `lang` set to `lang` and kept on the account, other query parameters kept. */
export function withLang(here: string, lang: Lang): string {
  const url = new URL(here, 'http://x');
  url.searchParams.set('lang', lang);
  url.searchParams.set('keep', '1');
  return `${url.pathname}${url.search}`;
}

// Links boosted by htmx swap the body only; the language links load the whole page, so the
// document's own language changes with its text.
export function Page({ lang, title, actor, here, children }: PageProps) {
  const t = (key: string) => webText(lang, key);
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={ASSET_PATHS.css} />
        <script src={ASSET_PATHS.htmx} defer />
      </head>
      <body hx-boost="true">
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              {t('app.name')}
            </a>
            <nav aria-label={t('nav.main')}>
              <ul>
                <li>
                  <a href="/">{t('nav.home')}</a>
                </li>
                <li>
                  {actor.accountId === null ? (
                    <a href="/sign-in">{t('nav.signIn')}</a>
                  ) : (
                    <form method="post" action="/sign-out">
                      <button class="link" type="submit">
                        {t('nav.signOut')}
                      </button>
                    </form>
                  )}
                </li>
                {LANGUAGES.filter((other) => other !== lang).map((other) => (
                  <li>
                    <a href={withLang(here, other)} hreflang={other} lang={other} hx-boost="false">
                      {webText(other, `lang.${other}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
