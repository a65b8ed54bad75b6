// Proves the mechanism sections of the HTML report: each new example's report shows exactly the
// sections of the mechanisms it uses, with the numbers of its header in the language's format,
// in English and German; the neighbourhood shows those of the mechanisms it uses and none else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadExample } from '../../../test/scenario/support.ts';
import { runScenario, scenarioReport } from '../../core/scenario/index.ts';
import { CHART_IDS, MECHANISM_IDS, renderScenarioHtml } from './index.ts';
import { rowOf } from './testing.ts';

/** The report as the CLI writes it, rendered in both languages. */
function htmlOf(file: string): { en: string; de: string } {
  const report = JSON.parse(JSON.stringify(scenarioReport(runScenario(loadExample(file)))));
  return {
    en: renderScenarioHtml(report, { lang: 'en' }),
    de: renderScenarioHtml(report, { lang: 'de' }),
  };
}

/** The ids of the page's sections, in order. */
const sectionIds = (html: string) => [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]!);

/** The sections of a pool with work, goods taken and planned, and projects' inventory, before
 *  any decision's section. */
const PLAIN = ['work', 'goods-taken', 'planning', 'effort-prices'];

/** Every mechanism section appears with its heading in its language only. */
function assertTitles(
  html: { en: string; de: string },
  titles: readonly [string, string][],
  heading: 'h2' | 'h3' = 'h2',
) {
  for (const [english, german] of titles) {
    assert.ok(html.en.includes(`-title">${english}</${heading}>`), english);
    assert.ok(html.de.includes(`-title">${german}</${heading}>`), german);
    assert.ok(!html.de.includes(english) && !html.en.includes(german), `${english} / ${german}`);
  }
}

