// Proves the HTML report: every chart is an inline SVG, the tables hold the JSON report's numbers in the language's format, German and English differ, scenario text is escaped, the page is self-contained, and the same report renders to the same bytes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadExample } from '../../../test/scenario/support.ts';
import { runScenario, scenarioReport } from '../../core/scenario/index.ts';
import { balanceBins } from './charts/balances.ts';
import { effortFlows } from './charts/flows.ts';
import { CHART_IDS, renderScenarioHtml } from './index.ts';
import { asReportDoc, type ReportDoc } from './report-doc.ts';
import { rowOf } from './testing.ts';

/** The report as the CLI writes it: through JSON, so the renderer sees what the file holds. */
const reportOf = (file: string) =>
  JSON.parse(JSON.stringify(scenarioReport(runScenario(loadExample(file))))) as ReportDoc;

const month = reportOf('reference-4.9-month.yaml');
const neighbourhood = reportOf('neighbourhood.yaml');

function svgOf(html: string, id: string): string {
  const match = html.match(
    new RegExp(`<figure class="chart" data-chart="${id}">\\n(<svg[\\s\\S]*?</svg>)`),
  );
  assert.ok(match, `chart ${id}`);
  return match[1]!;
}

describe('renderScenarioHtml', () => {
  for (const [name, report] of [
    ['reference-4.9-month', month],
    ['neighbourhood', neighbourhood],
  ] as const) {
    test(`${name}: every chart is an inline SVG with drawn paths, in both languages`, () => {
      for (const lang of ['en', 'de'] as const) {
        const html = renderScenarioHtml(report, { lang });
        for (const id of CHART_IDS) {
          const svg = svgOf(html, id);
          assert.match(svg, new RegExp(`^<svg id="${id}-svg" role="img" aria-label="[^"]+" `));
          assert.ok((svg.match(/<path /g) ?? []).length > 3, `${id} has paths`);
        }
        assert.equal((html.match(/<svg /g) ?? []).length, CHART_IDS.length);
        // A style or attribute value that is an object written as text (once: the Sankey's
        // gradient links in the hover CSS).
        assert.ok(!html.includes('[object Object]'), 'no object written as text');
      }
    });
  }

  test('§4.9 month: the tables hold the worked example numbers', () => {
    const html = renderScenarioHtml(month, { lang: 'en' });
    const weights = 'The numbers behind the chart: Task weights over time';
    assert.deepEqual(rowOf(html, weights, '1'), ['1', '0.800', '1.200', '2.000']);
    const factor = 'The numbers behind the chart: Price factor per period';
    // B = 57 WH taken at posted prices, S = −1 WH uncovered: 1 − (−1 ÷ 57) = 1.017544.
    assert.deepEqual(rowOf(html, factor, '1'), [
      '1',
      '1.000000',
      '1.00: goods cost their posted price',
      '57.000',
      '-1.000',
      '0.000',
      '0.000',
      '1.017544',
    ]);
    const each = 'Every person&#39;s balance';
    assert.deepEqual(rowOf(html, each, 'ana'), ['ana', '-9.000']);
    assert.deepEqual(rowOf(html, each, 'ben'), ['ben', '7.000']);
    assert.deepEqual(rowOf(html, each, 'cem'), ['cem', '3.000']);
    assert.match(html, /<details><summary>Every person&#39;s balance<\/summary>/);
    const flows = 'The numbers behind the chart: Effort flows between projects and people';
    // Cem's garbage work: 4 WH from the bakery, 26 WH from the bike shop, Ana's 16 WH baking.
    assert.deepEqual(rowOf(html, flows, 'Project bakery'), [
      'Project bakery',
      'Persons without association',
      '20.000',
    ]);
    assert.match(
      html,
      /<th scope="row" data-label="From">Project bike-shop<\/th><td data-label="To">Persons without association<\/td><td data-label="Amount \(WH\)" class="num">38\.000<\/td>/,
    );
    assert.match(html, /This scenario has no local associations/);
  });

  test('neighbourhood: the tables equal the JSON report', () => {
    const html = renderScenarioHtml(neighbourhood, { lang: 'en' });
    const weights = 'The numbers behind the chart: Task weights over time';
    const head = rowOf(html, weights, '8');
    const sewer =
      1 +
      [...new Set(neighbourhood.periods[0]!.tasks.map((t) => t.templateId))]
        .sort()
        .indexOf('sewer');
    assert.equal(head[sewer], '2.800');
    assert.equal(rowOf(html, weights, '9')[sewer], '4.000');
    const factor = 'The numbers behind the chart: Price factor per period';
    for (const p of neighbourhood.periods) {
      const row = rowOf(html, factor, String(p.period));
      assert.equal(Number(row[1]) * 1_000_000, p.priceFactorPpm);
      assert.equal(Number(row[7]) * 1_000_000, p.nextPriceFactorPpm);
    }
    // Period 2: no garden auction, only the cargo bike's 5 WH premium (and a little spoilage).
    assert.deepEqual(rowOf(html, factor, '2'), [
      '2',
      '0.902827',
      '0.90: goods cost 10 % less',
      '113.200',
      '4.972',
      '5.000',
      '0.000',
      '0.956078',
    ]);
    const last = neighbourhood.periods.at(-1)!;
    const persons = last.balances.filter((b) => b.accountId.startsWith('riverside-pool.person.'));
    assert.equal(persons.length, 120);
    for (const b of persons) {
      const id = b.accountId.slice('riverside-pool.person.'.length);
      const cell = rowOf(html, 'Every person&#39;s balance', id)[1]!;
      assert.equal(Math.round(Number(cell.replace(/,/g, '')) * 1000), b.balanceEffortMilli);
    }
    const redistribution = 'The numbers behind the chart: Redistribution share per period';
    assert.deepEqual(rowOf(html, redistribution, '1'), ['1', '55.200', '206.800', '26.7%']);
    assert.deepEqual(rowOf(html, redistribution, '5'), ['5', '56.200', '207.800', '27.0%']);
    const flows = 'The numbers behind the chart: Effort flows between projects and people';
    assert.deepEqual(rowOf(html, flows, 'Project care-coop'), [
      'Project care-coop',
      'north: members',
      '1,248.000',
    ]);
  });

  test('the flows add up to every transfer to or from a person, once per person side', () => {
    const isPerson = (a: string) => a.startsWith('riverside-pool.person.');
    let expected = 0;
    for (const p of neighbourhood.periods) {
      for (const t of p.transfers) {
        expected +=
          t.amount * (Number(isPerson(t.debitAccountId)) + Number(isPerson(t.creditAccountId)));
      }
    }
    const flows = effortFlows({ doc: neighbourhood });
    assert.equal(
      flows.reduce((s, f) => s + f.amountEffortMilli, 0),
      expected,
    );
    assert.ok(flows.every((f) => f.source.startsWith('in:') || f.target.startsWith('out:')));
  });

  test('balance bins: nice widths, every person counted once', () => {
    assert.deepEqual(balanceBins([-9000, 7000, 3000]), [
      { fromEffortMilli: -10000, toEffortMilli: -8000, persons: 1 },
      { fromEffortMilli: -8000, toEffortMilli: -6000, persons: 0 },
      { fromEffortMilli: -6000, toEffortMilli: -4000, persons: 0 },
      { fromEffortMilli: -4000, toEffortMilli: -2000, persons: 0 },
      { fromEffortMilli: -2000, toEffortMilli: 0, persons: 0 },
      { fromEffortMilli: 0, toEffortMilli: 2000, persons: 0 },
      { fromEffortMilli: 2000, toEffortMilli: 4000, persons: 1 },
      { fromEffortMilli: 4000, toEffortMilli: 6000, persons: 0 },
      { fromEffortMilli: 6000, toEffortMilli: 8000, persons: 1 },
    ]);
    assert.deepEqual(balanceBins([500, 500]), [
      { fromEffortMilli: 0, toEffortMilli: 1000, persons: 2 },
    ]);
    assert.deepEqual(balanceBins([]), []);
  });

  test('German and English: labels, language attribute and number formats differ', () => {
    const en = renderScenarioHtml(neighbourhood, { lang: 'en' });
    const de = renderScenarioHtml(neighbourhood, { lang: 'de' });
    assert.match(en, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(de, /^<!DOCTYPE html>\n<html lang="de">/);
    assert.match(en, /<h1>Scenario report: neighbourhood<\/h1>/);
    assert.match(de, /<h1>Szenariobericht: neighbourhood<\/h1>/);
    for (const [english, german] of [
      ['Task weights over time', 'Aufgabengewichte im Zeitverlauf'],
      ['Price factor per period', 'Preisfaktor je Periode'],
      ['Balances of persons at the end', 'Salden der Personen am Ende'],
      [
        'Effort flows between projects and people',
        'Aufwandsflüsse zwischen Projekten und Menschen',
      ],
      ['Redistribution share per period', 'Umverteilungsanteil je Periode'],
    ] as const) {
      assert.ok(en.includes(`>${english}</h2>`) && !de.includes(english), english);
      assert.ok(de.includes(`>${german}</h2>`) && !en.includes(german), german);
    }
    const deFlows =
      'Die Zahlen hinter dem Diagramm: Aufwandsflüsse zwischen Projekten und Menschen';
    assert.deepEqual(rowOf(de, deFlows, 'Projekt care-coop'), [
      'Projekt care-coop',
      'north: Mitglieder',
      '1.248,000',
    ]);
    const deFactor = 'Die Zahlen hinter dem Diagramm: Preisfaktor je Periode';
    assert.deepEqual(rowOf(de, deFactor, '2'), [
      '2',
      '0,902827',
      '0,90: Güter kosten 10 % weniger',
      '113,200',
      '4,972',
      '5,000',
      '0,000',
      '0,956078',
    ]);
    const deShare = 'Die Zahlen hinter dem Diagramm: Umverteilungsanteil je Periode';
    assert.deepEqual(rowOf(de, deShare, '1'), ['1', '55,200', '206,800', '26,7\u00a0%']);
    // The charts are labelled in the language too (axis name drawn by ECharts).
    assert.match(svgOf(de, 'task-weights'), />Periode</);
    assert.match(svgOf(en, 'task-weights'), />Period</);
  });

  test('text from the scenario file is escaped, in tables and in the charts', () => {
    const evil = (text: string) =>
      text
        .replaceAll('bakery', '<script>alert(1)</script>bakery')
        .replaceAll('garbage', 'gar<b>bage</b>')
        .replaceAll('reference-4.9-month', 'month "<i>&</i>"');
    const poisoned = JSON.parse(
      JSON.stringify(month, (_key, value: unknown) =>
        typeof value === 'string' ? evil(value) : value,
      ),
    ) as ReportDoc;
    const html = renderScenarioHtml(poisoned, { lang: 'en' });
    assert.ok(!html.includes('<script'), 'no script element');
    assert.ok(!html.includes('<b>') && !html.includes('<i>'), 'no element from the scenario');
    assert.match(
      html,
      /<title>Scenario report: month &quot;&lt;i&gt;&amp;&lt;\/i&gt;&quot;<\/title>/,
    );
    assert.match(
      html,
      /<th scope="row"[^>]*>Project &lt;script&gt;alert\(1\)&lt;\/script&gt;bakery<\/th>/,
    );
    assert.match(html, /<th scope="col" class="num">gar&lt;b&gt;bage&lt;\/b&gt;<\/th>/);
    // ECharts escapes its labels: the legend of the task weights and the Sankey's node names.
    assert.match(svgOf(html, 'task-weights'), />gar&lt;b&gt;bage&lt;\/b&gt;</);
    assert.match(svgOf(html, 'flows'), /Project &lt;script&gt;alert\(1\)&lt;\/script&gt;bakery/);
  });

  test('self-contained: no script, no stylesheet link, no external address', () => {
    const html = renderScenarioHtml(neighbourhood, { lang: 'en' });
    assert.ok(!/<script|<link|<img|<iframe|@import|src=/i.test(html));
    const addresses = [...new Set(html.match(/https?:\/\/[^"' )]+/g) ?? [])].sort();
    assert.deepEqual(addresses, ['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
  });

  test('deterministic: the same report gives the same bytes, whatever was rendered before', () => {
    const first = renderScenarioHtml(month, { lang: 'de' });
    renderScenarioHtml(neighbourhood, { lang: 'en' });
    const second = renderScenarioHtml(month, { lang: 'de' });
    assert.equal(second, first);
    assert.ok(!/zr\d+-/.test(first), 'no process-wide ECharts ids');
    // Each chart's ids carry its own prefix, so two charts never share a clip path.
    assert.match(first, /clip-path="url\(#task-weights-c0\)"/);
  });

  test('a run stopped before its first period still renders, and says why', () => {
    const stopped = {
      ...month,
      periodsRun: 0,
      periods: [],
      stop: { period: 1, invariant: null, code: 'work.self_confirmation', detail: 'a <b> c' },
    };
    const html = renderScenarioHtml(stopped, { lang: 'en' });
    assert.match(html, /The run stopped in period 1: work\.self_confirmation: a &lt;b&gt; c/);
    assert.throws(
      () => asReportDoc({ format: 'other' }),
      /not a peerconomy\.scenario-run\.v1 report/,
    );
  });
});
