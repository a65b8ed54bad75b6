// Proves that the command line starts light (`--help` and `validate` load neither the storage
// stack, the report renderer nor the HTTP server or client, which the commands that use them load
// themselves; the server answers before it loads the charts) and that the `peerconomy`
// executable runs dist/ only while its build is newer than every source file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { BUILD_MARK, compiledBuildIsCurrent } from '../../bin/choose-entry.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RECORDER = join(ROOT, 'test', 'support', 'record-modules.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'peerconomy-start-up-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Storage (Kysely and the drivers), the report renderer (ECharts) and their translations, the
 *  HTTP server (Hono), the exports' renderers (calendar, CSV). */
const HEAVY_PACKAGES =
  /\/node_modules\/(echarts|zrender|kysely|pg|better-sqlite3|i18next|hono|@hono|ical-generator|csv-stringify)\//;
/** The project's own modules that only some commands need: storage, report, runner, the HTTP
 *  server and the pool commands' HTTP client. The storage errors the command line maps to one
 *  line import nothing and do not count. */
const HEAVY_SOURCES =
  /\/src\/(storage\/(?!storage-errors\.ts)|web\/|http\/|cli\/pool-client\.ts|app\/economy\/|core\/scenario\/(run|run-state|period)\.ts)/;

/** The most modules `validate` may load (Node's own aside). */
const VALIDATE_MODULES_MAX = 260;

/** The heavy modules among those loaded, each package or source file named once. */
function heavyAmong(modules: readonly string[]): string[] {
  const names = modules
    .filter((url) => HEAVY_PACKAGES.test(url) || HEAVY_SOURCES.test(url))
    .map((url) => HEAVY_PACKAGES.exec(url)?.[1] ?? url.slice(url.indexOf('/src/') + 1));
  return [...new Set(names)].sort();
}

/** Runs the current sources (not dist/) with the given arguments; returns every module URL. */
function modulesLoadedBy(...args: string[]): { modules: string[] } {
  const record = join(scratch, `modules-${args[0]}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  const run = spawnSync(
    process.execPath,
    ['--import', RECORDER, '--import', 'tsx', join(ROOT, 'src', 'main.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PEERCONOMY_RECORD_MODULES: record } },
  );
  assert.equal(run.status, 0, run.stderr);
  return { modules: readFileSync(record, 'utf8').trim().split('\n') };
}

describe('what starting the command line loads', () => {
  test('--help loads commander and the command wiring, no storage and no report code', () => {
    const { modules } = modulesLoadedBy('--help');
    assert.ok(modules.some((url) => url.includes('/node_modules/commander/')));
    assert.ok(modules.some((url) => url.endsWith('/src/cli/program.ts')));
    assert.deepEqual(heavyAmong(modules), []);
    // Nor the scenario format's parser: only `validate` and the commands reading files need it.
    assert.ok(!modules.some((url) => /\/node_modules\/(zod|yaml)\//.test(url)));
  });

  test('validate loads the parser and the cross-reference check, no storage and no report code', () => {
    const file = join(ROOT, 'examples', 'reference-4.4-highest.yaml');
    const { modules } = modulesLoadedBy('validate', file);
    assert.ok(modules.some((url) => url.includes('/node_modules/zod/')));
    assert.ok(modules.some((url) => url.endsWith('/src/core/scenario/check.ts')));
    assert.deepEqual(heavyAmong(modules), []);
  });

  test('validate loads no more modules than its parser and check need', () => {
    // 237 when this was written, run through tsx: zod 95, yaml 72, the project's 48, tsx's 14,
    // commander 8. A dependency that drags in a package of its own shows here even where it is
    // not named as heavy above.
    const file = join(ROOT, 'examples', 'reference-4.4-highest.yaml');
    const loaded = new Set(
      modulesLoadedBy('validate', file).modules.filter((url) => !url.startsWith('node:')),
    );
    assert.ok(loaded.size <= VALIDATE_MODULES_MAX, `validate loaded ${loaded.size} modules`);
  });

  test('serve answers before it loads ECharts (the first chart loads it)', async () => {
    const record = join(scratch, 'modules-serve.txt');
    writeFileSync(record, '');
    const child = spawn(
      process.execPath,
      [
        '--import',
        RECORDER,
        '--import',
        'tsx',
        join(ROOT, 'src', 'main.ts'),
        'serve',
        '--port',
        '0',
        '--data-dir',
        join(scratch, 'serve-data'),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, PEERCONOMY_RECORD_MODULES: record, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    for await (const chunk of child.stdout) {
      out += String(chunk);
      if (out.includes('serves')) break;
    }
    const url = /at (http:\/\/[\d.]+:\d+)\//.exec(out)?.[1];
    assert.ok(url, out);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    // Leaving the loop above closed the pipe under the server's stdout: its shutdown lines hit
    // EPIPE, which must not turn the graceful shutdown into a crash.
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, 'the server stopped cleanly with its stdout closed');
    const modules = readFileSync(record, 'utf8').trim().split('\n');
    assert.ok(
      modules.some((m) => m.includes('/node_modules/hono/')),
      'the server was recorded',
    );
    assert.deepEqual(
      modules.filter((m) => /\/node_modules\/(echarts|zrender)\//.test(m)),
      [],
    );
  });

  test('simulate --out does load the report renderer (the check above can see it)', () => {
    const file = join(ROOT, 'examples', 'reference-4.4-highest.yaml');
    const { modules } = modulesLoadedBy('simulate', file, '--out', join(scratch, 'out'));
    assert.ok(modules.some((url) => url.includes('/node_modules/echarts/')));
    assert.ok(modules.some((url) => url.endsWith('/src/core/scenario/run.ts')));
  });
});

describe('which code the executable runs', () => {
  /** A checkout with one source, one test file and, if `builtAt` is given, a build mark. */
  function checkout(times: { source: number; testFile?: number; builtAt?: number }): string {
    const root = mkdtempSync(join(scratch, 'checkout-'));
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    const source = join(root, 'src', 'cli', 'program.ts');
    const testFile = join(root, 'src', 'cli', 'program.test.ts');
    writeFileSync(source, '');
    writeFileSync(testFile, '');
    utimesSync(source, times.source, times.source);
    const testTime = times.testFile ?? times.source;
    utimesSync(testFile, testTime, testTime);
    if (times.builtAt !== undefined) {
      mkdirSync(join(root, 'dist'));
      const mark = join(root, 'dist', BUILD_MARK);
      writeFileSync(mark, '');
      utimesSync(mark, times.builtAt, times.builtAt);
    }
    return root;
  }

  test('dist/ when the build is newer than every source', () => {
    assert.equal(compiledBuildIsCurrent(checkout({ source: 1000, builtAt: 2000 })), true);
  });

  test('the sources when one of them changed after the build', () => {
    assert.equal(compiledBuildIsCurrent(checkout({ source: 3000, builtAt: 2000 })), false);
  });

  test('the sources when nothing was built or the build failed (no mark)', () => {
    assert.equal(compiledBuildIsCurrent(checkout({ source: 1000 })), false);
  });

  test('a test file changed after the build does not make the build stale', () => {
    const root = checkout({ source: 1000, testFile: 3000, builtAt: 2000 });
    assert.equal(compiledBuildIsCurrent(root), true);
  });
});
