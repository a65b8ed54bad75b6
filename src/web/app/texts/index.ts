// The web app's texts in German and English, one pair of catalogues per area of the app (so
// the areas are translated and reviewed on their own), merged into one i18next instance. A key
// belongs to exactly one area; texts.test.ts keeps each pair complete and the keys unique.
import i18next from 'i18next';
import type { Lang } from '../../../i18n/index.ts';
import associationDe from './association.de.json' with { type: 'json' };
import associationEn from './association.en.json' with { type: 'json' };
import booksDe from './books.de.json' with { type: 'json' };
import booksEn from './books.en.json' with { type: 'json' };
import commonDe from './common.de.json' with { type: 'json' };
import commonEn from './common.en.json' with { type: 'json' };
import coordinateDe from './coordinate.de.json' with { type: 'json' };
import coordinateEn from './coordinate.en.json' with { type: 'json' };
import memberDe from './member.de.json' with { type: 'json' };
import memberEn from './member.en.json' with { type: 'json' };
import projectsDe from './projects.de.json' with { type: 'json' };
import projectsEn from './projects.en.json' with { type: 'json' };
import securityDe from './security.de.json' with { type: 'json' };
import securityEn from './security.en.json' with { type: 'json' };
import simulateDe from './simulate.de.json' with { type: 'json' };
import simulateEn from './simulate.en.json' with { type: 'json' };

export type Catalogue = Readonly<Record<string, string>>;

/** Each area's pair. Add a new area's two files here. */
export const WEB_CATALOGUES: Readonly<Record<string, Readonly<Record<Lang, Catalogue>>>> = {
  common: { en: commonEn, de: commonDe },
  member: { en: memberEn, de: memberDe },
  coordinate: { en: coordinateEn, de: coordinateDe },
  projects: { en: projectsEn, de: projectsDe },
  books: { en: booksEn, de: booksDe },
  association: { en: associationEn, de: associationDe },
  simulate: { en: simulateEn, de: simulateDe },
  security: { en: securityEn, de: securityDe },
};

const merged = (lang: Lang): Record<string, string> =>
  Object.assign({}, ...Object.values(WEB_CATALOGUES).map((pair) => pair[lang]));

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: { en: { translation: merged('en') }, de: { translation: merged('de') } },
  lng: 'en',
  fallbackLng: false,
  keySeparator: false,
  nsSeparator: false,
  // JSX escapes what it renders, so i18next must not escape as well.
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  returnNull: false,
});

export type Params = Readonly<Record<string, string | number>>;

/** The text for `key`; a missing key is a programmer error (the test keeps catalogues complete). */
export function webText(lang: Lang, key: string, params: Params = {}): string {
  if (!i18n.exists(key, { lng: lang })) throw new Error(`web i18n: no text "${key}" in ${lang}`);
  return i18n.t(key, { lng: lang, ...params });
}

export const hasWebText = (lang: Lang, key: string): boolean => i18n.exists(key, { lng: lang });

/** A refusal in the reader's language: its own text when the code has one, else the detail. */
export function refusalText(lang: Lang, code: string, detail: string, params: Params = {}): string {
  const key = `refusal.${code}`;
  return hasWebText(lang, key)
    ? webText(lang, key, { detail, ...params })
    : webText(lang, 'refusal.generic', { detail });
}
