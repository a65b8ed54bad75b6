// Proves the federated pools' parts of the HTML report: a file with `federation` gets one part
// per pool, the federated pool's with the same charts and tables as the file's own pool (its
// numbers, from `federation.pools`, in its part) and what crossed between the pools, in English
// and German, with every element id once on the page; a file without `federation` renders one
// pool without parts or prefixed ids.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EXAMPLES, loadExample } from '../../../test/scenario/support.ts';
import { runScenario, scenarioReport } from '../../core/scenario/index.ts';
import { CHART_IDS, renderScenarioHtml } from './index.ts';
import { poolPartId } from './render.ts';
import type { ReportDoc } from './report-doc.ts';
import { rowOf } from './testing.ts';

const reportOf = (file: string) =>
  JSON.parse(JSON.stringify(scenarioReport(runScenario(loadExample(file))))) as ReportDoc;

const pages = (report: ReportDoc) => ({
  en: renderScenarioHtml(report, { lang: 'en' }),
  de: renderScenarioHtml(report, { lang: 'de' }),
});

/** The `<article>` of pool `poolId`'s part; fails when the page has none. */
function partOf(html: string, poolId: string): string {
  const start = html.indexOf(`<article class="pool" id="pool-${poolId}"`);
  assert.ok(start >= 0, `part of ${poolId}`);
  return html.slice(start, html.indexOf('</article>', start));
}

const sectionIds = (html: string) => [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]!);

/** Every `id="…"` of the page, charts' SVG ids included. */
const elementIds = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);

const federation = reportOf('mechanism-federation.yaml');
const closing = reportOf('mechanism-federation-closing.yaml');

