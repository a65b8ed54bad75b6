// Proves every export on the reference §4.9 month imported into a stored pool (in-memory SQLite),
// against output written by hand from the reference's numbers: Ana 16 WH of work and 25 WH of
// takings (−9), Ben 12 and 5 (+7), Cem 30 and 27 (+3), 2 kg of bread written off (1 WH); the
// calendars and journal dates from task starts given here in Berlin time, across the change to
// summer time; the JSON-LD expands and compacts back unchanged with every term in vf:.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import jsonld from 'jsonld';
import type { Kysely } from 'kysely';
import { createEconomyService } from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { type ExportRequest, exportPool } from '../../src/app/exports/export-pool.ts';
import { VF_NAMESPACE } from '../../src/app/exports/valueflows-context.ts';
import type { EconomyStore } from '../../src/app/ports/economy-store.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import { openInMemorySqliteStore, type SqliteStore } from '../../src/storage/sqlite.ts';
import { exampleVariant, loadText } from '../scenario/support.ts';

/** The month with times and places: the bake before, the garbage in the hour skipped by, the
 *  repair after the change to summer time (Berlin, 2026-03-29). */
const month = loadText(
  exampleVariant('reference-4.9-month.yaml')((s) => {
    s.timeZone = 'Europe/Berlin';
    const [bake, repair, , bikes] = s.periods[0].tasks;
    Object.assign(bake, { start: '2026-03-07T09:00', place: 'Mill Lane 4, back door; "yard"' });
    Object.assign(repair, { start: '2026-03-30T10:00' });
    Object.assign(bikes, { start: '2026-03-29T02:30', place: 'Depot' });
  }),
);

const lines = (...rows: string[]) => rows.map((row) => `${row}\r\n`).join('');

let store: SqliteStore;
let economyStore: EconomyStore;
const body = async (request: ExportRequest) => {
  const rendered = await exportPool(economyStore, 'village', request);
  assert.ok(rendered.ok, rendered.ok ? '' : rendered.error.detail);
  return rendered.value.body;
};

before(async () => {
  store = openInMemorySqliteStore();
  await migrateToLatest(store.db as Kysely<unknown>);
  economyStore = createKyselyEconomyStore(store.db, 'sqlite');
  const imported = await importScenario(createEconomyService(economyStore), month);
  assert.ok(imported.ok, imported.ok ? '' : imported.error.detail);
});
after(() => store.close());

describe('CSV exports of the §4.9 month', () => {
  test('members with their balances', async () => {
    assert.equal(
      await body({ format: 'csv-members' }),
      lines(
        'personId,contributing,capacitySlots,capacityFactor,residence,dependent,memberFromPeriod,memberUntilPeriod,accountId,balanceWH',
        'ana,true,1,1.000,,,1,,village.person.ana,-9.000',
        'ben,true,1,1.000,,,1,,village.person.ben,7.000',
        'cem,true,2,1.000,,,1,,village.person.cem,3.000',
      ),
    );
  });

  test('statements: opening, credits, debits by reason, closing', async () => {
    assert.equal(
      await body({ format: 'csv-statements' }),
      lines(
        'period,personId,openingWH,creditsWH,debitsWH,closingWH,status,debitsWH:take.goods',
        '1,ana,0.000,16.000,25.000,-9.000,ok,25.000',
        '1,ben,0.000,12.000,5.000,7.000,ok,5.000',
        '1,cem,0.000,30.000,27.000,3.000,ok,27.000',
      ),
    );
  });

  test('work records with weight and credit', async () => {
    assert.equal(
      await body({ format: 'csv-work' }),
      lines(
        'period,recordId,personId,instanceId,projectId,templateId,minutes,unitsDone,creditedMinutes,confirmedBy,state,weight,creditWH',
        '1,ana-bake,ana,bake,bakery,baking,1200,,1200,ben,credited,0.800,16.000',
        '1,ben-repair,ben,repair,bike-shop,bike-building,600,,600,ana,credited,1.200,12.000',
        '1,cem-garbage-bakery,cem,garbage-bakery,bakery,garbage,120,,120,ben,credited,2.000,4.000',
        '1,cem-garbage-bikes,cem,garbage-bikes,bike-shop,garbage,780,,780,ana,credited,2.000,26.000',
      ),
    );
  });

  test('transfers in journal order: the work credits, then the settlement batch', async () => {
    const row = (
      i: number,
      id: string,
      code: string,
      debit: string,
      credit: string,
      wh: string,
      ref: string,
    ) => `${i},${id},1,posted,${code},village.${debit},village.${credit},${wh},WH,${ref},false,`;
    assert.equal(
      await body({ format: 'csv-transfers' }),
      lines(
        'journalIndex,transferId,period,state,code,debitAccountId,creditAccountId,amount,unit,reference,basicNeeds,reversalOf',
        row(
          0,
          'p1.work.ana-bake',
          'work.credit',
          'project.bakery',
          'person.ana',
          '16.000',
          'ana-bake',
        ),
        row(
          1,
          'p1.work.ben-repair',
          'work.credit',
          'project.bike-shop',
          'person.ben',
          '12.000',
          'ben-repair',
        ),
        row(
          2,
          'p1.work.cem-garbage-bakery',
          'work.credit',
          'project.bakery',
          'person.cem',
          '4.000',
          'cem-garbage-bakery',
        ),
        row(
          3,
          'p1.work.cem-garbage-bikes',
          'work.credit',
          'project.bike-shop',
          'person.cem',
          '26.000',
          'cem-garbage-bikes',
        ),
        row(
          4,
          'p1.settle.000000',
          'take.goods',
          'person.ana',
          'project.bike-shop',
          '19.000',
          'bike',
        ),
        row(
          5,
          'p1.settle.000001',
          'take.goods',
          'person.cem',
          'project.bike-shop',
          '19.000',
          'bike',
        ),
        row(
          6,
          'p1.settle.000002',
          'take.goods',
          'person.ana',
          'project.bakery',
          '6.000',
          'bread-kg',
        ),
        row(
          7,
          'p1.settle.000003',
          'take.goods',
          'person.ben',
          'project.bakery',
          '5.000',
          'bread-kg',
        ),
        row(
          8,
          'p1.settle.000004',
          'take.goods',
          'person.cem',
          'project.bakery',
          '8.000',
          'bread-kg',
        ),
        row(
          9,
          'p1.settle.000005',
          'adjustment.writeOff',
          'adjustment',
          'project.bakery',
          '1.000',
          '',
        ),
      ),
    );
  });
});

