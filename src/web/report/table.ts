// The table under every chart: the numbers behind it, for readers who cannot see the chart and
// for anyone who wants the exact values. Cells are escaped here, so callers pass plain text.
import { escapeHtml } from './escape.ts';

export interface TableSpec {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns (by index) holding numbers: right-aligned. */
  readonly numeric: readonly number[];
}

export function renderTable(spec: TableSpec): string {
  // On a phone each row is stacked into a card (see the page's CSS); a data cell then shows its
  // column's heading before it, from `data-label`, so no table scrolls sideways.
  const cell = (tag: 'th' | 'td', text: string, column: number, scope = '') => {
    const label =
      scope === ' scope="col"' ? '' : ` data-label="${escapeHtml(spec.head[column] ?? '')}"`;
    return `<${tag}${scope}${label}${spec.numeric.includes(column) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  };
  const head = spec.head.map((h, i) => cell('th', h, i, ' scope="col"')).join('');
  const body = spec.rows
    .map(
      (row) =>
        `<tr>${row.map((text, i) => (i === 0 ? cell('th', text, i, ' scope="row"') : cell('td', text, i))).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table>\n<caption>${escapeHtml(spec.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}