describe('the mechanism sections of the HTML report', () => {
  test('neighbourhood: the sections of what it uses, none of decisions 0014–0020', () => {
    const html = htmlOf('neighbourhood.yaml');
    const used = [
      'work',
      'goods-taken',
      'scarce-goods',
      'resources',
      'housing',
      'possession',
      'personal-services',
      'planning',
      'effort-prices',
    ];
    for (const lang of ['en', 'de'] as const) {
      assert.deepEqual(sectionIds(html[lang]), [...CHART_IDS, ...used]);
      for (const id of MECHANISM_IDS.filter((x) => !used.includes(x))) {
        assert.ok(!html[lang].includes(`id="${id}"`), id);
      }
    }
  });

  test('mechanism-projects: the departed bakery frozen, the fork, what the departure released', () => {
    const html = htmlOf('mechanism-projects.yaml');
    assert.deepEqual(sectionIds(html.en), [
      ...CHART_IDS,
      'work',
      'goods-taken',
      'planning',
      'commitments',
      'effort-prices',
      'projects',
    ]);
    assertTitles(html, [['Projects leaving and forks', 'Austretende Projekte und Abspaltungen']]);
    const table = 'Period 3: Projects leaving and forks';
    assert.deepEqual(rowOf(html.en, table, 'bakery'), [
      'bakery',
      'Left the pool in period 3; frozen',
      '–',
      '-0.500',
      '0.500',
      'loaf: 1',
    ]);
    assert.deepEqual(rowOf(html.en, table, 'bakehouse').slice(1, 3), [
      'In the pool; fork of bakery from period 3 (bakehouse.loaf ← loaf)',
      'cem',
    ]);
    assert.deepEqual(rowOf(html.en, 'Period 3: Pre-orders released', 'dan-loaf'), [
      'dan-loaf',
      'dan',
      'loaf',
      '1',
    ]);
    assert.deepEqual(rowOf(html.en, 'Period 3: Subscriptions ended', 'cem-loaf'), [
      'cem-loaf',
      'cem',
      'loaf',
      '2',
    ]);
    const german = 'Periode 3: Austretende Projekte und Abspaltungen';
    assert.deepEqual(rowOf(html.de, german, 'bakery').slice(1, 5), [
      'In Periode 3 aus dem Pool ausgetreten; eingefroren',
      '–',
      '-0,500',
      '0,500',
    ]);
    // Periods before the first fork or departure have no table.
    assert.ok(!html.en.includes('<caption>Period 2: Projects'));
  });

  test('mechanism-prices: the posted bread price per period and where it came from', () => {
    const html = htmlOf('mechanism-prices.yaml');
    assert.deepEqual(sectionIds(html.en), [...CHART_IDS, ...PLAIN, 'posted-prices']);
    assertTitles(html, [['Re-estimated posted prices', 'Neu geschätzte ausgeschriebene Preise']]);
    const table = (p: number) => `Period ${p}: Re-estimated posted prices`;
    assert.deepEqual(rowOf(html.en, table(1), 'bread'), [
      'bread',
      '0.200',
      'Estimate',
      '–',
      '–',
      '–',
    ]);
    assert.deepEqual(rowOf(html.en, table(2), 'bread'), [
      'bread',
      '0.250',
      'Mean actual price',
      '1',
      '10',
      '2.500',
    ]);
    assert.deepEqual(rowOf(html.en, table(3), 'bread').slice(1, 6), [
      '0.256',
      'Mean actual price',
      '1, 2',
      '18',
      '4.600',
    ]);
    assert.deepEqual(rowOf(html.en, table(4), 'bread').slice(1, 6), [
      '0.239',
      'Mean actual price',
      '2, 3',
      '18',
      '4.300',
    ]);
    const german = 'Periode 4: Neu geschätzte ausgeschriebene Preise';
    assert.deepEqual(rowOf(html.de, german, 'bread').slice(1, 3), [
      '0,239',
      'Mittlerer tatsächlicher Preis',
    ]);
    // Every period's table is shown, none folded away.
    assert.ok(!/<summary>Period \d: Re-estimated/.test(html.en));
  });

  test('mechanism-rounds: R_B of the vegetable bundle and the three-period bidding term', () => {
    const html = htmlOf('mechanism-rounds.yaml');
    assert.deepEqual(sectionIds(html.en), [
      ...CHART_IDS,
      'work',
      'effort-prices',
      'allocation-models',
      'flat-rates',
      'bidding-charges',
    ]);
    assertTitles(html, [
      ['Flat rates with dependent users', 'Pauschalen mit abhängigen Nutzenden'],
      ['Bidding terms over several periods', 'Bieterrunden über mehrere Perioden'],
    ]);
    const flat = (p: number) => `Period ${p}: Flat rates with dependent users`;
    assert.deepEqual(rowOf(html.en, flat(1), 'veg'), [
      'veg',
      '3.000',
      '1.000',
      '2',
      'kid',
      'ada 1.500, cy 1.500',
    ]);
    assert.deepEqual(rowOf(html.en, flat(2), 'veg'), [
      'veg',
      '2.000',
      '0.500',
      '3',
      'kid',
      'ada 0.667, bo 0.667, cy 0.666',
    ]);
    assert.ok(!html.en.includes(`<caption>${flat(3)}</caption>`));
    const term = (p: number) => `Period ${p}: Bidding terms over several periods`;
    assert.deepEqual(rowOf(html.en, term(1), 'solawi'), [
      'solawi',
      'farm',
      '1 of 3',
      '6.000',
      '6.500',
      '0',
    ]);
    assert.deepEqual(rowOf(html.en, term(3), 'solawi').slice(2, 5), ['3 of 3', '6.000', '6.500']);
    assert.deepEqual(rowOf(html.en, term(4), 'solawi').slice(2, 5), ['1 of 1', '5.500', '4.000']);
    const german = 'Periode 2: Bieterrunden über mehrere Perioden';
    assert.deepEqual(rowOf(html.de, german, 'solawi').slice(2, 5), ['2 von 3', '6,000', '6,500']);
    assert.deepEqual(
      rowOf(html.de, 'Periode 2: Pauschalen mit abhängigen Nutzenden', 'veg')[5],
      'ada 0,667, bo 0,667, cy 0,666',
    );
  });

  test('mechanism-dwellings: idle flags, notice, the reassignment and the release', () => {
    const html = htmlOf('mechanism-dwellings.yaml');
    assert.deepEqual(sectionIds(html.en), [...CHART_IDS, 'housing', 'effort-prices', 'dwellings']);
    assertTitles(html, [['Dwellings as possessions', 'Wohnungen als Besitz']]);
    const table = (p: number) => `Period ${p}: Dwellings as possessions`;
    assert.deepEqual(rowOf(html.en, table(1), 'flat-a'), [
      'flat-a',
      'town',
      'Possessed',
      'ana, ben',
      '1',
      '1',
      '0',
      '–',
      '–',
      'moved in',
    ]);
    // flat-b: Dan away in 2, 3, 4: idle 3 > 2, flagged in 4, reassignable from 5.
    assert.deepEqual(rowOf(html.en, table(4), 'flat-b').slice(5), [
      '1',
      '3',
      '4',
      '5',
      'flagged idle',
    ]);
    // flat-a: flagged in 5, notice to 6, reassigned to Cy in 6; flat-b back in the commons.
    assert.deepEqual(rowOf(html.en, table(5), 'flat-a').slice(6), ['3', '5', '6', 'flagged idle']);
    assert.deepEqual(rowOf(html.en, table(6), 'flat-a').slice(2, 5), ['Possessed', 'cy', '6']);
    assert.equal(rowOf(html.en, table(6), 'flat-a')[9], 'reassigned');
    assert.deepEqual(rowOf(html.en, table(6), 'flat-b').slice(2, 4), ['Commons', '–']);
    assert.equal(rowOf(html.en, table(6), 'flat-b')[9], 'released');
    assert.deepEqual(rowOf(html.de, 'Periode 6: Wohnungen als Besitz', 'flat-b').slice(2, 3), [
      'Gemeingut',
    ]);
    assert.equal(rowOf(html.de, 'Periode 6: Wohnungen als Besitz', 'flat-a')[9], 'neu vergeben');
  });

  test('mechanism-federation-closing: half the position, then the rest, by agreement', () => {
    const html = htmlOf('mechanism-federation-closing.yaml');
    // The file's own pool's sections, then the federated pool's part (federation.test.ts).
    assert.deepEqual(sectionIds(html.en), [
      ...CHART_IDS,
      ...PLAIN,
      'federation-write-offs',
      'between-pools',
      ...[...CHART_IDS, ...PLAIN, 'between-pools'].map((id) => `pool-uplands-${id}`),
    ]);
    assertTitles(
      html,
      [['Federation positions written off', 'Abgeschriebene Föderationspositionen']],
      'h3',
    );
    const table = (p: number) => `Period ${p}: Federation positions written off`;
    assert.deepEqual(rowOf(html.en, table(2), 'harbour'), [
      'harbour',
      'uplands',
      '0.500000',
      '10.000',
      '-10.000',
      '5.000',
      '-5.000',
    ]);
    assert.deepEqual(rowOf(html.en, table(3), 'uplands'), [
      'uplands',
      'harbour',
      '1.000000',
      '-5.000',
      '5.000',
      '-5.000',
      '5.000',
    ]);
    assert.ok(!html.en.includes(`<caption>${table(1)}</caption>`));
    const german = 'Periode 2: Abgeschriebene Föderationspositionen';
    assert.deepEqual(rowOf(html.de, german, 'harbour').slice(2, 4), ['0,500000', '10,000']);
  });

  test("an association's settings changed from period 2: its rows in the settings table", () => {
    const scenario = loadExample('reference-4.11-association.yaml');
    const change = {
      associations: [
        {
          id: 'la',
          allowances: [{ category: 'child' as const, allowanceEffortMilli: 30_000 }],
          dwellingNoticePeriods: 3,
        },
      ],
    };
    const changed = {
      ...scenario,
      periods: scenario.periods.map((p, i) => (i === 1 ? { ...p, settingsChanges: [change] } : p)),
    };
    const run = runScenario(changed);
    assert.equal(run.stop, null);
    const report = JSON.parse(JSON.stringify(scenarioReport(run)));
    const html = {
      en: renderScenarioHtml(report, { lang: 'en' }),
      de: renderScenarioHtml(report, { lang: 'de' }),
    };
    assert.deepEqual(sectionIds(html.en), [...CHART_IDS, ...PLAIN, 'settings']);
    assert.equal((html.en.match(/<caption>Period \d: Pool settings/g) ?? []).length, 1);
    const table = 'Period 2: Pool settings in force';
    assert.deepEqual(rowOf(html.en, table, 'la: allowance for dependents (child, WH)'), [
      'la: allowance for dependents (child, WH)',
      'associations[la].allowances.child',
      '30.000',
    ]);
    assert.deepEqual(rowOf(html.en, table, 'la: notice before reassigning (periods)'), [
      'la: notice before reassigning (periods)',
      'associations[la].dwellingNoticePeriods',
      '3',
    ]);
    // The whole list is replaced: the elderly and sick allowances of the file are gone.
    assert.ok(!html.en.includes('associations[la].allowances.elderly'));
    assert.ok(html.de.includes('la: Freibetrag für Angehörige (child, WH)'));
  });

  test('mechanism-settings: the settings in force from period 3, none before', () => {
    const html = htmlOf('mechanism-settings.yaml');
    assert.deepEqual(sectionIds(html.en), [...CHART_IDS, ...PLAIN, 'settings']);
    assertTitles(html, [['Pool settings in force', 'Geltende Einstellungen des Pools']]);
    const table = 'Period 3: Pool settings in force';
    assert.deepEqual(rowOf(html.en, table, 'Debit allowance (WH)'), [
      'Debit allowance (WH)',
      'pool.allowanceEffortMilli',
      '30.000',
    ]);
    assert.deepEqual(rowOf(html.en, table, 'Weighting of work'), [
      'Weighting of work',
      'pool.weighting',
      'flat',
    ]);
    assert.deepEqual(rowOf(html.en, table, 'Escalation step (factor)')[2], '0.250000');
    assert.deepEqual(rowOf(html.en, table, 'Lowest bid weight')[2], '0.100');
    assert.equal((html.en.match(/<caption>Period \d: Pool settings/g) ?? []).length, 1);
    const german = 'Periode 3: Geltende Einstellungen des Pools';
    assert.deepEqual(rowOf(html.de, german, 'Überziehungsrahmen (WH)')[2], '30,000');
  });

  test('mechanism-completion: reservations, the abandoned oven, the hour nobody took', () => {
    const html = htmlOf('mechanism-completion.yaml');
    assert.deepEqual(sectionIds(html.en), [
      ...CHART_IDS,
      'work',
      'goods-taken',
      'scarce-goods',
      'planning',
      'commitments',
      'effort-prices',
      'reservations',
      'means-written-off',
      'services-unused',
    ]);
    assertTitles(html, [
      ['Goods reserved until the work is done', 'Reservierte Güter bis zur erledigten Arbeit'],
      ['Means of production written off', 'Abgeschriebene Produktionsmittel'],
      ['Services offered and not taken', 'Angebotene, nicht genutzte Dienste'],
    ]);
    const reserved = (p: number) => `Period ${p}: Goods reserved until the work is done`;
    assert.deepEqual(rowOf(html.en, reserved(1), 'bo'), [
      'bo',
      'bike',
      '1',
      '1',
      '2',
      '1.000',
      'Reserved, waiting for the work',
      '–',
    ]);
    assert.equal(rowOf(html.en, reserved(2), 'ada')[6], 'Work done, taken next period');
    assert.deepEqual(rowOf(html.en, reserved(3), 'ada').slice(6), ['Taken', '2.000']);
    assert.deepEqual(rowOf(html.en, reserved(3), 'bo').slice(6), ['Lapsed, back to stock', '–']);
    assert.deepEqual(rowOf(html.en, 'Period 2: Means of production written off', 'shop'), [
      'shop',
      'oven',
      '12.000',
      '3.000',
      '9.000',
    ]);
    assert.deepEqual(rowOf(html.en, 'Period 4: Services offered and not taken', 'care'), [
      'care',
      '1',
      '1.000',
    ]);
    assert.deepEqual(
      rowOf(html.de, 'Periode 2: Abgeschriebene Produktionsmittel', 'shop').slice(2),
      ['12,000', '3,000', '9,000'],
    );
    assert.deepEqual(
      rowOf(html.de, 'Periode 3: Reservierte Güter bis zur erledigten Arbeit', 'ada').slice(6),
      ['Bezogen', '2,000'],
    );
  });
});
