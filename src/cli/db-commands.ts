// The database commands of the command line (`peerconomy db …`): migrate the schema, verify
// the stored books, back them up and restore them. What they do is in db-actions.ts, loaded
// only when one of them runs (decision 0031).
import type { Command } from 'commander';
import { DATA_DIR_OPTION } from './database.ts';
import type { CliDeps } from './program.ts';

const actions = () => import('./db-actions.ts');

export function registerDbCommands(program: Command, deps: CliDeps): void {
  const db = program.command('db').description('the database: migrate, verify, back up, restore');
  db.command('migrate')
    .description('bring the schema to the latest version')
    .option(...DATA_DIR_OPTION)
    .action(async (options: { dataDir?: string }) => (await actions()).migrate(deps, options));

  db.command('verify')
    .description(
      "check the database file, recompute every balance from the journals, check every pool's hash chain, and check every stored pool against its inputs",
    )
    .option(...DATA_DIR_OPTION)
    .option(
      '--quick',
      'check each stored pool from its last checkpoint (its hash, the books it leaves, the open period) instead of from its first period',
    )
    .action(async (options: { dataDir?: string; quick?: boolean }) =>
      (await actions()).verify(deps, options),
    );

  db.command('backup')
    .description(
      'write every table to a JSON-lines file with a checksummed trailer (restorable into SQLite or PostgreSQL)',
    )
    .argument('<file>', 'where to write the backup')
    .option(...DATA_DIR_OPTION)
    .action(async (file: string, options: { dataDir?: string }) =>
      (await actions()).backup(deps, file, options),
    );

  db.command('restore')
    .description(
      'restore a backup into an empty database, all or nothing: committed only if its trailer matches and the data verifies',
    )
    .argument('<file>', 'a backup written by `db backup`')
    .option(...DATA_DIR_OPTION)
    .action(async (file: string, options: { dataDir?: string }) =>
      (await actions()).restore(deps, file, options),
    );
}
