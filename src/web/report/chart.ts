// One ECharts chart rendered to an SVG string on the server (no client script). ECharts numbers
// its zrender instances and style classes process-wide, which would make the same report render
// to different bytes and let two charts on one page share ids; they are rewritten per chart.
// ECharts is loaded at the first chart, as its single-file CommonJS build: its ES modules are
// 500 files that took a server 1.4 s of CPU to load before it could answer (docs/BENCHMARKS.md,
// start-up), while most requests draw no chart.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { escapeHtml } from './escape.ts';

let loaded: typeof Echarts | undefined;
const echartsModule = (): typeof Echarts =>
  (loaded ??= createRequire(import.meta.url)('echarts') as typeof Echarts);

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** Shared look of every chart: no animation (a static page), the page's font. */
const BASE = {
  animation: false,
  textStyle: { fontFamily: 'system-ui, sans-serif' },
} as const;

/**
 * Renames zrender's ids and classes (`zr7-c0`, `zr7-cls-645`: counters that keep growing in the
 * process) to `<id>-c0`, `<id>-cls-0`, numbered in order of first appearance. Only attribute
 * and style positions are touched, never drawn text (a label may contain anything).
 */
function withOwnIds(id: string, svg: string): string {
  const names = new Map<string, string>();
  const perKind = new Map<string, number>();
  const rename = (token: string) => {
    let name = names.get(token);
    if (name === undefined) {
      const kind = token.replace(/^zr\d+-/, '').replace(/\d+$/, '');
      const n = perKind.get(kind) ?? 0;
      perKind.set(kind, n + 1);
      name = `${id}-${kind}${n}`;
      names.set(token, name);
    }
    return name;
  };
  const token = /zr\d+-[a-z-]*\d+/g;
  return svg
    .replace(/class="([^"]*)"/g, (_, value: string) => `class="${value.replace(token, rename)}"`)
    .replace(/(url\(#|id="|href="#|^\.)(zr\d+-[a-z-]*\d+)/gm, (_, before: string, t: string) => {
      return before + rename(t);
    });
}

export function renderChartSvg(
  id: string,
  title: string,
  option: Record<string, unknown>,
  size: ChartSize,
): string {
  const chart = echartsModule().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ ...BASE, ...option });
    const svg = chart.renderToSVGString();
    return withOwnIds(id, svg).replace(
      /^<svg /,
      `<svg id="${escapeHtml(id)}-svg" role="img" aria-label="${escapeHtml(title)}" `,
    );
  } finally {
    chart.dispose();
  }
}
