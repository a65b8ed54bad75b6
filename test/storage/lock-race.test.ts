// Proves that of several processes racing for the data directory lock, exactly one holds it,
// on a fresh directory and on one whose last holder was killed while holding it.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { childModuleArgs } from '../support/child-module.ts';

const WORKER = childModuleArgs(import.meta.url, './lock-race-worker.ts');
const RACERS = 4;
const TRIALS = 25;

interface Racer {
  readonly child: ChildProcessWithoutNullStreams;
  ask(command: string): Promise<string>;
}

function startRacer(): Racer {
  const child = spawn(process.execPath, WORKER, { stdio: 'pipe' });
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  return {
    child,
    ask(command) {
      return new Promise((answer) => {
        waiting.push(answer);
        child.stdin.write(`${command}\n`);
      });
    },
  };
}

/** Runs the worker once to take the lock of every dir and die holding them. */
function holdAndDie(dirs: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, WORKER, { stdio: 'pipe' });
    child.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? done() : fail(new Error('the holder did not die by SIGKILL')),
    );
    child.stdin.write(`hold-and-die ${dirs.join(' ')}\n`);
  });
}

async function race(racers: readonly Racer[], dir: string): Promise<string[]> {
  const answers = await Promise.all(racers.map((racer) => racer.ask(`try ${dir}`)));
  await Promise.all(racers.map((racer) => racer.ask('release')));
  return answers;
}

describe('data directory lock under a race of processes', () => {
  const root = mkdtempSync(join(tmpdir(), 'peerconomy-lock-race-'));
  const racers: Racer[] = [];
  before(() => {
    for (let i = 0; i < RACERS; i += 1) racers.push(startRacer());
  });
  after(() => {
    for (const racer of racers) racer.child.stdin.end();
    rmSync(root, { recursive: true, force: true });
  });

  const dirsOf = (kind: string) =>
    Array.from({ length: TRIALS }, (_, trial) => {
      const dir = join(root, `${kind}-${trial}`);
      mkdirSync(dir);
      return dir;
    });

  test(`on a fresh directory exactly one of ${RACERS} processes holds it (${TRIALS} trials)`, async () => {
    for (const dir of dirsOf('fresh')) {
      const answers = await race(racers, dir);
      assert.equal(answers.filter((a) => a === 'held').length, 1, `${dir}: ${answers.join(', ')}`);
      assert.equal(answers.filter((a) => a === 'locked').length, RACERS - 1, answers.join(', '));
    }
  });

  test(`after its holder was killed, exactly one of ${RACERS} processes holds it (${TRIALS} trials)`, async () => {
    const dirs = dirsOf('stale');
    await holdAndDie(dirs);
    for (const dir of dirs) {
      const answers = await race(racers, dir);
      assert.equal(answers.filter((a) => a === 'held').length, 1, `${dir}: ${answers.join(', ')}`);
      assert.equal(answers.filter((a) => a === 'locked').length, RACERS - 1, answers.join(', '));
    }
  });
});
