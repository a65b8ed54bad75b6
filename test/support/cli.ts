// Runs the command line in-process, as the composition root does but with captured output and
// an empty environment, for tests that check what a command prints and its exit code.
import { runCli } from '../../src/cli/program.ts';
import { openDatabase } from '../../src/storage/open-database.ts';

export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    openDatabase,
    env: {},
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out, err };
}
