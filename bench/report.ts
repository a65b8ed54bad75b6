// How a benchmark ends: its results printed as JSON (and written to a file when asked), and a
// failure as its stack on standard error with exit code 1.
import { writeFileSync } from 'node:fs';

/** Prints the results as indented JSON, and writes the same text to `out` unless it is ''. */
export function printResults(results: unknown, out: string): void {
  const text = `${JSON.stringify(results, null, 2)}\n`;
  process.stdout.write(text);
  if (out !== '') writeFileSync(out, text);
}

/** Runs a benchmark's main; if it fails, the process says why and exits with code 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  });
}
