// Proves that a PostgreSQL server stopping in the middle of `pool import` ends the client with
// one line on stderr and a non-zero exit (no unhandled 'error' event, no stack trace), and that
// the same import run again once the server is back finishes and the books verify.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { EXAMPLES } from '../scenario/support.ts';
import {
  type PostgresCluster,
  postgresUnavailableReason,
  startPostgresCluster,
} from '../support/postgres-cluster.ts';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'peerconomy.mjs');
const APPLICATION = 'peerconomy-stop-test';
const EXAMPLE = resolve(EXAMPLES, 'reference-4.11-association.yaml');

function peerconomy(databaseUrl: string, ...args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stdout, stderr })),
  );
  return { child, exit };
}

/** Waits until the client has a session that is running a statement. */
async function clientIsWorking(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let poll = 0; poll < 600; poll += 1) {
      const { rows } = await admin.query(
        "select count(*)::int as n from pg_stat_activity where application_name = $1 and query ilike '%economy%'",
        [APPLICATION],
      );
      if (rows[0].n > 0) return;
      await sleep(50);
    }
    assert.fail('the import never reached the database');
  } finally {
    await admin.end();
  }
}

const unavailable = postgresUnavailableReason();
describe('a PostgreSQL server that stops mid-import', { skip: unavailable }, () => {
  let cluster: PostgresCluster | undefined;
  after(() => cluster?.stop());

  test('ends the client with one line and a non-zero exit; the import resumes when run again', async () => {
    cluster = await startPostgresCluster();
    const databaseUrl = `${await cluster.createDatabase('stop_import')}?application_name=${APPLICATION}`;
    const first = peerconomy(databaseUrl, 'pool', 'import', EXAMPLE);
    await clientIsWorking(cluster.connectionString);
    await sleep(300);
    cluster.halt();
    const stopped = await first.exit;
    assert.notEqual(stopped.code, 0, stopped.stdout);
    const lines = stopped.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, stopped.stderr);
    assert.match(lines[0]!, /^peerconomy: .*\(storage\.database_unavailable\)$/);

    cluster.restart();
    const again = await peerconomy(databaseUrl, 'pool', 'import', EXAMPLE).exit;
    assert.equal(again.code, 0, again.stderr);
    const verified = await peerconomy(databaseUrl, 'db', 'verify').exit;
    assert.equal(verified.code, 0, verified.stderr + verified.stdout);
  });
});