describe('hledger journal of the §4.9 month', () => {
  const transaction = (
    id: string,
    code: string,
    tags: string,
    debit: string,
    credit: string,
    wh: string,
  ) => [
    '',
    `2026-03-01 * (${id}) ${code}  ; period:1${tags}`,
    `    ${debit.padEnd(56 - wh.length - 3)}${wh} WH`,
    `    ${credit.padEnd(56 - wh.length - 4)}-${wh} WH`,
  ];
  const expected = [
    '; Peerconomy pool village: every posted transfer of its ledger, in journal order.',
    '; Amounts are exact (WH to the milli-WH, money to the cent). A debit is positive and a',
    '; credit negative, so a member who contributed more than they took has a negative balance.',
    '',
    'commodity 1000.000 WH',
    '',
    ...[
      'adjustment',
      'person:ana',
      'person:ben',
      'person:cem',
      'pool',
      'premium',
      'project:bakery',
      'project:bike-shop',
      'redistribution',
    ].map((a) => `account ${a}`),
    ...transaction(
      'p1.work.ana-bake',
      'work.credit',
      ', reference:ana-bake',
      'project:bakery',
      'person:ana',
      '16.000',
    ),
    ...transaction(
      'p1.work.ben-repair',
      'work.credit',
      ', reference:ben-repair',
      'project:bike-shop',
      'person:ben',
      '12.000',
    ),
    ...transaction(
      'p1.work.cem-garbage-bakery',
      'work.credit',
      ', reference:cem-garbage-bakery',
      'project:bakery',
      'person:cem',
      '4.000',
    ),
    ...transaction(
      'p1.work.cem-garbage-bikes',
      'work.credit',
      ', reference:cem-garbage-bikes',
      'project:bike-shop',
      'person:cem',
      '26.000',
    ),
    ...transaction(
      'p1.settle.000000',
      'take.goods',
      ', reference:bike',
      'person:ana',
      'project:bike-shop',
      '19.000',
    ),
    ...transaction(
      'p1.settle.000001',
      'take.goods',
      ', reference:bike',
      'person:cem',
      'project:bike-shop',
      '19.000',
    ),
    ...transaction(
      'p1.settle.000002',
      'take.goods',
      ', reference:bread-kg',
      'person:ana',
      'project:bakery',
      '6.000',
    ),
    ...transaction(
      'p1.settle.000003',
      'take.goods',
      ', reference:bread-kg',
      'person:ben',
      'project:bakery',
      '5.000',
    ),
    ...transaction(
      'p1.settle.000004',
      'take.goods',
      ', reference:bread-kg',
      'person:cem',
      'project:bakery',
      '8.000',
    ),
    ...transaction(
      'p1.settle.000005',
      'adjustment.writeOff',
      '',
      'adjustment',
      'project:bakery',
      '1.000',
    ),
  ];

  test('every posted transfer, dated by the month of period 1’s first task start', async () => {
    assert.equal(await body({ format: 'hledger' }), `${expected.join('\n')}\n`);
  });

  test('a first period date given moves every date; a bad one is refused', async () => {
    const given = await body({
      format: 'hledger',
      firstPeriodDate: '2025-12-15',
      periodLength: 'week',
    });
    assert.equal(given.match(/^2025-12-15 \*/gm)?.length, 10);
    const bad = await exportPool(economyStore, 'village', {
      format: 'hledger',
      firstPeriodDate: '2025-13-01',
    });
    assert.equal(bad.ok ? '' : bad.error.code, 'export.bad_date');
  });

  const hledger = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
  test('hledger accepts the journal strictly and its balances are the ledger’s', {
    skip: hledger.status !== 0 ? 'hledger is not installed' : false,
  }, async () => {
    const journal = await body({ format: 'hledger' });
    const check = spawnSync('hledger', ['-f', '-', 'check', '--strict'], {
      input: journal,
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, check.stderr);
    const balance = spawnSync('hledger', ['-f', '-', 'balance', '--flat', '--no-total', 'person'], {
      input: journal,
      encoding: 'utf8',
    });
    assert.equal(balance.status, 0, balance.stderr);
    // hledger counts debits positive: Ana's −9 WH balance shows as 9 WH owed to the pool.
    assert.deepEqual(
      balance.stdout
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/).join(' ')),
      ['9.000 WH person:ana', '-7.000 WH person:ben', '-3.000 WH person:cem'],
    );
  });
});

