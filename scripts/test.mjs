// Runs every test file of the project with node:test (Node 20 takes no globs, so the
// files are listed here), two files at a time. The files run compiled: esbuild turns the
// TypeScript into JavaScript in a throwaway copy of the repository first
// (scripts/compile-tests.mjs, decision 0073); `--tsx` runs the sources through tsx instead.
// `--coverage` runs the sources through tsx, adds Node's own coverage and checks that src/core
// keeps at least the line coverage the project promises.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compiledPath, compileTests } from './compile-tests.mjs';

const CORE_LINE_COVERAGE_MIN_PERCENT = 90;
// Files that run long (PostgreSQL clusters, kill loops, servers started again and again) start
// first: node:test starts the files in the order given, two at a time, and in alphabetical
// order these came last (test/reliability, test/storage) and ran on alone at the end
// (decision 0073). The rest follow in alphabetical order.
const LONG_FILES_FIRST = [
  'test/storage/postgres.test.ts',
  'test/reliability/sqlite-crash.test.ts',
  'test/reliability/postgres-crash.test.ts',
  'test/reliability/cli-kill.test.ts',
  'test/reliability/server-crash-postgres.test.ts',
  'test/reliability/server-crash-sqlite.test.ts',
  'test/reliability/server-concurrency.test.ts',
  'test/storage/sqlite.test.ts',
  'test/cli/serve.test.ts',
  'test/security/api-fuzz.test.ts',
  'test/cli/start-up.test.ts',
  'test/storage/lock-race.test.ts',
];
const roots = ['src', 'test', 'scripts'];
const args = process.argv.slice(2);
const withCoverage = args.includes('--coverage');
const fromSource = withCoverage || args.includes('--tsx');
const root = join(import.meta.dirname, '..');
const filters = args.filter((arg) => !arg.startsWith('--'));

function listTestFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'fixtures') continue;
      files.push(...listTestFiles(path));
    } else if (/\.test\.(ts|tsx|mjs)$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

const files = roots
  .flatMap(listTestFiles)
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()
  .sort((a, b) => startRank(a) - startRank(b));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// One copy per run, so that two runs in the same checkout do not share one; copies left by a
// run that was killed are removed by the next.
const cacheDir = join(root, 'node_modules', '.cache', 'peerconomy-test');
let outDir;
if (!fromSource) {
  removeAbandonedCopies(cacheDir);
  outDir = await compileTests(root, join(cacheDir, String(process.pid)));
}

const nodeArgs = fromSource
  ? ['--import', 'tsx', '--test', '--test-concurrency=2']
  : ['--enable-source-maps', '--test', '--test-concurrency=2'];
if (withCoverage) nodeArgs.push('--experimental-test-coverage');
const run = spawnSync(
  process.execPath,
  [...nodeArgs, ...files.map((file) => (outDir ? compiledPath(outDir, root, file) : file))],
  {
    stdio: withCoverage ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  },
);
if (outDir) rmSync(outDir, { recursive: true, force: true });
if (!withCoverage) process.exit(run.status ?? 1);

process.stdout.write(run.stdout);
if (!run.stdout.includes('start of coverage report')) {
  // Node 20 sometimes cannot merge the coverage of the test processes (for example when a
  // source file changed during the run); a missing report must never read as full coverage.
  console.error('no coverage report was produced; run again');
  process.exit(1);
}
const coverage = coreLineCoverage(run.stdout);
console.log(
  `src/core line coverage: ${coverage.percent.toFixed(2)} % ` +
    `(${coverage.covered} of ${coverage.total} lines in ${coverage.files} files, tests excluded)`,
);
if (run.status !== 0) process.exit(run.status ?? 1);
if (coverage.percent < CORE_LINE_COVERAGE_MIN_PERCENT) {
  console.error(`src/core line coverage is below ${CORE_LINE_COVERAGE_MIN_PERCENT} %`);
  process.exit(1);
}

// Node 20 prints a table "file | line % | branch % | funcs % | uncovered lines" with the
// directory tree indented; rebuild each file's path and weigh line % by its line count.
function coreLineCoverage(output) {
  const lines = output.split('\n').map((line) => line.replace(/^# ?/, ''));
  const start = lines.findIndex((line) => line.startsWith('start of coverage report'));
  let covered = 0;
  let total = 0;
  let fileCount = 0;
  const stack = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('end of coverage report')) break;
    const cells = line.split('|');
    if (cells.length < 4) continue;
    const nameCell = cells[0];
    const name = nameCell.trim();
    if (!name || name.startsWith('file') || name.startsWith('all files') || /^-+$/.test(name)) {
      continue;
    }
    const depth = nameCell.length - nameCell.trimStart().length;
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop();
    const linePercent = cells[1].trim();
    if (linePercent === '') {
      stack.push({ depth, name });
      continue;
    }
    const path = [...stack.map((entry) => entry.name), name].join('/');
    if (!path.startsWith('src/core/') || /\.test\.ts$/.test(path)) continue;
    // Node counts every line of the file, so the file's own line count is the denominator.
    const uncovered = countUncovered(cells[4] ?? '');
    const fileTotal = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n').length;
    fileCount += 1;
    total += fileTotal;
    covered += fileTotal - uncovered;
  }
  return { covered, total, files: fileCount, percent: total === 0 ? 0 : (100 * covered) / total };
}

function countUncovered(cell) {
  let count = 0;
  for (const part of cell.split(/\s+/).filter(Boolean)) {
    const [from, to] = part.split('-').map(Number);
    if (Number.isFinite(from)) count += Number.isFinite(to) ? to - from + 1 : 1;
  }
  return count;
}

function removeAbandonedCopies(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (/^\d+$/.test(entry) && !isRunning(Number(entry))) {
      rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function startRank(file) {
  const rank = LONG_FILES_FIRST.indexOf(file.replaceAll('\\', '/'));
  return rank === -1 ? LONG_FILES_FIRST.length : rank;
}
