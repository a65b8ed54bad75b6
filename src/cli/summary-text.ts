// The terminal summary's words and number formats in the language of `--lang`: the texts
// `summary.*` of the catalogues, the numbers as the HTML report writes them (exact, with the
// language's separators).
import type { SummaryText } from '../core/scenario/index.ts';
import { type Lang, translate } from '../i18n/index.ts';
import { reportFormat } from '../web/report/format.ts';

export function summaryText(lang: Lang): SummaryText {
  const f = reportFormat(lang);
  return {
    t: (key, params) => translate(lang, `summary.${key}`, params),
    wh: f.wh,
    weight: f.weight,
    factor: f.factor,
  };
}
