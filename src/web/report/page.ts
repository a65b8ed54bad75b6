// The page around the sections: one self-contained HTML document (inline CSS, inline SVG, no
// script, no font or file from anywhere else), so the report can be mailed, archived or opened
// from disk and shows the same everywhere.
import { escapeHtml } from './escape.ts';
import { periodsRunText, type ReportContext, type Section } from './section.ts';

const CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6372; --line: #d9dde4; --band: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 940px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; }
h1 { font-size: 1.7rem; margin: 0 0 6px; }
h2 { font-size: 1.25rem; margin: 0 0 6px; }
.lead, .note, footer { color: var(--muted); }
.status { padding: 8px 12px; border-radius: 6px; background: #e8f5ec; border: 1px solid #b9dfc5; }
.status.stopped { background: #fdecea; border-color: #f2b8b0; }
nav ol { columns: 2; padding-left: 20px; }
section { border-top: 1px solid var(--line); padding: 22px 0 10px; }
figure { margin: 12px 0; }
figure svg { display: block; max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; margin: 10px 0 16px; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; white-space: nowrap; }
thead th { white-space: normal; min-width: 4em; vertical-align: bottom; }
td { white-space: normal; }
td.num { white-space: nowrap; }
thead th { background: var(--band); }
.num { text-align: right; }
details summary { cursor: pointer; color: var(--muted); }
footer { border-top: 1px solid var(--line); padding: 14px 20px 28px; font-size: 13px; overflow-wrap: anywhere; }
.overview { border: 1px solid var(--line); border-radius: 6px; background: var(--band); padding: 10px 16px; margin: 12px 0; }
.overview ul { margin: 6px 0; padding-left: 20px; }
.overview li { margin: 3px 0; }
/* Phones: one column of contents, and every table stacked into one card per row, each value
   with its column's heading (data-label) instead of the head row, so nothing scrolls sideways. */
@media (max-width: 640px) {
  body { font-size: 15px; }
  header, main, footer { padding-left: 12px; padding-right: 12px; }
  h1 { font-size: 1.35rem; overflow-wrap: anywhere; }
  nav ol, nav ol ol { columns: 1; }
  .table-wrap { overflow-x: visible; }
  /* A chart keeps a readable size and can be swiped sideways; its numbers are in the table. */
  figure.chart { overflow-x: auto; }
  figure.chart svg { min-width: 560px; }
  table, thead, tbody, tr, th, td, caption { display: block; width: 100%; }
  table { font-size: 14px; }
  thead { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; padding: 4px 8px; }
  th, td, td.num { border: 0; padding: 2px 0; white-space: normal; overflow-wrap: anywhere; }
  tbody th { font-weight: 600; background: none; }
  tbody th::before { content: attr(data-label) ": "; color: var(--muted); font-weight: 400; }
  td { display: flex; justify-content: space-between; gap: 12px; text-align: right; }
  td::before { content: attr(data-label); color: var(--muted); text-align: left; flex: 0 1 55%; }
  .num { text-align: right; }
}
`;

/** A pool's part of a page with federated pools: its heading, a line about it, its sections. */
export interface PoolPart {
  /** Element id of the part (`pool-<id>`). */
  readonly id: string;
  readonly title: string;
  /** Plain text under the heading; null for none. */
  readonly lead: string | null;
  readonly sections: readonly Section[];
}

/** Only on a page with parts: the contents one level deeper, part and section headings. */
const PARTS_CSS = `nav > ol { columns: auto; }
nav ol ol { columns: 2; margin: 2px 0 8px; }
article.pool { border-top: 3px solid var(--ink); margin-top: 28px; padding-top: 14px; }
article.pool > h2 { font-size: 1.45rem; }
h3 { font-size: 1.15rem; margin: 0 0 6px; }
`;

function sectionHtml(ctx: ReportContext, s: Section, heading: 'h2' | 'h3' = 'h2'): string {
  const [first, ...more] =
    s.fold === false ? [s.tables.join('\n')] : s.fold === 'all' ? ['', ...s.tables] : s.tables;
  // Further tables (long lists) are folded unless the section shows them all (`fold: false`);
  // their caption, already escaped, is the summary.
  const extra = more
    .map((table) => {
      const caption =
        /<caption>([^<]*)<\/caption>/.exec(table)?.[1] ?? escapeHtml(ctx.t('report.numbers'));
      return `<details><summary>${caption}</summary>\n${table}\n</details>`;
    })
    .join('\n');
  return [
    `<section id="${escapeHtml(s.id)}" aria-labelledby="${escapeHtml(s.id)}-title">`,
    `<${heading} id="${escapeHtml(s.id)}-title">${escapeHtml(s.title)}</${heading}>`,
    `<p class="note">${escapeHtml(s.note)}</p>`,
    ...(s.explain ?? []).map((text) => `<p class="explain">${escapeHtml(text)}</p>`),
    s.svg === null
      ? ''
      : `<figure class="chart" data-chart="${escapeHtml(s.id)}">\n${s.svg}\n</figure>`,
    first ?? '',
    extra,
    '</section>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** The plain-language summary for organisers, under the status line; nothing without one. */
function overviewHtml(ctx: ReportContext, sentences: readonly string[]): string {
  if (sentences.length === 0) return '';
  const items = sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n');
  return `<div id="overview" class="overview" role="region" aria-labelledby="overview-title">
<h2 id="overview-title">${escapeHtml(ctx.t('overview.title'))}</h2>
<ul>
${items}
</ul>
</div>
`;
}

/** The open books' last state: the journal's entries and head hash after the last period. */
function journalHtml(ctx: ReportContext): string {
  const last = ctx.doc.periods.at(-1);
  if (last?.journal === undefined) return '';
  const text = ctx.t('report.journal', {
    period: last.period,
    entries: ctx.f.integer(last.journal.entries),
    hash: last.journal.headHash,
  });
  return `<br>${escapeHtml(text)}`;
}

/** The contents: a link per section. */
function contentsOf(sections: readonly Section[]): string {
  return sections
    .map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`)
    .join('');
}