describe('iCalendar feeds of the §4.9 month', () => {
  const now = new Date('2026-03-15T12:00:00Z');
  const feed = (personId: string, at = now) => body({ format: 'ical', personId, now: at });
  const calendar = (personId: string, ...events: string[][]) =>
    lines(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Peerconomy//task slots//EN',
      `NAME:village: ${personId}`,
      `X-WR-CALNAME:village: ${personId}`,
      ...events.flat(),
      'END:VCALENDAR',
    ).replace(/\r\n$/, '');

  test('Ana’s bake: 09:00 Berlin winter time is 08:00Z, twenty hours long, its place escaped', async () => {
    assert.equal(
      await feed('ana'),
      calendar('ana', [
        'BEGIN:VEVENT',
        'UID:village.bake.ana@peerconomy',
        'SEQUENCE:0',
        'DTSTAMP:20260315T120000Z',
        'DTSTART:20260307T080000Z',
        'DTEND:20260308T040000Z',
        'SUMMARY:baking (bakery)',
        'LOCATION:Mill Lane 4\\, back door\\; "yard"',
        'DESCRIPTION:Period 1\\, task bake: one slot of 1200 minutes.',
        'END:VEVENT',
      ]),
    );
  });

  test('Cem’s slot in the skipped hour starts 01:30Z; his slot without a start is left out', async () => {
    assert.equal(
      await feed('cem'),
      calendar('cem', [
        'BEGIN:VEVENT',
        'UID:village.garbage-bikes.cem@peerconomy',
        'SEQUENCE:0',
        'DTSTAMP:20260315T120000Z',
        'DTSTART:20260329T013000Z',
        'DTEND:20260329T143000Z',
        'SUMMARY:garbage (bike-shop)',
        'LOCATION:Depot',
        'DESCRIPTION:Period 1\\, task garbage-bikes: one slot of 780 minutes.',
        'END:VEVENT',
      ]),
    );
  });

  test('the window: four weeks back, twelve ahead', async () => {
    // Ben's repair: 2026-03-30 08:00Z–18:00Z (summer time).
    assert.match(await feed('ben', new Date('2026-04-27T17:59:00Z')), /DTSTART:20260330T080000Z/);
    assert.doesNotMatch(await feed('ben', new Date('2026-04-27T18:01:00Z')), /VEVENT/);
    assert.match(await feed('ben', new Date('2026-01-06T08:01:00Z')), /VEVENT/);
    assert.doesNotMatch(await feed('ben', new Date('2026-01-05T07:59:00Z')), /VEVENT/);
  });

  test('a person the pool does not have, or a calendar without a person, is refused', async () => {
    const unknown = await exportPool(economyStore, 'village', {
      format: 'ical',
      personId: 'zoe',
      now,
    });
    assert.equal(unknown.ok ? '' : unknown.error.code, 'export.unknown_person');
    const nobody = await exportPool(economyStore, 'village', { format: 'ical' });
    assert.equal(nobody.ok ? '' : nobody.error.code, 'export.person_required');
    const noPool = await exportPool(economyStore, 'nowhere', { format: 'csv-members' });
    assert.equal(noPool.ok ? '' : noPool.error.code, 'economy.unknown_pool');
  });
});

