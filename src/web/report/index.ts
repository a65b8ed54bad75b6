// The HTML report of a scenario run (issue 6, item 3).
export { MECHANISM_IDS } from './mechanisms/index.ts';
export { CHART_IDS, type RenderOptions, renderScenarioHtml } from './render.ts';