function partHtml(ctx: ReportContext, part: PoolPart): string {
  const id = escapeHtml(part.id);
  return [
    `<article class="pool" id="${id}" aria-labelledby="${id}-title">`,
    `<h2 id="${id}-title">${escapeHtml(part.title)}</h2>`,
    part.lead === null ? '' : `<p class="lead">${escapeHtml(part.lead)}</p>`,
    ...part.sections.map((s) => sectionHtml(ctx, s, 'h3')),
    '</article>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * The page: the sections of the file's pool, or, for a file with federated pools, its `parts`
 * (one per pool, the contents nested by part). Without parts the page is as it was before
 * federated pools were shown.
 */
export function renderPage(
  ctx: ReportContext,
  sections: readonly Section[],
  parts: readonly PoolPart[] | null = null,
  overview: readonly string[] = [],
): string {
  const { doc, t, lang } = ctx;
  const title = t('report.title', { name: doc.scenario });
  const status =
    doc.stop === null
      ? `<p class="status">${escapeHtml(t('report.allHeld'))}</p>`
      : `<p class="status stopped">${escapeHtml(t('report.stopped', { period: doc.stop.period, code: doc.stop.code, detail: doc.stop.detail }))}</p>`;
  const contents =
    parts === null
      ? contentsOf(sections)
      : parts
          .map(
            (p) =>
              `<li><a href="#${escapeHtml(p.id)}">${escapeHtml(p.title)}</a><ol>${contentsOf(p.sections)}</ol></li>`,
          )
          .join('');
  const body =
    parts === null
      ? sections.map((s) => sectionHtml(ctx, s)).join('\n')
      : parts.map((p) => partHtml(ctx, p)).join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}${parts === null ? '' : PARTS_CSS}</style>
</head>
<body>
<header id="report-head">
<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(t('report.lead', { pool: doc.poolId, seed: doc.seed, periods: periodsRunText(ctx, doc.periodsRun) }))}</p>
${status}
${overviewHtml(ctx, overview)}<nav aria-label="${escapeHtml(t('report.contents'))}"><ol>${contents}</ol></nav>
</header>
<main>
${body}
</main>
<footer id="report-footer">${escapeHtml(t('report.footer', { format: doc.format }))}${journalHtml(ctx)}</footer>
</body>
</html>
`;
}
