// Proves that the HTML report covers every mechanism a run uses: for each example, every key of
// the JSON report (and of each period) that holds something is shown by a part of the page
// (coverage.ts says which), and that part is on the page; the neighbourhood's cargo-bike auction,
// garden land, housing dues and shared goods appear in their sections.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadExample } from '../../../test/scenario/support.ts';
import { runScenario, scenarioReport } from '../../core/scenario/index.ts';
import { PERIOD_KEY_PARTS, REPORT_KEY_PARTS } from './coverage.ts';
import { renderScenarioHtml } from './index.ts';
import { poolPartId } from './render.ts';

const EXAMPLES = readdirSync(join(import.meta.dirname, '..', '..', '..', 'examples'))
  .filter((name) => name.endsWith('.yaml'))
  .sort();

/** Whether a JSON value holds something: not absent, not an empty list, not an object of
 *  nothing but such values. A number or a string always does. */
function holdsSomething(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(holdsSomething);
  return true;
}

/** A period's keys that hold something, `allocationModels` by model. */
function usedPeriodKeys(period: Record<string, unknown>): string[] {
  return Object.entries(period).flatMap(([key, value]) => {
    if (key === 'allocationModels' && value !== null && typeof value === 'object') {
      return Object.entries(value)
        .filter(([, v]) => holdsSomething(v))
        .map(([model]) => `${key}.${model}`);
    }
    return holdsSomething(value) ? [key] : [];
  });
}

/** The ids on the page that show `key`, for a pool whose sections carry `prefix`. */
function partsOf(table: Readonly<Record<string, readonly string[]>>, key: string, prefix: string) {
  const parts = table[key];
  assert.ok(parts !== undefined, `"${key}" holds something but has no place in the HTML report`);
  // The head, the overview and the footer are the page's own, not a pool part's.
  return parts.map((id) =>
    ['report-head', 'report-footer', 'overview'].includes(id) ? id : `${prefix}${id}`,
  );
}

function assertCovered(
  name: string,
  html: string,
  doc: { periods: Record<string, unknown>[] },
  prefix: string,
) {
  const used = new Set(doc.periods.flatMap(usedPeriodKeys));
  for (const key of used) {
    for (const id of partsOf(PERIOD_KEY_PARTS, key, prefix)) {
      assert.ok(
        html.includes(` id="${id}"`),
        `${name}: "${key}" is in the JSON, #${id} not on the page`,
      );
    }
  }
}

describe('the HTML report covers every mechanism in the JSON', () => {
  for (const file of EXAMPLES) {
    test(file, () => {
      const report = JSON.parse(JSON.stringify(scenarioReport(runScenario(loadExample(file)))));
      const html = renderScenarioHtml(report, { lang: 'en' });
      for (const [key, value] of Object.entries(report)) {
        if (key === 'periods' || !holdsSomething(value)) continue;
        for (const id of partsOf(REPORT_KEY_PARTS, key, '')) {
          assert.ok(
            html.includes(` id="${id}"`),
            `${file}: "${key}" is in the JSON, #${id} not on the page`,
          );
        }
      }
      assertCovered(file, html, report, '');
      for (const pool of report.federation?.pools ?? []) {
        assertCovered(`${file} (${pool.poolId})`, html, pool, `${poolPartId(pool.poolId)}-`);
      }
    });
  }

  test('neighbourhood: the cargo bike, the garden land, the dwellings and the trailer in their sections', () => {
    const report = JSON.parse(
      JSON.stringify(scenarioReport(runScenario(loadExample('neighbourhood.yaml')))),
    );
    for (const lang of ['en', 'de'] as const) {
      const html = renderScenarioHtml(report, { lang });
      const section = (id: string) => {
        const start = html.indexOf(`<section id="${id}"`);
        assert.ok(start >= 0, `#${id} (${lang})`);
        return html.slice(start, html.indexOf('</section>', start));
      };
      const overview = html.slice(
        html.indexOf('id="overview"'),
        html.indexOf('</div>', html.indexOf('id="overview"')),
      );
      // Every period's cargo-bike auction: its product, its winner and the uniform premium.
      for (const p of report.periods) {
        const bike = p.goods.find((g: { productId: string }) => g.productId === 'cargo-bike');
        const winner = bike.allocations.find((a: { units: number }) => a.units > 0).personId;
        assert.ok(section('scarce-goods').includes(`${winner} (`), `winner ${winner}`);
      }
      assert.ok(section('scarce-goods').includes('cargo-bike'));
      assert.ok(overview.includes('cargo-bike'));
      assert.ok(section('resources').includes('garden-land'));
      assert.ok(overview.includes('garden-land'));
      for (const unit of ['apt01', 'apt02']) assert.ok(section('housing').includes(unit), unit);
      assert.ok(section('possession').includes('cargo-trailer'));
    }
  });
});
