// What every chart builder gets and gives: the report, the language's texts and number
// formats in; a titled section with its SVG chart and the table behind it out.
import { type Lang, translate } from '../../i18n/index.ts';
import type { ReportFormat } from './format.ts';
import { reportFormat } from './format.ts';
import type { ReportDoc } from './report-doc.ts';

export interface ReportContext {
  readonly doc: ReportDoc;
  readonly lang: Lang;
  readonly t: (key: string, params?: Readonly<Record<string, string | number>>) => string;
  readonly f: ReportFormat;
  /** Put before every section id (and so every chart's SVG ids): empty for the file's own pool,
   *  `pool-<id>-` for a federated pool's part, so one page never holds an id twice. */
  readonly idPrefix: string;
}

export function reportContext(doc: ReportDoc, lang: Lang, idPrefix = ''): ReportContext {
  return {
    doc,
    lang,
    t: (key, params) => translate(lang, key, params),
    f: reportFormat(lang),
    idPrefix,
  };
}

/** "1 period run", "12 periods run": the count of periods a report covers, in its language. */
export function periodsRunText(ctx: Pick<ReportContext, 't'>, periods: number): string {
  return periods === 1
    ? ctx.t('report.periodsRun.one')
    : ctx.t('report.periodsRun.other', { n: periods });
}

export interface Section {
  /** Stable element id (also the prefix of the chart's SVG ids). */
  readonly id: string;
  readonly title: string;
  /** Plain text; escaped by the page. */
  readonly note: string;
  /** Further paragraphs of plain text after the note (an explanation); none when absent. */
  readonly explain?: readonly string[];
  /** Trusted SVG from ECharts (which escapes its own text), or null when there is nothing to draw. */
  readonly svg: string | null;
  /** Rendered HTML tables (escaped by renderTable). */
  readonly tables: readonly string[];
  /** Whether tables after the first are folded (long lists; true when absent), none (false) or
   *  every one ('all': a long list under its caption). */
  readonly fold?: boolean | 'all';
}

/** The category axis of every chart over the periods of the run, one label per period. */
export function periodAxis(ctx: Pick<ReportContext, 'doc' | 't'>): Record<string, unknown> {
  return {
    type: 'category',
    name: ctx.t('period'),
    nameLocation: 'middle',
    nameGap: 28,
    data: ctx.doc.periods.map((p) => String(p.period)),
  };
}
