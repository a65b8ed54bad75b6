// Runs the command line in-process, as the composition root does but with captured output and
// an empty environment (or the one given), for tests that check what a command prints and its
// exit code.
import { runCli } from '../../src/cli/program.ts';
import { openDatabase } from '../../src/storage/open-database.ts';

export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** The command line with `env` as its environment (e.g. a DATABASE_URL). */
export async function cliWith(
  env: Readonly<Record<string, string | undefined>>,
  ...argv: string[]
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    openDatabase,
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out, err };
}

export function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}
