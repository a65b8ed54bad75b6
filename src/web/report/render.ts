// renderScenarioHtml: the scenario run's JSON report as one self-contained HTML page in German
// or English. Pure in the sense that matters here: the same report and language give the same
// bytes (no clock, no ids that depend on what was rendered before).
import type { Lang } from '../../i18n/index.ts';
import { balancesSection } from './charts/balances.ts';
import { flowsSection } from './charts/flows.ts';
import { priceFactorSection } from './charts/price-factor.ts';
import { redistributionSection } from './charts/redistribution.ts';
import { taskWeightsSection } from './charts/task-weights.ts';
import { mechanismSections } from './mechanisms/index.ts';
import { renderPage } from './page.ts';
import { asReportDoc } from './report-doc.ts';
import { reportContext } from './section.ts';

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

export function renderScenarioHtml(report: unknown, options: RenderOptions): string {
  const ctx = reportContext(asReportDoc(report), options.lang);
  const sections = [
    taskWeightsSection(ctx),
    priceFactorSection(ctx),
    balancesSection(ctx),
    flowsSection(ctx),
    redistributionSection(ctx),
    // Plain tables, only for the mechanisms the run uses (none in a report without them).
    ...mechanismSections(ctx),
  ];
  return renderPage(ctx, sections);
}
