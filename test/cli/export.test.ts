// Proves `peerconomy export` end to end on a SQLite data directory: a format to stdout exactly
// as the use case renders it, a file written whole, and refusals (unknown format, pool, person,
// a calendar without a person, no dates for the journal) as one line with exit code 1 and no
// file left behind.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EXAMPLES } from '../scenario/support.ts';
import { cli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-export-cli-'));
const dataDir = join(root, 'data');
after(() => rmSync(root, { recursive: true, force: true }));

before(async () => {
  const imported = await cli(
    'pool',
    'import',
    join(EXAMPLES, 'reference-4.9-month.yaml'),
    '--data-dir',
    dataDir,
  );
  assert.equal(imported.code, 0, imported.err.join('\n'));
});

const run = (...argv: string[]) => cli('export', ...argv, '--data-dir', dataDir);

test('a CSV export on stdout, CRLF line ends kept', async () => {
  const members = await run('csv-members', '--pool', 'village');
  assert.equal(members.code, 0, members.err.join('\n'));
  assert.equal(
    `${members.out.join('\n')}\n`,
    'personId,contributing,capacitySlots,capacityFactor,residence,dependent,memberFromPeriod,memberUntilPeriod,accountId,balanceWH\r\n' +
      'ana,true,1,1.000,,,1,,village.person.ana,-9.000\r\n' +
      'ben,true,1,1.000,,,1,,village.person.ben,7.000\r\n' +
      'cem,true,2,1.000,,,1,,village.person.cem,3.000\r\n',
  );
});

test('--out writes the file whole; the journal takes --first-period-date', async () => {
  const file = join(root, 'village.journal');
  const written = await run(
    'hledger',
    '--pool',
    'village',
    '--first-period-date',
    '2026-05-01',
    '--out',
    file,
  );
  assert.equal(written.code, 0, written.err.join('\n'));
  assert.deepEqual(written.out, []);
  const journal = readFileSync(file, 'utf8');
  assert.equal(journal.match(/^2026-05-01 \* /gm)?.length, 10);
  assert.equal(existsSync(`${file}.tmp`), false);
});

test('refusals are one line, exit code 1, and write nothing', async () => {
  const file = join(root, 'refused.txt');
  const cases: [string[], RegExp][] = [
    [['pdf', '--pool', 'village'], /the format must be one of csv-members, .*hledger, got "pdf"/],
    [['csv-work', '--pool', 'nowhere'], /no pool "nowhere" \(economy\.unknown_pool\)/],
    [
      ['ical', '--pool', 'village', '--person', 'zoe'],
      /has no person "zoe" \(export\.unknown_person\)/,
    ],
    [['ical', '--pool', 'village'], /name the person \(export\.person_required\)/],
    [
      ['csv-members', '--pool', 'village', '--person', 'ana'],
      /takes no person \(export\.person_required\)/,
    ],
    [
      ['hledger', '--pool', 'village'],
      /no dates: .* with --first-period-date \(export\.no_dates\)/,
    ],
    [
      ['hledger', '--pool', 'village', '--period-length', 'year'],
      /--period-length must be month or week/,
    ],
    [
      ['ical', '--pool', 'village', '--person', 'ana', '--now', 'soon'],
      /--now must be a date-time/,
    ],
  ];
  for (const [argv, message] of cases) {
    const refused = await run(...argv, '--out', file);
    assert.equal(refused.code, 1, argv.join(' '));
    assert.equal(refused.err.length, 1, refused.err.join('\n'));
    assert.match(refused.err[0]!, message);
    assert.equal(existsSync(file), false);
  }
});
