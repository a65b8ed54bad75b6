// The `peerconomy` command line. Adapters stay thin: each command parses its arguments, calls
// one use case and prints the outcome. Expected failures print one line on stderr and exit
// non-zero; nothing is written by a command that fails. Each action loads the modules it needs
// (`await import`), so that starting the command line loads only commander and this wiring
// (decision 0031; a test checks that `--help` loads no storage and no report code).

import { Command, CommanderError } from 'commander';
import { formatEffortMilli } from '../core/units.ts';
import type { OpenedDatabase, StorageConfig } from '../storage/open-database.ts';
import { asStorageFailure } from './database.ts';
import { registerDbCommands } from './db-commands.ts';
import { registerExportCommands } from './export-commands.ts';
import { registerPoolCommands } from './pool-commands.ts';
import { registerFileSizeLimit, registerScenarioCommands } from './scenario-commands.ts';
import { registerServeCommand } from './serve-command.ts';

export interface CliDeps {
  /** May load the storage stack first, so commands that open no database never load it. */
  readonly openDatabase: (config: StorageConfig) => OpenedDatabase | Promise<OpenedDatabase>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** How the pool commands reach a server (`--server`); the global fetch when not given. */
  readonly fetch?: typeof fetch;
}

/** An expected failure of a command: printed as one line, exit code 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

export function buildProgram(deps: CliDeps): Command {
  const program = new Command('peerconomy')
    .description('Peerconomy: a peer economy of tasks, goods and resources, with open books.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.out(text.trimEnd()),
      writeErr: (text) => deps.err(text.trimEnd()),
    });

  program
    .command('self-check')
    .description(
      "post a month of a small built-in pool through the ledger and check the ledger's invariants",
    )
    .action(async () => {
      const { runLedgerSelfCheck } = await import('../app/ledger-self-check.ts');
      const report = runLedgerSelfCheck();
      deps.out(
        'Ledger self-check: one month of a pool with three people, a bakery and a bike workshop',
      );
      deps.out('Balances in weighted hours (positive: contributed more than taken):');
      for (const balance of report.balances) {
        deps.out(
          `${balance.accountId.padEnd(10)} ${balance.kind.padEnd(8)} ${formatEffortMilli(balance.balanceEffortMilli).padStart(9)} WH`,
        );
      }
      deps.out(`${report.transfers} transfers, ${report.journalEntries} journal entries`);
      for (const check of report.checks) {
        deps.out(`${check.held ? 'ok  ' : 'FAIL'} ${check.name} (${check.detail})`);
      }
      deps.out(report.passed ? 'All checks hold.' : 'Some checks failed.');
      if (!report.passed) throw new CliFailure('the self-check failed');
    });

  registerFileSizeLimit(program);
  registerScenarioCommands(program, deps);
  registerPoolCommands(program, deps);
  registerExportCommands(program, deps);
  registerServeCommand(program, deps);

  registerDbCommands(program, deps);

  return program;
}

/** Runs the command line; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliFailure) {
      deps.err(`peerconomy: ${error.message}`);
      return 1;
    }
    const coded = asStorageFailure(error) as { code?: unknown; message?: unknown };
    if (typeof coded.code === 'string' && coded.code.startsWith('storage.')) {
      deps.err(`peerconomy: ${String(coded.message)} (${coded.code})`);
      return 1;
    }
    throw error;
  }
}
