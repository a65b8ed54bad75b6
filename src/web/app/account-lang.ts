// The language of a signed-in reader: the one their account chose, else what chooseLang found
// (the remembered choice, else the browser's). Choosing a language with the header's link
// (`?lang=…&keep=1`) while signed in is remembered on the account, so it follows the member to
// another device (issue 16: "the language from the account, else the browser"). A bare
// `?lang=` shows that one page in the language and changes no account.
import type { MiddlewareHandler } from 'hono';
import type { HttpDeps } from '../../http/deps.ts';
import { isLang } from '../../i18n/index.ts';
import type { WebEnv } from './web-env.ts';

export const accountLang =
  (deps: Pick<HttpDeps, 'authStore'>): MiddlewareHandler<WebEnv> =>
  async (c, next) => {
    const accountId = c.get('actor').accountId;
    if (accountId !== null) {
      const asked = c.req.query('lang');
      const chosen = await deps.authStore.accountLanguage(accountId);
      if (asked !== undefined && isLang(asked)) {
        const keep = c.req.query('keep') === '1';
        if (keep && chosen !== asked) await deps.authStore.setAccountLanguage(accountId, asked);
      } else if (chosen !== null && isLang(chosen)) {
        c.set('lang', chosen);
      }
    }
    await next();
  };
