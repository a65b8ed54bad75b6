// Proves the federated pools' parts of the HTML report: a file with `federation` gets one part
// per pool, the federated pool's with the same charts and tables as the file's own pool (its
// numbers, from `federation.pools`, in its part) and what crossed between the pools, in English
// and German, with every element id once on the page; a file without `federation` renders byte
// for byte as before the parts existed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
  for (const [file, report, home, partner, homeExtra] of [
    ['mechanism-federation', federation, 'town', 'village', []],
    ['mechanism-federation-closing', closing, 'harbour', 'uplands', ['federation-write-offs']],
  ] as const) {
    test(`${file}: one part per pool, the same sections, every id once`, () => {
      for (const [lang, html] of Object.entries(pages(report))) {
        const own = partOf(html, home);
        const other = partOf(html, partner);
        assert.deepEqual(sectionIds(own), [...CHART_IDS, ...homeExtra], lang);
        assert.deepEqual(
          sectionIds(other),
          [...CHART_IDS, 'between-pools'].map((id) => `pool-${partner}-${id}`),
          lang,
        );
        assert.ok(html.indexOf(own) < html.indexOf(other), 'the file’s own pool first');
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
    assert.deepEqual(rowOf(en, factor, '2'), ['2', '1.000000', '1.500000']);
    assert.deepEqual(rowOf(en, factor, '3'), ['3', '1.500000', '1.000000']);
    assert.deepEqual(rowOf(de, 'Die Zahlen hinter dem Diagramm: Preisfaktor je Periode', '2'), [
      '2',
      '1,000000',
      '1,500000',
    ]);
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
        assert.equal(Math.round(Number(row[2]) * 1_000_000), p.nextPriceFactorPpm);
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

/**
 * SHA-256 of every example without `federation`, rendered before the federated pools got their
 * parts (the renderer of 558baeb): such a page must not change by a byte. When the page changes
 * on purpose, render the examples again and replace the hashes.
 */
const SINGLE_POOL_PAGES: Readonly<Record<string, string>> = {
  'mechanism-allocation.yaml.de':
    '9c6db0b6381ba9b3b2d8725f9bf04d0cda421d133478e80369b573c5949b1cfc',
  'mechanism-allocation.yaml.en':
    '66d4d9c356436926211320141dd4f00672f221adc7efb0e3b2d39af847d44ac0',
  'mechanism-completion.yaml.de':
    'a46ae19d1fa4f2a018201834f0f88ad64d12ec32d17e7a81b253dcab758d02ed',
  'mechanism-completion.yaml.en':
    'f5aaffda9442ec5239ddee165c4cca0ab13a1069027aa80dcb1fef74ab05f2e9',
  'mechanism-depletion.yaml.de': '6e647c83bcaf4b80e7a0fc16aeca68ae9c54147268075c8a3fda4eed25e6e452',
  'mechanism-depletion.yaml.en': '6ef1ef347028178ffb2eb71be68a8483c37099a04cd2994b1eb79ffacc0bac9f',
  'mechanism-dwellings.yaml.de': '449e3425f8c647249590028d3aec760a0d3f6810a19337a953f49c1ea7d9a609',
  'mechanism-dwellings.yaml.en': 'bcd88099a4b7a1c74a689ceb4ec33cd12f42837a40dce2a3a09138fd818ddbbb',
  'mechanism-forgiveness.yaml.de':
    '23620c8f0e1e5b8fc86ab7fc45319dee0332e296f69f4fec46e17f96b52c4e93',
  'mechanism-forgiveness.yaml.en':
    '80f654168d17af88b1e5d6472978a3e4f9984ad3ab27a15305c6799cc23b8955',
  'mechanism-land-leases.yaml.de':
    '18c66019dc15d284ecf46b6d89126f4b2e02bea840907a531016f8ff0bb1605c',
  'mechanism-land-leases.yaml.en':
    'c32737ad4ecefa29ad93db0d803568eb8ea354c6f2a8386241c853313e4d079d',
  'mechanism-money.yaml.de': '3512ca3c9f8ba027eaa6877e44a8bb4827dd5ba870687596d94c96d226d9973b',
  'mechanism-money.yaml.en': '530f5a86b603100b7bb426057e455b70590e3fd02ee2913542d36479c3ea5e77',
  'mechanism-possession-terms.yaml.de':
    '8129a726a29584074c7599ef526485cce6aa39ac616a9db2ae01242d393f4961',
  'mechanism-possession-terms.yaml.en':
    'fc582d78a0d012716000755043dedb82917ca66b176503fd4e1c3e84767ec8e5',
  'mechanism-premium-commitments.yaml.de':
    'ab35a12bbcc830d1ab0009500c928dad73299e41b510950eee0ba6b884233b37',
  'mechanism-premium-commitments.yaml.en':
    '6c34ce6403461a198dd16c261a35362b5acea6ff6866780e903522adb2d1cdd0',
  'mechanism-prices.yaml.de': 'c7454e1f6a02c21a8f6e6b5953aabf236989bdcef555240c45d7b415a5e87eca',
  'mechanism-prices.yaml.en': '35e0e663073887e7fa100ecfaf6807c9aba78af571697961098ca8904a5a2b7d',
  'mechanism-projects.yaml.de': 'e31f4118aba68281e9ce3ae4d32523f501f5dde442642784198d38d9e7ca267b',
  'mechanism-projects.yaml.en': 'bd7e01eef13d4719f83583455d7cd0b79aaae1a5a6843b8d3b2a453fb8d00250',
  'mechanism-recipes.yaml.de': '610102b4b879b0508512d0a5f24f7bb2dc93a66ca774eecca9da8b4069856716',
  'mechanism-recipes.yaml.en': '308e8702f064f34479fa6e5ac355f44019152ce05b26199cdb016af0d29065d8',
  'mechanism-rounds.yaml.de': '14b35a1e086ea25613522e1f79b7918390a38da85fa985f3edf7533586df3871',
  'mechanism-rounds.yaml.en': '54e373ccc8930a8faa76bdf6a5190a84ce6566f9ee4403e2c671ca289b26976a',
  'mechanism-settings.yaml.de': '9a6259c29011922dfc54c91a48659de021b0c7a24c74c6ccd819e3e1bf52b1b1',
  'mechanism-settings.yaml.en': '3ea6ed5bfb945b8ad390254a54c85acdf0ba285f7c3be7eff546e2254bf11b6a',
  'mechanism-subscriptions-pre-orders.yaml.de':
    'ae96b85910a22865881f2b3642b87d7c44e5f97b796de0ffc381bd940f9ef963',
  'mechanism-subscriptions-pre-orders.yaml.en':
    '6d6078cd11f05ecb5a130aa44b3b77f0d8e4033aaa5cfca08dcc32731acfb7a9',
  'mechanism-wishes.yaml.de': '4e2a676b3bfff84a5115279b2ca048311f68a581fcff5746ed0e8a463d193a16',
  'mechanism-wishes.yaml.en': 'f2a3528455e1c70f3332178be2d9442cf46dcc54b44d2bcad7a2d85b73243aff',
  'mechanism-work-measures.yaml.de':
    '9fcb121cd86bff3a8071999849de61b2dfe99401253baabceb05e6c9be849aa2',
  'mechanism-work-measures.yaml.en':
    '34d0706574ab465eb64a6c910269ed08b255596b1146717eb1e21d7f5ddc3140',
  'neighbourhood.yaml.de': '50de3ec6bbb52fb71d0801770893a9afb3b69765d27d6d7d514263e62063b64d',
  'neighbourhood.yaml.en': '4dd9ff374156a4c25e51895f8205011ab8eaa350c39708534bdc5241bd03940a',
  'reference-4.11-association.yaml.de':
    'd9a8870353cb6649419da06f80653008a6c8484e852b05bb315ee1625004d75e',
  'reference-4.11-association.yaml.en':
    '433ae30431923b3b8d59e79066042f328bd1ee35f0cfa8dc21ec48bcbf2819dd',
  'reference-4.4-highest.yaml.de':
    '6f6f0a9f04d8425097fda9d5955a7b3f68006a9f7c187f433625efe8fd1020c8',
  'reference-4.4-highest.yaml.en':
    '6fafedac92f0cbb84769b70c90faa45ef6f218b1eb3c8d1baf17e12aa72c5a62',
  'reference-4.4-task-auctions.yaml.de':
    '69b9bf32d33efe79f0b16ab87bf87e8f5a5db8f84438a352764db4d0b1a210d1',
  'reference-4.4-task-auctions.yaml.en':
    'dfb023968aab2503b015efe1a256ea33339459bbe47bc1de1b6c9a5a69d77c47',
  'reference-4.8-ebikes.yaml.de':
    '688464914cd2ed4ccba776def2354477b7801bf250ab7a214893b77b97389b67',
  'reference-4.8-ebikes.yaml.en':
    '5a278c338aabd4ceb4106da8495d8e7cbd4bdbed6edfaeee2e1264165454ecdf',
  'reference-4.9-month.yaml.de': '0f29fc9290bad3a47cd7b922efffaa278f803f8c9f052ab050b83ca249471d14',
  'reference-4.9-month.yaml.en': '2f9735d39f8151b4ed5bc81b3daf7f2685d540d500ff590218bac5165ce34540',
};

describe('a file without federated pools', () => {
  // The examples pinned: those of 558baeb (a later example is not pinned, so adding one needs
  // no hash here; the files below must still exist and still have no federation).
  const files = [
    ...new Set(Object.keys(SINGLE_POOL_PAGES).map((k) => k.replace(/\.(en|de)$/, ''))),
  ];

  test('the pinned examples are still there, without federation, every one in both languages', () => {
    assert.ok(files.length >= 20);
    assert.ok(files.includes('neighbourhood.yaml'));
    for (const file of files) {
      assert.doesNotMatch(readFileSync(join(EXAMPLES, file), 'utf8'), /^federation:/m, file);
      assert.ok(`${file}.en` in SINGLE_POOL_PAGES && `${file}.de` in SINGLE_POOL_PAGES, file);
    }
  });

  test('renders byte for byte as before', () => {
    for (const file of files) {
      const html = pages(reportOf(file));
      for (const lang of ['en', 'de'] as const) {
        assert.ok(!html[lang].includes('<article'), `${file} ${lang}: no parts`);
        const hash = createHash('sha256').update(html[lang]).digest('hex');
        assert.equal(hash, SINGLE_POOL_PAGES[`${file}.${lang}`], `${file} ${lang}`);
      }
    }
  });
});