describe('ValueFlows JSON-LD of the §4.9 month', () => {
  const offline = async (url: string) => {
    throw new Error(`no network: ${url}`);
  };
  const urn = (kind: string, id: string) => `urn:peerconomy:village:${kind}:${id}`;

  test('work and takings as economic events, written as the mapping says', async () => {
    const document = JSON.parse(await body({ format: 'valueflows' }));
    const graph = document['@graph'] as { '@id': string; '@type': string }[];
    const byId = new Map(graph.map((node) => [node['@id'], node]));
    assert.deepEqual(byId.get(urn('work-record', 'ana-bake')), {
      '@id': urn('work-record', 'ana-bake'),
      '@type': 'EconomicEvent',
      action: 'work',
      provider: urn('person', 'ana'),
      receiver: urn('project', 'bakery'),
      inputOf: urn('task', 'bake'),
      resourceConformsTo: urn('work', 'baking'),
      effortQuantity: {
        '@type': 'Measure',
        hasNumericalValue: 1200,
        hasUnit: urn('unit', 'minute'),
      },
      note: 'period 1: credited 16.000 WH at weight 0.800',
    });
    assert.deepEqual(byId.get(urn('taking', '1.bike.ana')), {
      '@id': urn('taking', '1.bike.ana'),
      '@type': 'EconomicEvent',
      action: 'transferCustody',
      provider: urn('project', 'bike-shop'),
      receiver: urn('person', 'ana'),
      resourceConformsTo: urn('product', 'bike'),
      resourceQuantity: { '@type': 'Measure', hasNumericalValue: 1, hasUnit: urn('unit', 'one') },
      note: 'period 1: 19.000 WH at the posted price, premium 0.000 WH',
    });
    assert.deepEqual(byId.get(urn('task', 'bake')), {
      '@id': urn('task', 'bake'),
      '@type': 'Process',
      name: 'bake',
      inScopeOf: urn('project', 'bakery'),
      note: 'period 1: 1 slots of 1200 minutes of baking',
      hasBeginning: '2026-03-07T08:00:00.000Z',
      hasEnd: '2026-03-08T04:00:00.000Z',
    });
    assert.equal(byId.get(urn('person', 'cem'))?.['@type'], 'Person');
    assert.equal(byId.get(urn('project', 'bakery'))?.['@type'], 'Organization');
    const events = document['@graph'].filter(
      (n: { '@type': string }) => n['@type'] === 'EconomicEvent',
    );
    assert.equal(events.length, 4 + 5, 'four credited work records, five takings');
  });

  test('expands with no network, every term in vf:, and compacts back unchanged', async () => {
    const document = JSON.parse(await body({ format: 'valueflows' }));
    // biome-ignore lint/suspicious/noExplicitAny: jsonld's loader type is looser than ours
    const options = { documentLoader: offline as any };
    const expanded = await jsonld.expand(document, options);
    const outside = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) walk(item);
        return;
      }
      if (value === null || typeof value !== 'object') return;
      for (const [key, inner] of Object.entries(value)) {
        if (!key.startsWith('@') && !key.startsWith(VF_NAMESPACE)) outside.add(key);
        if (key === '@type') {
          for (const type of [inner].flat() as string[]) {
            if (
              !type.startsWith(VF_NAMESPACE) &&
              type !== 'http://www.w3.org/2001/XMLSchema#dateTimeStamp' &&
              type !== 'http://www.w3.org/2001/XMLSchema#anyURI'
            )
              outside.add(type);
          }
        }
        walk(inner);
      }
    };
    walk(expanded);
    assert.deepEqual([...outside], []);
    const actions = JSON.stringify(expanded).match(/"@id":"[^"]*#(work|transferCustody)"/g) ?? [];
    assert.ok(actions.every((a) => a.includes(VF_NAMESPACE)) && actions.length === 9);
    const compacted = await jsonld.compact(expanded, document['@context'], options);
    assert.deepEqual(compacted, document);
  });
});
