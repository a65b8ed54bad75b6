// Proves `peerconomy serve` as a process: it imports a demo community on first start, prints
// its URL and demo sign-ins, answers over HTTP, and on SIGTERM finishes and exits 0; a second
// start finds the community imported and does not import it again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-serve-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the server, waits for its URL, runs `work` against it, stops it with SIGTERM. */
async function serving(
  work: (url: string) => Promise<void>,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'peerconomy.mjs'),
      'serve',
      '--port',
      '0',
      '--demo',
      join(ROOT, 'examples', 'mechanism-work-measures.yaml'),
      '--data-dir',
      dataDir,
    ],
    { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    out += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const found = out.match(/at (http:\/\/[\d.]+:\d+)\//);
      if (found !== null) {
        clearInterval(poll);
        resolve(found[1]!);
      }
    }, 50);
    exited.then(() => {
      clearInterval(poll);
      reject(new Error(`the server exited: ${out}`));
    });
  });
  try {
    await work(url);
  } finally {
    child.kill('SIGTERM');
  }
  return { code: await exited, out };
}

test('serve: a demo community over HTTP, stopped gracefully by SIGTERM', {
  timeout: 180_000,
}, async () => {
  const first = await serving(async (url) => {
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'member', password: 'peerconomy-demo' }),
    });
    assert.equal(signIn.status, 200);
    const journal = await fetch(`${url}/api/v1/pools/p/journal`);
    assert.equal(journal.status, 200, 'the demo community opens its books');
    assert.ok(((await journal.json()) as { items: unknown[] }).items.length > 0);
  });
  assert.equal(first.code, 0, first.out);
  assert.match(first.out, /importing mechanism-work-measures/);
  assert.match(first.out, /sign in as member \/ peerconomy-demo: member ada/);
  assert.match(first.out, /sign in as maintainer \/ peerconomy-demo: maintainer bo of bakery/);
  assert.match(first.out, /Peerconomy stopped; the database is closed\./);

  const second = await serving(async (url) => {
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
  });
  assert.equal(second.code, 0, second.out);
  assert.doesNotMatch(second.out, /importing/);
});
