// Proves that malformed scenario files are refused with one line naming the path and the
// problem, by the loader and by the command line, which then exits non-zero and writes nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { runCli } from '../../src/cli/program.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { EXAMPLES } from './support.ts';

const base = parse(readFileSync(join(EXAMPLES, 'reference-4.9-month.yaml'), 'utf8'));
// biome-ignore lint/suspicious/noExplicitAny: tests edit the parsed YAML freely
const variant = (edit: (s: any) => void) => {
  const copy = structuredClone(base);
  edit(copy);
  return stringify(copy);
};
const detailOf = (text: string, name = 'x.yaml') => {
  const r = parseScenarioText(text, name);
  assert.equal(r.ok, false);
  return r.ok ? '' : `${r.error.code} ${r.error.detail}`;
};

describe('the loader names the path and the problem', () => {
  test('a bid below the pool minimum weight', () => {
    const text = variant((s) => {
      s.periods[0].bids[2].weightMilli = 50;
    });
    assert.equal(
      detailOf(text),
      'scenario.invalid x.yaml: periods[0].bids[2].weightMilli: must be ≥ 100',
    );
  });
  test('a non-integer amount', () => {
    const text = variant((s) => {
      s.products[1].unitPriceEffortMilli = 19.5;
    });
    assert.equal(
      detailOf(text),
      'scenario.invalid x.yaml: products[1].unitPriceEffortMilli: must be an integer',
    );
  });
  test('an unknown field', () => {
    const text = variant((s) => {
      s.persons[0].age = 40;
    });
    assert.equal(detailOf(text), 'scenario.invalid x.yaml: persons[0]: unknown field "age"');
  });
  test('a missing field and a bad enum', () => {
    assert.equal(
      detailOf(variant((s) => delete s.pool.id)),
      'scenario.invalid x.yaml: pool.id: is required',
    );
    assert.equal(
      detailOf(variant((s) => (s.pool.market = { clearingRule: 'median' }))),
      'scenario.invalid x.yaml: pool.market.clearingRule: must be one of "lowest", "highest"',
    );
  });
  test('an unknown reference and a duplicate id', () => {
    assert.equal(
      detailOf(variant((s) => (s.periods[0].work[1].personId = 'zoe'))),
      'scenario.unknown_reference x.yaml: periods[0].work[1].personId: unknown person "zoe"',
    );
    assert.equal(
      detailOf(variant((s) => (s.projects[0].namedConfirmers = ['ana', 'zoe']))),
      'scenario.unknown_reference x.yaml: projects[0].namedConfirmers[1]: unknown person "zoe"',
    );
    assert.equal(
      detailOf(variant((s) => (s.persons[2].id = 'ana'))),
      'scenario.duplicate_id x.yaml: persons[2]: "ana" appears twice',
    );
  });
  test('broken YAML and broken JSON', () => {
    assert.match(detailOf('name: [unclosed'), /^scenario\.syntax x\.yaml: /);
    assert.match(detailOf('{"name": ', 'x.json'), /^scenario\.syntax x\.json: /);
  });
});

describe('the command line', () => {
  const root = mkdtempSync(join(tmpdir(), 'peerconomy-scenario-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      openDatabase,
      env: {},
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err };
  };

  test('bad input: one line on stderr, exit 1, nothing written', async () => {
    const file = join(root, 'bad.yaml');
    writeFileSync(
      file,
      variant((s) => (s.periods[0].bids[0].weightMilli = 0)),
    );
    const outDir = join(root, 'out-bad');
    const result = await cli('simulate', file, '--out', outDir);
    assert.equal(result.code, 1);
    assert.deepEqual(result.out, []);
    assert.deepEqual(result.err, [
      `peerconomy: ${file}: periods[0].bids[0].weightMilli: must be ≥ 1 (and 1 more) (scenario.invalid)`,
    ]);
    assert.equal(existsSync(outDir), false);
  });

  test('a run stopped by a rule: summary and report say why, exit 1', async () => {
    const file = join(root, 'self-confirmed.yaml');
    writeFileSync(
      file,
      variant((s) => (s.periods[0].work[0].confirmedBy = 'ana')),
    );
    const outDir = join(root, 'out-stopped');
    const result = await cli('simulate', file, '--out', outDir);
    assert.equal(result.code, 1);
    assert.deepEqual(result.err, [
      'peerconomy: scenario stopped in period 1: work.self_confirmation: work ana-bake: nobody confirms their own work record',
    ]);
    const report = JSON.parse(readFileSync(join(outDir, 'reference-4.9-month.json'), 'utf8'));
    assert.deepEqual(report.stop, {
      period: 1,
      invariant: null,
      code: 'work.self_confirmation',
      detail: 'work ana-bake: nobody confirms their own work record',
    });
    assert.equal(report.periodsRun, 0);
  });

  test('validate, simulate --out and explain on the §4.9 example', async () => {
    const file = join(EXAMPLES, 'reference-4.9-month.yaml');
    const valid = await cli('validate', file);
    assert.equal(valid.code, 0);
    assert.match(
      valid.out[0]!,
      /ok \(reference-4\.9-month: 3 persons, 2 projects, 2 products, 1 periods\)/,
    );
    const outDir = join(root, 'out');
    const simulated = await cli('simulate', file, '--out', outDir);
    assert.equal(simulated.code, 0);
    const report = JSON.parse(readFileSync(join(outDir, 'reference-4.9-month.json'), 'utf8'));
    assert.equal(report.periods[0].nextPriceFactorPpm, 1_017_544);
    const explained = await cli('explain', file, '--period', '1', '--person', 'cem');
    assert.equal(explained.code, 0);
    assert.deepEqual(explained.out, [
      'cem in period 1 (account village.person.cem, ok)',
      '  opening balance 0.000 WH',
      '  work cem-garbage-bakery on garbage-bakery: 120 min × 2.000 = 4.000 WH',
      '  work cem-garbage-bikes on garbage-bikes: 780 min × 2.000 = 26.000 WH',
      '  took 1 × bike at 19.000 WH posted',
      '  took 16 × bread-kg at 8.000 WH posted',
      '  p1.work.cem-garbage-bakery  +4.000 WH  work.credit [cem-garbage-bakery]  from village.project.bakery',
      '  p1.work.cem-garbage-bikes  +26.000 WH  work.credit [cem-garbage-bikes]  from village.project.bike-shop',
      '  p1.settle.000001  -19.000 WH  take.goods [bike]  to village.project.bike-shop',
      '  p1.settle.000004  -8.000 WH  take.goods [bread-kg]  to village.project.bakery',
      '  closing balance 3.000 WH',
    ]);
    const missing = await cli('explain', file, '--period', '3', '--person', 'cem');
    assert.equal(missing.code, 1);
    assert.deepEqual(missing.err, ['peerconomy: period 3 was not run (the run has 1 period)']);
  });
});
