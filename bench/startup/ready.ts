// How soon `npm start` (`peerconomy` without arguments: the server with the neighbourhood demo)
// answers: from spawning the process to its first `/healthz` 200, and to the line saying the demo
// community is ready, on a first start in a fresh directory (which imports the demo) and on a
// second start there (which finds it imported). Each start is stopped with SIGTERM.
// Usage: npx tsx bench/startup/ready.ts [--runs=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { numberOption } from '../options.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'peerconomy.mjs');
const runs = numberOption('runs', 3);

interface Start {
  readonly readyMs: number;
  readonly demoMs: number;
  readonly imported: boolean;
}

async function start(cwd: string): Promise<Start> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN], {
    cwd,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  try {
    let url: string | undefined;
    while (url === undefined) {
      url = /at (http:\/\/[\d.]+:\d+)\//.exec(out)?.[1];
      if (child.exitCode !== null) throw new Error(`exited: ${out}`);
      await sleep(5);
    }
    while ((await fetch(`${url}/healthz`).catch(() => null))?.status !== 200) await sleep(5);
    const readyMs = performance.now() - started;
    while (!/sign in as steward/.test(out)) await sleep(20);
    return { readyMs, demoMs: performance.now() - started, imported: /importing/.test(out) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  }
}

console.log('| run | start | imported | /healthz 200 after ms | demo ready after ms |');
console.log('|---|---|---|---|---|');
for (let run = 1; run <= runs; run += 1) {
  const cwd = mkdtempSync(join(tmpdir(), 'peerconomy-ready-'));
  try {
    for (const which of ['first', 'second']) {
      const s = await start(cwd);
      console.log(
        `| ${run} | ${which} | ${s.imported} | ${Math.round(s.readyMs)} | ${Math.round(s.demoMs)} |`,
      );
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
