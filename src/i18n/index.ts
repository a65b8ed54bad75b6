// The people-facing texts in German and English, and a tiny lookup with `{name}` placeholders.
// The catalogues are plain JSON files so translators need no code; they are read once at load
// (tsconfig has no resolveJsonModule, and reading keeps the JSON the single source).
import { readFileSync } from 'node:fs';

export const LANGUAGES = ['en', 'de'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type Catalogue = Readonly<Record<string, string>>;

function readCatalogue(lang: Lang): Catalogue {
  const text = readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8');
  return JSON.parse(text) as Catalogue;
}

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = {
  en: readCatalogue('en'),
  de: readCatalogue('de'),
};

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
  const template = CATALOGUES[lang][key];
  if (template === undefined) throw new Error(`i18n: no text "${key}" in ${lang}`);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
