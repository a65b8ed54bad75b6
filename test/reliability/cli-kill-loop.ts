// The kill loop over `db migrate`, `db backup` and `db restore` (issue 13): each run is a real
// process SIGKILLed at a seeded random moment of its work, and after each kill the data
// directory either works or is refused with one clear line, never stuck:
// - migrate on a new directory: migrating again succeeds and the directory verifies;
// - backup of a stored pool: the source still verifies, and the backup file is either absent or
//   complete (byte for byte the reference backup), never a cut file under the chosen name;
// - restore into a new directory: the target is either empty or holds the whole backup, and it
//   verifies; restoring again into an empty one succeeds.
// Shared by the suite (a few dozen kills) and bench/crash (hundreds).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';
import { rowCounts } from '../support/backup-files.ts';
import { childModuleArgs } from '../support/child-module.ts';
import { type CliRun, cli } from '../support/cli.ts';

const WORKER = childModuleArgs(import.meta.url, './cli-worker.ts');
/** A command that neither ends nor gets killed by then (loading included) is stuck. */
const STUCK_MS = 180_000;

export type KilledCommand = 'migrate' | 'backup' | 'restore';

interface WorkerRun {
  readonly killed: boolean;
  readonly code: number | null;
  readonly stderr: string;
  readonly signal: string | null;
  /** From `ready` to the end, in ms. */
  readonly workMs: number;
}

/** Runs `peerconomy <args>` in its own process; kills it `killAfterMs` after it is ready. */
function runKilled(args: readonly string[], killAfterMs: number | null): Promise<WorkerRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...WORKER, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    let killed = false;
    let readyAt = 0;
    let stderr = '';
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) killed = child.kill('SIGKILL');
    };
    const guard = setTimeout(kill, STUCK_MS);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (readyAt === 0 && chunk.startsWith('ready')) {
        readyAt = performance.now();
        if (killAfterMs !== null) setTimeout(kill, killAfterMs);
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      done({
        killed: killed && signal === 'SIGKILL',
        code,
        stderr,
        signal,
        workMs: readyAt === 0 ? 0 : performance.now() - readyAt,
      });
    });
  });
}

/** A command's answer after a kill: success, or one line that says what is wrong. */
function worksOrRefusesClearly(run: CliRun, what: string): boolean {
  if (run.code === 0) return true;
  assert.equal(run.err.length, 1, `${what}: ${run.err.join('\n')}`);
  assert.match(run.err[0]!, /^peerconomy: .*\(\w+\.\w+\)$|^peerconomy: /, `${what}: ${run.err[0]}`);
  assert.doesNotMatch(run.err[0]!, /\n\s+at /, `${what}: a stack trace`);
  return false;
}

export interface KillLoopOptions {
  readonly command: KilledCommand;
  readonly kills: number;
  readonly seed: number;
  /** A scratch directory for the loop's data directories and files. */
  readonly root: string;
  /** A data directory holding a stored pool, and its backup (for backup and restore). */
  readonly source: string;
  readonly reference: string;
  readonly note: (message: string) => void;
}

export interface KillLoopReport {
  readonly killed: number;
  /** Runs that finished before the kill landed. */
  readonly finished: number;
  /** After the kill: outcomes seen (e.g. `restored whole`, `left empty`). */
  readonly outcomes: Readonly<Record<string, number>>;
}

const argsOf = (options: KillLoopOptions, i: number): { args: string[]; target: string } => {
  const target = join(options.root, `${options.command}-${i}`);
  switch (options.command) {
    case 'migrate':
      return { args: ['db', 'migrate', '--data-dir', target], target };
    case 'backup':
      return { args: ['db', 'backup', `${target}.jsonl`, '--data-dir', options.source], target };
    case 'restore':
      return { args: ['db', 'restore', options.reference, '--data-dir', target], target };
  }
};

/** Checks the directory a killed command left; returns the outcome's name. */
async function checkAfterKill(options: KillLoopOptions, target: string): Promise<string> {
  const reference = readFileSync(options.reference, 'utf8');
  if (options.command === 'migrate') {
    const again = await cli('db', 'migrate', '--data-dir', target);
    assert.ok(worksOrRefusesClearly(again, 'migrate after a kill'), again.err.join('\n'));
    const verified = await cli('db', 'verify', '--data-dir', target);
    assert.equal(verified.code, 0, verified.err.join('\n'));
    return 'migrates again';
  }
  if (options.command === 'backup') {
    const verified = await cli('db', 'verify', '--data-dir', options.source);
    assert.equal(verified.code, 0, verified.err.join('\n'));
    const file = `${target}.jsonl`;
    if (!existsSync(file)) return 'no backup file';
    assert.equal(readFileSync(file, 'utf8'), reference, 'a backup file that is not complete');
    return 'complete backup';
  }
  const counts = Object.values(await rowCounts({ dataDir: target }));
  const verified = await cli('db', 'verify', '--data-dir', target);
  assert.ok(worksOrRefusesClearly(verified, 'verify after a killed restore'));
  assert.equal(verified.code, 0, verified.err.join('\n'));
  if (counts.every((n) => n === 0)) {
    const again = await cli('db', 'restore', options.reference, '--data-dir', target);
    assert.equal(again.code, 0, again.err.join('\n'));
    return 'left empty, restored again';
  }
  const copy = `${target}-check.jsonl`;
  assert.equal((await cli('db', 'backup', copy, '--data-dir', target)).code, 0);
  assert.equal(readFileSync(copy, 'utf8'), reference, 'a restore that is neither empty nor whole');
  return 'restored whole';
}

export async function killLoop(options: KillLoopOptions): Promise<KillLoopReport> {
  const random = mulberry32(options.seed);
  // One run without a kill measures how long the command works once loaded.
  const probe = argsOf(options, 0);
  const timed = await runKilled(probe.args, null);
  assert.equal(timed.code, 0, `${timed.signal ?? ''} ${timed.stderr}`);
  const windowMs = Math.max(20, Math.ceil(timed.workMs * 1.1));
  options.note(
    `${options.command}: works ${timed.workMs.toFixed(0)} ms once loaded; kills drawn in 0–${windowMs} ms`,
  );
  const outcomes: Record<string, number> = {};
  let killed = 0;
  let finished = 0;
  for (let i = 1; i <= options.kills; i += 1) {
    const { args, target } = argsOf(options, i);
    const run = await runKilled(args, drawBelow(random, windowMs));
    if (run.killed) killed += 1;
    else {
      finished += 1;
      assert.equal(run.code, 0, run.stderr);
    }
    const outcome = await checkAfterKill(options, target);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  options.note(
    `${options.command}: ${killed} killed, ${finished} finished first; ${JSON.stringify(outcomes)}`,
  );
  return { killed, finished, outcomes };
}
