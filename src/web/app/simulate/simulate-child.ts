// The process a simulation runs in, apart from the server (decision 0045): it takes one job
// by IPC (a scenario file's text to report on, or scenarios to summarise for a what-if), runs
// it, answers, and exits. The server kills it when it runs past its time.

import type { Scenario } from '../../../core/scenario/index.ts';
import type { Lang } from '../../../i18n/index.ts';
import type { RunSummary } from './run-summary.ts';

export type SimulateJob =
  | {
      readonly kind: 'report';
      readonly text: string;
      readonly fileName: string;
      readonly lang: Lang;
    }
  | { readonly kind: 'compare'; readonly scenarios: readonly Scenario[]; readonly lang: Lang };

export type SimulateAnswer =
  | { readonly ok: true; readonly kind: 'report'; readonly html: string }
  | { readonly ok: true; readonly kind: 'compare'; readonly summaries: readonly RunSummary[] }
  | { readonly ok: false; readonly code: string; readonly detail: string };

async function answer(job: SimulateJob): Promise<SimulateAnswer> {
  const { runScenario, scenarioReport } = await import('../../../core/scenario/index.ts');
  if (job.kind === 'compare') {
    const { summarizeReport } = await import('./run-summary.ts');
    const summaries = job.scenarios.map((scenario) =>
      summarizeReport(scenarioReport(runScenario(scenario)), job.lang),
    );
    return { ok: true, kind: 'compare', summaries };
  }
  const { parseScenarioText } = await import('../../../app/scenario/load.ts');
  const parsed = parseScenarioText(job.text, job.fileName);
  if (!parsed.ok) return { ok: false, code: parsed.error.code, detail: parsed.error.detail };
  const { renderScenarioHtml } = await import('../../report/index.ts');
  const html = renderScenarioHtml(scenarioReport(runScenario(parsed.value)), { lang: job.lang });
  return { ok: true, kind: 'report', html };
}

process.once('message', (job: SimulateJob) => {
  answer(job)
    .catch(
      (error: unknown): SimulateAnswer => ({
        ok: false,
        code: 'simulate.failed',
        detail: error instanceof Error ? error.message : String(error),
      }),
    )
    .then((result) => process.send?.(result, () => process.exit(0)));
});
