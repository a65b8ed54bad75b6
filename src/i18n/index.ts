// The people-facing texts in German and English, through i18next. The catalogues are plain JSON
// files (translators need no code) with `{name}` placeholders; they are bundled as JSON imports
// so a build copies them with the code.
import i18next from 'i18next';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const LANGUAGES = ['en', 'de'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type Catalogue = Readonly<Record<string, string>>;

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { en, de };

// One instance of our own, initialised synchronously: the resources are in memory, and a
// shared global instance could be reconfigured by a library.
const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: { en: { translation: en }, de: { translation: de } },
  lng: 'en',
  fallbackLng: false,
  // Keys contain dots (`report.title`) and are flat: no nesting, no namespaces in keys.
  keySeparator: false,
  nsSeparator: false,
  // Callers escape for their output (HTML, terminal), so i18next must not escape as well.
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  returnNull: false,
});

export function isLang(value: string): value is Lang {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The text for `key` in `lang` with `{name}` replaced by `params.name`. A missing key is a
 * programmer error (the key-set test keeps both catalogues complete), so it throws.
 */
export function translate(
  lang: Lang,
  key: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  if (!i18n.exists(key, { lng: lang })) throw new Error(`i18n: no text "${key}" in ${lang}`);
  return i18n.t(key, { lng: lang, ...params });
}
