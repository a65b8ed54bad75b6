// The `peerconomy` command line. Adapters stay thin: each command parses its arguments, calls
// one use case and prints the outcome. Expected failures print one line on stderr and exit
// non-zero; nothing is written by a command that fails.

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, CommanderError } from 'commander';
import type { Kysely } from 'kysely';
import { createLedgerService, type PoolVerification } from '../app/ledger/ledger-service.ts';
import { runLedgerSelfCheck } from '../app/ledger-self-check.ts';
import { type EffortMilli, formatEffortMilli } from '../core/units.ts';
import { BackupError, restoreBackup, writeBackup } from '../storage/backup.ts';
import { LATEST_SCHEMA, migrateToLatest } from '../storage/migrations/index.ts';
import type { OpenedDatabase, StorageConfig } from '../storage/open-database.ts';
import { DATA_DIR_OPTION, withDatabase, withEconomy } from './database.ts';
import { registerPoolCommands } from './pool-commands.ts';
import { registerScenarioCommands } from './scenario-commands.ts';
import { registerServeCommand } from './serve-command.ts';

export interface CliDeps {
  readonly openDatabase: (config: StorageConfig) => OpenedDatabase;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** An expected failure of a command: printed as one line, exit code 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

function describeRows(rowsByTable: Readonly<Record<string, number>>): string {
  const parts = Object.entries(rowsByTable).map(([table, rows]) => `${rows} ${table}`);
  return parts.length === 0 ? 'no rows' : parts.join(', ');
}

function describeVerification(report: PoolVerification): string {
  const sums = Object.entries(report.balanceSumByUnit)
    .map(
      ([unit, sum]) =>
        `${unit} Σ ${unit === 'effort' ? formatEffortMilli(sum as EffortMilli) : sum}`,
    )
    .join(', ');
  const status = report.problem
    ? `BROKEN (${report.problem.reason}: ${report.problem.detail})`
    : 'ok';
  return `${report.poolId}: ${report.accounts} accounts, ${report.transfers} transfers, ${report.journalEntries} journal entries, ${sums || 'no balances'}, head ${report.headHash.slice(0, 16) || '-'}: ${status}`;
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
    .action(() => {
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

  registerScenarioCommands(program, deps);
  registerPoolCommands(program, deps);
  registerServeCommand(program, deps);

  const db = program.command('db').description('the database: migrate, verify, back up, restore');
  db.command('migrate')
    .description('bring the schema to the latest version')
    .option(...DATA_DIR_OPTION)
    .action(async (options: { dataDir?: string }) => {
      await withDatabase(deps, options, async (database) => {
        const report = await migrateToLatest(database.db as Kysely<unknown>);
        deps.out(
          `${database.location}: schema ${report.latest}; applied ${report.applied.length === 0 ? 'nothing (up to date)' : report.applied.join(', ')}`,
        );
      });
    });

  db.command('verify')
    .description(
      "recompute every balance from the journals, check every pool's hash chain, and run every stored pool's closed periods again from its inputs",
    )
    .option(...DATA_DIR_OPTION)
    .action(async (options: { dataDir?: string }) => {
      await withEconomy(deps, options, async (economy, database) => {
        const reports = await createLedgerService(database.ledgerStore).verify();
        deps.out(
          `${database.location}: checked ${reports.length} pool${reports.length === 1 ? '' : 's'}: hash chains, transfers against their journal entries, running totals, zero sums per unit`,
        );
        for (const report of reports) deps.out(describeVerification(report));
        let broken = reports.filter((report) => report.problem !== undefined).length;
        const pools = await economy.listPools();
        if (pools.length > 0) {
          deps.out(
            `checked ${pools.length} stored economy pool${pools.length === 1 ? '' : 's'}: every closed period run again from the stored inputs, its report and journal head compared`,
          );
        }
        for (const poolId of pools) {
          const verified = await economy.verifyPool(poolId);
          if (!verified.ok) throw new CliFailure(verified.error.detail);
          const v = verified.value;
          if (v.problem !== null) broken += 1;
          deps.out(
            `${poolId}: ${v.closedPeriods} closed periods, ${v.inputs} inputs: ${v.problem === null ? 'ok' : `BROKEN (${v.problem})`}`,
          );
        }
        if (broken > 0)
          throw new CliFailure(`${broken} pool${broken === 1 ? '' : 's'} failed verification`);
      });
    });

  db.command('backup')
    .description('write every table to a JSON-lines file (restorable into SQLite or PostgreSQL)')
    .argument('<file>', 'where to write the backup')
    .option(...DATA_DIR_OPTION)
    .action(async (file: string, options: { dataDir?: string }) => {
      await withDatabase(deps, options, async (database) => {
        await migrateToLatest(database.db as Kysely<unknown>);
        const stream = createWriteStream(file, { flags: 'wx' });
        await once(stream, 'open').catch((error: NodeJS.ErrnoException) => {
          throw new CliFailure(
            error.code === 'EEXIST'
              ? `${file} exists; choose a new file`
              : `cannot write ${file}: ${error.message}`,
          );
        });
        const summary = await writeBackup(database.db, LATEST_SCHEMA, async (line) => {
          if (!stream.write(`${line}\n`)) await once(stream, 'drain');
        });
        stream.end();
        await once(stream, 'finish');
        deps.out(`${file}: ${describeRows(summary.rowsByTable)}`);
      });
    });

  db.command('restore')
    .description('restore a backup into an empty database, all or nothing, then verify it')
    .argument('<file>', 'a backup written by `db backup`')
    .option(...DATA_DIR_OPTION)
    .action(async (file: string, options: { dataDir?: string }) => {
      const input = createReadStream(file);
      await once(input, 'open').catch((error: Error) => {
        throw new CliFailure(`cannot read ${file}: ${error.message}`);
      });
      await withDatabase(deps, options, async (database) => {
        await migrateToLatest(database.db as Kysely<unknown>);
        const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
        try {
          const summary = await restoreBackup(database.db, LATEST_SCHEMA, lines);
          deps.out(`${database.location}: restored ${describeRows(summary.rowsByTable)}`);
        } catch (error) {
          if (error instanceof BackupError)
            throw new CliFailure(`${file}: ${error.message} (${error.code})`);
          throw error;
        }
        const reports = await createLedgerService(database.ledgerStore).verify();
        const broken = reports.filter((report) => report.problem !== undefined);
        for (const report of reports) deps.out(describeVerification(report));
        if (broken.length > 0) throw new CliFailure('the restored data does not verify');
      });
    });

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
    const coded = error as { code?: unknown; message?: unknown };
    if (typeof coded.code === 'string' && coded.code.startsWith('storage.')) {
      deps.err(`peerconomy: ${String(coded.message)} (${coded.code})`);
      return 1;
    }
    throw error;
  }
}
