// renderScenarioHtml: the scenario run's JSON report as one self-contained HTML page in German
// or English. Pure in the sense that matters here: the same report and language give the same
// bytes (no clock, no ids that depend on what was rendered before).
import type { Lang } from '../../i18n/index.ts';
import { balancesSection } from './charts/balances.ts';
import { flowsSection } from './charts/flows.ts';
import { priceFactorSection } from './charts/price-factor.ts';
import { redistributionSection } from './charts/redistribution.ts';
import { taskWeightsSection } from './charts/task-weights.ts';
import { betweenPoolsSection } from './mechanisms/between-pools.ts';
import { mechanismSections } from './mechanisms/index.ts';
import { overviewSentences } from './overview.ts';
import { type PoolPart, renderPage } from './page.ts';
import { asReportDoc } from './report-doc.ts';
import { periodsRunText, type ReportContext, reportContext, type Section } from './section.ts';

export interface RenderOptions {
  readonly lang: Lang;
}

/** The ids of the report's chart sections, in page order. */
export const CHART_IDS = [
  'task-weights',
  'price-factor',
  'balances',
  'flows',
  'redistribution',
] as const;

/** A pool's sections: the charts, then the tables of the mechanisms it uses. */
function poolSections(ctx: ReportContext): Section[] {
  return [
    taskWeightsSection(ctx),
    priceFactorSection(ctx),
    balancesSection(ctx),
    flowsSection(ctx),
    redistributionSection(ctx),
    // Plain tables, only for the mechanisms the run uses (none in a report without them).
    ...mechanismSections(ctx),
  ];
}

/**
 * The id of a pool's part of a federated page; a federated pool's section ids, and so its
 * charts' SVG ids and style classes, start with it. A pool id may hold `.` and `:` (and a JSON
 * report anything), which would split a CSS class in the charts' styles: every character but
 * letters, digits and `-` is written as `_<hex>_`, so different pools keep different ids.
 */
export function poolPartId(poolId: string): string {
  const token = [...poolId]
    .map((c) => (/^[A-Za-z0-9-]$/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`))
    .join('');
  return `pool-${token}`;
}

export function renderScenarioHtml(report: unknown, options: RenderOptions): string {
  const doc = asReportDoc(report);
  const ctx = reportContext(doc, options.lang);
  const sections = poolSections(ctx);
  const federation = doc.federation;
  // A file without federated pools: one pool, its sections straight under the header.
  const overview = overviewSentences(ctx);
  if (federation === undefined) return renderPage(ctx, sections, null, overview);
  // With federated pools, one part per pool: the file's own first (its ids as without
  // federation), then each federated pool's own report with the same renderers, its ids
  // prefixed by its part's. Each part ends with what crossed between its pool and the others,
  // so with three pools or more every pair shows in the parts of both its pools.
  const ownBetween = betweenPoolsSection(ctx, federation, doc.poolId);
  const parts: PoolPart[] = [
    {
      id: poolPartId(doc.poolId),
      title: ctx.t('pools.own', { pool: doc.poolId }),
      lead: null,
      sections: [...sections, ...(ownBetween === null ? [] : [ownBetween])],
    },
    ...federation.pools.map((pool) => {
      const id = poolPartId(pool.poolId);
      const own = reportContext(asReportDoc(pool), options.lang, `${id}-`);
      const between = betweenPoolsSection(own, federation, pool.poolId);
      return {
        id,
        title: ctx.t('pools.federated', { pool: pool.poolId }),
        lead: ctx.t('pools.lead', {
          name: pool.scenario,
          pool: pool.poolId,
          seed: pool.seed,
          periods: periodsRunText(ctx, pool.periodsRun),
        }),
        sections: [...poolSections(own), ...(between === null ? [] : [between])],
      };
    }),
  ];
  return renderPage(ctx, sections, parts, overview);
}
