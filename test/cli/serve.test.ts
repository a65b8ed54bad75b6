// Proves `peerconomy serve` as a process: it answers as soon as it listens, imports a demo
// community in the meantime and prints its demo sign-ins, and on SIGTERM finishes and exits 0;
// a second start finds the community imported and does not import it again, and reads its
// open period's projection once in the background (a pool whose read fails is logged and the
// server serves on); after the file's periods the next one is open for bidding; a demo file
// that is not a scenario stops the server with one line and a non-zero exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { BIN, serving, signInStatus } from '../support/serving.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-serve-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const demo = (file: string) => ['serve', '--port', '0', '--demo', file, '--data-dir', dataDir];
const DEMO = join(ROOT, 'examples', 'mechanism-work-measures.yaml');

test('serve: a demo community over HTTP, stopped gracefully by SIGTERM', {
  timeout: 180_000,
}, async () => {
  const first = await serving(demo(DEMO), { waitFor: /sign in as coordinator/ }, async (url) => {
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    assert.equal(await signInStatus(url, 'member', 'peerconomy-demo'), 200);
    const journal = await fetch(`${url}/api/v1/pools/p/journal`);
    assert.equal(journal.status, 200, 'the demo community opens its books');
    assert.ok(((await journal.json()) as { items: unknown[] }).items.length > 0);
    const pool = (await (await fetch(`${url}/api/v1/pools/p`)).json()) as {
      periods: { period: number; stage: string }[];
    };
    assert.deepEqual(
      pool.periods.map((p) => `${p.period} ${p.stage}`),
      ['1 closed', '2 bidding'],
      "the file's period closed and the next one open for the demo member's bids",
    );
  });
  assert.equal(first.code, 0, first.out);
  assert.match(first.out, /importing mechanism-work-measures/);
  assert.match(first.out, /period 2 opened for bidding/);
  assert.match(first.out, /the demo community p is ready:/);
  assert.match(first.out, /sign in as member \/ peerconomy-demo: member ada/);
  assert.match(first.out, /sign in as maintainer \/ peerconomy-demo: maintainer bo of bakery/);
  assert.match(first.out, /Peerconomy stopped; the database is closed\./);

  const second = await serving(
    demo(DEMO),
    { waitFor: /projection warm-up done/, env: { LOG_LEVEL: 'info' } },
    async (url) => {
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
    },
  );
  assert.equal(second.code, 0, second.out);
  assert.doesNotMatch(second.out, /importing/);
  assert.match(
    second.out,
    /"read":1,"notOpen":0,"failed":0,"msg":"projection warm-up done"/,
    "the open period's projection of the pool is read once after the start",
  );

  // A pool whose projection cannot be read (an input that is not JSON any more): the warm-up
  // logs it and the server serves.
  const file = new BetterSqlite3(join(dataDir, 'peerconomy.sqlite'));
  file.prepare("update economy_inputs set record_json = 'not json' where pool_id = 'p'").run();
  file.close();
  const third = await serving(
    ['serve', '--port', '0', '--data-dir', dataDir],
    { waitFor: /projection warm-up done/, env: { LOG_LEVEL: 'info' } },
    async (url) => {
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
    },
  );
  assert.equal(third.code, 0, third.out);
  assert.match(third.out, /"poolId":"p".*"msg":"projection warm-up: the read failed"/);
  assert.match(third.out, /"read":0,"notOpen":0,"failed":1,"msg":"projection warm-up done"/);
});

test('serve: a demo file that is not a scenario stops the server with one line', () => {
  const bad = join(dataDir, 'bad.yaml');
  writeFileSync(bad, 'name: [unclosed\n');
  const run = spawnSync(process.execPath, [BIN, ...demo(bad)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  assert.notEqual(run.status, 0, run.stdout);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /bad\.yaml: .*\(scenario\.syntax\)/);
});

test('serve: a mail server without the public address members open is refused with one line', () => {
  const run = spawnSync(process.execPath, [BIN, 'serve', '--data-dir', join(dataDir, 'mail')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PEERCONOMY_SMTP_URL: 'smtp://127.0.0.1:25' },
    timeout: 120_000,
  });
  assert.notEqual(run.status, 0, run.stdout);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /PEERCONOMY_SMTP_URL needs PEERCONOMY_PUBLIC_URL/);
});