describe('the federated pools in the HTML report', () => {
  for (const [file, report, home, partner, plain, homeExtra] of [
    [
      'mechanism-federation',
      federation,
      'town',
      'village',
      ['work', 'planning', 'effort-prices'],
      [],
    ],
    [
      'mechanism-federation-closing',
      closing,
      'harbour',
      'uplands',
      ['work', 'goods-taken', 'planning', 'effort-prices'],
      ['federation-write-offs'],
    ],
  ] as const) {
    test(`${file}: one part per pool, the same sections, every id once`, () => {
      for (const [lang, html] of Object.entries(pages(report))) {
        const own = partOf(html, home);
        const other = partOf(html, partner);
        assert.deepEqual(
          sectionIds(own),
          [...CHART_IDS, ...plain, ...homeExtra, 'between-pools'],
          lang,
        );
        assert.deepEqual(
          sectionIds(other),
          [...CHART_IDS, ...plain, 'between-pools'].map((id) => `pool-${partner}-${id}`),
          lang,
        );
        assert.ok(html.indexOf(own) < html.indexOf(other), 'the file’s own pool first');
        // With two pools, both parts show the one pair: the same tables, only the ids differ.
        const between = (part: string, prefix: string) => {
          const start = part.indexOf(`<section id="${prefix}between-pools"`);
          assert.ok(start >= 0, `${prefix}between-pools`);
          return part.slice(start, part.indexOf('</section>', start)).replaceAll(prefix, '');
        };
        assert.equal(between(own, ''), between(other, `pool-${partner}-`), lang);
        // Every chart of both pools is drawn, each with its own ids.
        assert.equal((html.match(/<svg /g) ?? []).length, 2 * CHART_IDS.length);
        for (const id of CHART_IDS) {
          assert.match(other, new RegExp(`<svg id="pool-${partner}-${id}-svg" role="img"`));
          assert.match(other, new RegExp(`class="pool-${partner}-${id}-cls-0"`));
        }
        const ids = elementIds(html);
        assert.deepEqual(
          ids.filter((id, i) => ids.indexOf(id) !== i),
          [],
          `${lang}: no id twice`,
        );
        // The contents link every part and section, and every link has its target.
        const links = [...html.matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]!);
        assert.deepEqual(links, [
          `pool-${home}`,
          ...sectionIds(own),
          `pool-${partner}`,
          ...sectionIds(other),
        ]);
        for (const link of links) assert.ok(ids.includes(link), link);
      }
    });
  }

  test('mechanism-federation: the village’s own numbers in its part, in English', () => {
    const html = renderScenarioHtml(federation, { lang: 'en' });
    const village = partOf(html, 'village');
    assert.match(village, /<h2 id="pool-village-title">Federated pool village<\/h2>/);
    assert.match(
      village,
      /scenario village, pool village, seed 1, 3 periods run, on its own ledger/,
    );
    // Finn builds at 0.800 in periods 1 and 2; nothing is auctioned in period 3.
    const weights = 'The numbers behind the chart: Task weights over time';
    assert.deepEqual(rowOf(village, weights, '1'), ['1', '0.800']);
    assert.deepEqual(rowOf(village, weights, '3'), ['3', '–']);
    // Finn 12 + 2 WH, Gus nothing: the village's persons only, none of the town's.
    const each = 'Every person&#39;s balance';
    assert.deepEqual(rowOf(village, each, 'finn'), ['finn', '14.000']);
    assert.deepEqual(rowOf(village, each, 'gus'), ['gus', '0.000']);
    assert.ok(!village.includes('<th scope="row">dora</th><td class="num">'));
    const flows = 'The numbers behind the chart: Effort flows between projects and people';
    assert.deepEqual(rowOf(village, flows, 'Project bikes'), [
      'Project bikes',
      'Persons without association',
      '14.000',
    ]);
    // The town's part still holds the town's: Dora 12 − 18 + 18 = 12 WH.
    assert.deepEqual(rowOf(partOf(html, 'town'), each, 'dora'), ['dora', '12.000']);
    // What crossed: the bike (12 WH in the village, 18 WH in the town), then the work back.
    const accounts = 'Federation accounts per period';
    assert.deepEqual(rowOf(village, accounts, '2'), [
      '2',
      'town',
      'village',
      '1.200',
      '0.800',
      '18.000',
      '-12.000',
      '0.000',
      '18.000',
      '-12.000',
      'town',
    ]);
    assert.deepEqual(rowOf(village, accounts, '3').slice(5), [
      '-18.000',
      '12.000',
      '0.000',
      '0.000',
      '0.000',
      'nobody (even)',
    ]);
    assert.ok(!village.includes('<caption>Period 1: Goods and work between the pools'));
    assert.deepEqual(rowOf(village, 'Period 2: Goods and work between the pools', 'dora'), [
      'dora',
      'town',
      'took goods',
      'village',
      'bike',
      'bikes',
      '1',
      '–',
      '18.000',
      '12.000',
    ]);
    assert.deepEqual(rowOf(village, 'Period 3: Goods and work between the pools', 'dora'), [
      'dora',
      'town',
      'worked',
      'village',
      'f3',
      'bikes',
      '–',
      '720',
      '18.000',
      '12.000',
    ]);
  });

  test('mechanism-federation: the same in German', () => {
    const village = partOf(renderScenarioHtml(federation, { lang: 'de' }), 'village');
    assert.match(village, /<h2 id="pool-village-title">Föderierter Pool village<\/h2>/);
    assert.match(village, /<h3 id="pool-village-between-pools-title">Was zwischen den Pools floss/);
    assert.deepEqual(
      rowOf(village, 'Die Zahlen hinter dem Diagramm: Aufgabengewichte im Zeitverlauf', '2'),
      ['2', '0,800'],
    );
    assert.deepEqual(rowOf(village, 'Der Saldo jeder Person', 'finn'), ['finn', '14,000']);
    assert.deepEqual(rowOf(village, 'Föderationskonten je Periode', '2').slice(3), [
      '1,200',
      '0,800',
      '18,000',
      '-12,000',
      '0,000',
      '18,000',
      '-12,000',
      'town',
    ]);
    assert.deepEqual(
      rowOf(village, 'Periode 3: Güter und Arbeit zwischen den Pools', 'dora').slice(2, 10),
      ['gearbeitet', 'village', 'f3', 'bikes', '–', '720', '18,000', '12,000'],
    );
    assert.equal(rowOf(village, 'Föderationskonten je Periode', '3')[10], 'niemand (ausgeglichen)');
  });

  test('mechanism-federation-closing: the uplands’ loss raises their factor, in both languages', () => {
    const html = pages(closing);
    const en = partOf(html.en, 'uplands');
    const de = partOf(html.de, 'uplands');
    const factor = 'The numbers behind the chart: Price factor per period';
    // The uplands wrote off −5 WH in period 2 against 10 WH taken: next factor 1 + 5 / 10.
    assert.deepEqual(rowOf(en, factor, '2'), [
      '2',
      '1.000000',
      '1.00: goods cost their posted price',
      '10.000',
      '-5.000',
      '0.000',
      '0.000',
      '1.500000',
    ]);
    const third = rowOf(en, factor, '3');
    assert.deepEqual(
      [...third.slice(0, 3), third[7]],
      ['3', '1.500000', '1.50: goods cost 50 % more', '1.000000'],
    );
    const german = rowOf(de, 'Die Zahlen hinter dem Diagramm: Preisfaktor je Periode', '2');
    assert.deepEqual(
      [...german.slice(0, 3), german[7]],
      ['2', '1,000000', '1,00: Güter kosten ihren ausgewiesenen Preis', '1,500000'],
    );
    assert.deepEqual(rowOf(en, 'Every person&#39;s balance', 'finn'), ['finn', '20.000']);
    assert.deepEqual(rowOf(en, 'Every person&#39;s balance', 'gus'), ['gus', '-10.000']);
    // The positions: 10 WH owed by the harbour, half written off, then the rest.
    const accounts = 'Federation accounts per period';
    assert.deepEqual(
      [1, 2, 3].map((p) => rowOf(en, accounts, String(p)).slice(8)),
      [
        ['10.000', '-10.000', 'harbour'],
        ['5.000', '-5.000', 'harbour'],
        ['0.000', '0.000', 'nobody (even)'],
      ],
    );
    // The write-offs stay in the harbour's part, once on the page.
    assert.equal((html.en.match(/<section id="[^"]*federation-write-offs"/g) ?? []).length, 1);
    assert.ok(!en.includes('federation-write-offs'));
  });

  test('every number of the federated pool’s balances and factors is the JSON report’s', () => {
    for (const report of [federation, closing]) {
      const pool = report.federation!.pools[0]!;
      const part = partOf(renderScenarioHtml(report, { lang: 'en' }), pool.poolId);
      const prefix = `${pool.poolId}.person.`;
      const persons = pool.periods.at(-1)!.balances.filter((b) => b.accountId.startsWith(prefix));
      assert.ok(persons.length > 0);
      for (const b of persons) {
        const cell = rowOf(
          part,
          'Every person&#39;s balance',
          b.accountId.slice(prefix.length),
        )[1]!;
        assert.equal(Math.round(Number(cell) * 1000), b.balanceEffortMilli);
      }
      for (const p of pool.periods) {
        const row = rowOf(
          part,
          'The numbers behind the chart: Price factor per period',
          String(p.period),
        );
        assert.equal(Math.round(Number(row[7]) * 1_000_000), p.nextPriceFactorPpm);
      }
      for (const p of report.federation!.periods) {
        const [line] = p.lines;
        const row = rowOf(part, 'Federation accounts per period', String(p.period));
        assert.equal(Math.round(Number(row[8]) * 1000), line!.balanceEffortMilli);
        assert.equal(Math.round(Number(row[9]) * 1000), line!.otherBalanceEffortMilli);
      }
    }
  });

  test('scenario text in a federated pool’s part is escaped, its ids made safe', () => {
    const poisoned = JSON.parse(
      JSON.stringify(federation, (_key, value: unknown) =>
        typeof value === 'string' ? value.replaceAll('village', 'vil"<b>lage') : value,
      ),
    ) as ReportDoc;
    const html = renderScenarioHtml(poisoned, { lang: 'en' });
    assert.ok(!html.includes('<b>'));
    // The id is a token of its own: no quote or bracket, nothing to split a CSS class.
    assert.match(html, /<article class="pool" id="pool-vil_22__3c_b_3e_lage" /);
    assert.match(html, /class="pool-vil_22__3c_b_3e_lage-flows-cls-0"/);
    assert.match(html, /<h2 [^>]*>Federated pool vil&quot;&lt;b&gt;lage<\/h2>/);
    assert.equal(poolPartId('village'), 'pool-village');
    assert.equal(poolPartId('north.pool:2'), 'pool-north_2e_pool_3a_2');
    assert.notEqual(poolPartId('a.b'), poolPartId('a_2e_b'));
  });
});

describe('a file without federated pools', () => {
  // Byte-identity with the renderer before the parts was checked when they were added (every
  // example, both languages, compared with cmp); what stays true is that such a page has no
  // parts and no prefixed ids.
  const files = readdirSync(EXAMPLES)
    .filter((file) => file.endsWith('.yaml'))
    .filter((file) => !/^federation:/m.test(readFileSync(join(EXAMPLES, file), 'utf8')));

  test('renders one pool without parts or prefixed ids', () => {
    assert.ok(files.length >= 20);
    for (const file of files) {
      const html = pages(reportOf(file));
      for (const lang of ['en', 'de'] as const) {
        assert.ok(!html[lang].includes('<article'), `${file} ${lang}: no parts`);
        assert.doesNotMatch(html[lang], / id="pool-/, `${file} ${lang}: no prefixed ids`);
      }
    }
  });
});
