// The reader's language: `?lang=` (which also remembers the choice in a cookie), else the
// remembered choice, else the browser's Accept-Language, else English.
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLang, type Lang } from '../../i18n/index.ts';
import type { WebEnv } from './web-env.ts';

export const LANG_COOKIE = 'pc_lang';
const YEAR_S = 365 * 24 * 3600;

/** The first supported language of an Accept-Language header, by its quality values. */
export function langOfAcceptLanguage(header: string | undefined): Lang | null {
  if (header === undefined) return null;
  const ranked = header
    .split(',')
    .map((part, at) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return {
        base: range.trim().toLowerCase().split('-')[0] ?? '',
        q: q ? Number(q.slice(2)) : 1,
        at,
      };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.at - b.at);
  return ranked.map((r) => r.base).find(isLang) ?? null;
}

export const chooseLang = (): MiddlewareHandler<WebEnv> => async (c, next) => {
  const asked = c.req.query('lang');
  let lang: Lang | null = null;
  if (asked !== undefined && isLang(asked)) {
    lang = asked;
    setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', maxAge: YEAR_S });
  }
  const remembered = getCookie(c, LANG_COOKIE);
  lang ??= remembered !== undefined && isLang(remembered) ? remembered : null;
  lang ??= langOfAcceptLanguage(c.req.header('accept-language')) ?? 'en';
  c.set('lang', lang);
  await next();
};
