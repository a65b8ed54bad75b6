// Proves the exports on the neighbourhood stored through the cycle (two months closed, the
// third cleared with its work recorded, not settled): statements add up for every member, the
// CSV files are rectangular, hledger accepts the journal and sums it to zero, a member's
// calendar holds their slots of the closed and the cleared months within its window, and the
// JSON-LD survives a round trip.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import jsonld from 'jsonld';
import type { Kysely } from 'kysely';
import { createEconomyService } from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { renderExport } from '../../src/app/exports/export-pool.ts';
import type { PoolExportData } from '../../src/app/exports/pool-data.ts';
import { readPoolForExport } from '../../src/app/exports/read-pool.ts';
import { disassembleScenario, type PeriodKind, stagesTaking } from '../../src/core/cycle/inputs.ts';
import type { PeriodStage } from '../../src/core/cycle/stages.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import { openInMemorySqliteStore, type SqliteStore } from '../../src/storage/sqlite.ts';
import { loadExample } from '../scenario/support.ts';

let store: SqliteStore;
let data: PoolExportData;

before(async () => {
  store = openInMemorySqliteStore();
  await migrateToLatest(store.db as Kysely<unknown>);
  const economyStore = createKyselyEconomyStore(store.db, 'sqlite');
  const economy = createEconomyService(economyStore);
  const scenario = loadExample('neighbourhood.yaml');
  const imported = await importScenario(economy, scenario, { periods: 2 });
  assert.ok(imported.ok, imported.ok ? '' : imported.error.detail);
  // Month 3 up to its clearing: tasks while planning, bids while bidding, work once cleared.
  const third = disassembleScenario(scenario).inputs.filter((input) => input.period === 3);
  for (const stage of ['planning', 'bidding', 'cleared'] as PeriodStage[]) {
    const stepped = await economy.advance(scenario.pool.id, `t:${stage}`, { period: 3, stage });
    assert.ok(stepped.ok, stepped.ok ? '' : stepped.error.detail);
    const given = third.filter((input) => stagesTaking(input.kind as PeriodKind)[0] === stage);
    if (given.length === 0) continue;
    const submitted = await economy.submitInputs(scenario.pool.id, `t:${stage}:in`, given);
    assert.ok(submitted.ok, submitted.ok ? '' : submitted.error.detail);
  }
  const read = await readPoolForExport(economyStore, scenario.pool.id);
  assert.ok(read.ok);
  data = read.value;
});
after(() => store.close());

const render = (request: Parameters<typeof renderExport>[1]) => {
  const rendered = renderExport(data, request);
  assert.ok(rendered.ok, rendered.ok ? '' : rendered.error.detail);
  return rendered.value.body;
};
/** The neighbourhood's ids and amounts hold no comma or quote, so a row splits at commas. */
const rows = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
const milli = (wh: string) => Math.round(Number(wh) * 1000);

test('every member’s statement adds up, month by month, with the debits by reason', () => {
  const [header, ...body] = rows(render({ format: 'csv-statements' }));
  assert.equal(body.length, 120 * 2);
  const at = (name: string) => header!.indexOf(name);
  const reasons = header!.flatMap((name, i) => (name.startsWith('debitsWH:') ? [i] : []));
  assert.ok(reasons.length >= 5, header!.join(','));
  for (const row of body) {
    const [opening, credits, debits, closing] = [
      'openingWH',
      'creditsWH',
      'debitsWH',
      'closingWH',
    ].map((n) => milli(row[at(n)]!));
    assert.equal(opening! + credits! - debits!, closing, row.join(','));
    assert.equal(
      reasons.reduce((sum, i) => sum + milli(row[i]!), 0),
      debits,
      row.join(','),
    );
  }
  // Month 2 opens where month 1 closed.
  const a001 = body.filter((row) => row[1] === 'a001');
  assert.equal(a001[1]![at('openingWH')], a001[0]![at('closingWH')]);
});

test('the CSV files are rectangular; the unconfirmed errand and the open month are not credited', () => {
  for (const format of ['csv-members', 'csv-transfers', 'csv-work'] as const) {
    const [header, ...body] = rows(render({ format }));
    assert.ok(body.length > 0, format);
    for (const row of body) assert.equal(row.length, header!.length, `${format}: ${row.join(',')}`);
  }
  assert.equal(rows(render({ format: 'csv-members' })).length, 121);
  const work = rows(render({ format: 'csv-work' }));
  const errand = work.find((row) => row[1] === 'errands-north-01-a008');
  assert.deepEqual(errand?.slice(10), ['unconfirmed', '', '0.000']);
  // Month 3's work is recorded but the month is not settled: nothing credited yet.
  const open = work.filter((row) => row[0] === '3');
  assert.ok(open.length > 0);
  for (const row of open) assert.deepEqual(row.slice(10), ['open', '', ''], row.join(','));
});

const hledger = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
test('hledger accepts the journal and it sums to zero', {
  skip: hledger.status !== 0 ? 'hledger is not installed' : false,
}, () => {
  const journal = render({ format: 'hledger' });
  assert.match(journal, /^2026-02-01 \* /m, 'month 2 is dated February');
  const check = spawnSync('hledger', ['-f', '-', 'check', '--strict'], {
    input: journal,
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, check.stderr);
  const total = spawnSync('hledger', ['-f', '-', 'balance', '--flat'], {
    input: journal,
    encoding: 'utf8',
  });
  assert.equal(total.stdout.trim().split('\n').at(-1)?.trim(), '0');
});

test('a member’s calendar: the closed and the cleared months’ slots within the window', () => {
  const feed = render({ format: 'ical', personId: 'a001', now: new Date('2026-02-20T12:00:00Z') });
  // a001 holds a care shift every month (the 1st, 08:00 Berlin) and month 1's maintenance
  // (20 January, before the window opens on 23 January).
  assert.deepEqual(feed.match(/^UID:.*$/gm), [
    'UID:riverside-pool.care-shift-02.a001@peerconomy',
    'UID:riverside-pool.care-shift-03.a001@peerconomy',
  ]);
  assert.match(feed, /DTSTART:20260301T070000Z\r\nDTEND:20260301T170000Z/);
  assert.match(feed, /LOCATION:Care coop\\, Elm House/);
});

test('the ValueFlows document expands offline and compacts back unchanged', async () => {
  const document = JSON.parse(render({ format: 'valueflows' }));
  const offline = async (url: string) => {
    throw new Error(`no network: ${url}`);
  };
  // biome-ignore lint/suspicious/noExplicitAny: jsonld's loader type is looser than ours
  const options = { documentLoader: offline as any };
  const expanded = await jsonld.expand(document, options);
  assert.deepEqual(await jsonld.compact(expanded, document['@context'], options), document);
  const graph = document['@graph'] as { '@type': string }[];
  assert.ok(graph.filter((n) => n['@type'] === 'EconomicEvent').length > 200);
});
