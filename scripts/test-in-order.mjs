// Runs the test files named on the command line in that order, two at a time, with the TAP
// reporter. `node --test` sorts the files it is given by name, which puts the longest ones
// (browser suites, kill loops) last; node:test's run() keeps the order it is given.
// Started by scripts/test.mjs with `--import tsx`, which the test processes inherit.
import { availableParallelism } from 'node:os';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';

const files = process.argv.slice(2);
let failed = false;
const stream = run({ files, concurrency: Math.max(2, availableParallelism()) });
stream.on('test:fail', () => {
  failed = true;
});
stream.compose(tap).pipe(process.stdout);
stream.on('end', () => {
  process.exitCode = failed ? 1 : 0;
});
