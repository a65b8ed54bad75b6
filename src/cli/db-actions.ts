// What the database commands of the command line (`peerconomy db …`) do: migrate the schema, verify
// the stored books, back them up and restore them. A backup is written to a temporary file and
// linked into place only when complete; a restore reads its file only once the database is
// ready, and commits only what passes the same full verification as `db verify` (decision 0024).
import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { createEconomyService } from '../app/economy/economy-service.ts';
import type { PoolVerification } from '../app/ledger/ledger-service.ts';
import { type BooksVerification, describeLedgerProblem, verifyBooks } from '../app/verify-books.ts';
import { type EffortMilli, formatEffortMilli } from '../core/units.ts';
import { BackupError, restoreBackup, writeBackup } from '../storage/backup.ts';
import { LATEST_SCHEMA, migrateToLatest, schemaVersionOf } from '../storage/migrations/index.ts';
import { type OpenedDatabase, storesOn } from '../storage/open-database.ts';
import { withDatabase } from './database.ts';
import { type CliDeps, CliFailure } from './program.ts';

function describeRows(rowsByTable: Readonly<Record<string, number>>): string {
  const parts = Object.entries(rowsByTable).map(([table, rows]) => `${rows} ${table}`);
  return parts.length === 0 ? 'no rows' : parts.join(', ');
}

function describeLedgerPool(report: PoolVerification): string {
  const sums = Object.entries(report.balanceSumByUnit)
    .map(
      ([unit, sum]) =>
        `${unit} Σ ${unit === 'effort' ? formatEffortMilli(sum as EffortMilli) : sum}`,
    )
    .join(', ');
  const problem = describeLedgerProblem(report);
  return `${report.poolId}: ${report.accounts} accounts, ${report.transfers} transfers, ${report.journalEntries} journal entries, ${sums || 'no balances'}, head ${report.headHash.slice(0, 16) || '-'}: ${problem === null ? 'ok' : `BROKEN (${problem})`}`;
}

/** What `db verify` prints: one line per ledger pool and per stored economy pool. */
function printVerification(deps: CliDeps, location: string, books: BooksVerification): void {
  const pools = books.ledger.length;
  deps.out(
    `${location}: checked ${pools} pool${pools === 1 ? '' : 's'}: hash chains, transfers against their journal entries, running totals, zero sums per unit`,
  );
  for (const report of books.ledger) deps.out(describeLedgerPool(report));
  const stored = books.economy.length;
  if (stored > 0) {
    deps.out(
      `checked ${stored} stored economy pool${stored === 1 ? '' : 's'}: periods contiguous to the cycle, every closed period run again from the stored inputs (report, journal head), the journal's head and account bounds, clearings, stored answers`,
    );
  }
  for (const v of books.economy) {
    const what =
      v.fromCheckpoint === undefined
        ? `${v.closedPeriods} closed periods, ${v.inputs} inputs`
        : `from the checkpoint after period ${v.fromCheckpoint} (its hash, the books it leaves, the open period)`;
    deps.out(`${v.poolId}: ${what}: ${v.problem === null ? 'ok' : `BROKEN (${v.problem})`}`);
  }
}

/** Writes `file` whole or not at all: a temporary file, synced, then linked into place. */
async function writeWhole(
  file: string,
  write: (writeLine: (line: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  // Refused early too, so a backup that would not be kept is not written first.
  if (existsSync(file)) throw new CliFailure(`${file} exists; choose a new file`);
  const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  const stream = createWriteStream(partial, { flags: 'wx' });
  await once(stream, 'open').catch((error: Error) => {
    throw new CliFailure(`cannot write ${file}: ${error.message}`);
  });
  try {
    await write(async (line) => {
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    });
    stream.end();
    await once(stream, 'finish');
    const fd = openSync(partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // A link, unlike a rename, never replaces a file that appeared meanwhile.
    try {
      linkSync(partial, file);
    } catch (error) {
      throw new CliFailure(
        (error as NodeJS.ErrnoException).code === 'EEXIST'
          ? `${file} exists; choose a new file`
          : `cannot write ${file}: ${(error as Error).message}`,
      );
    }
  } finally {
    stream.destroy();
    unlinkSync(partial);
  }
}

/** Lines of a file, opened only when called (a readline created early loses lines). */
function linesOf(file: string): () => AsyncIterable<string> {
  return () =>
    createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
}

async function checkReadable(file: string): Promise<void> {
  const input = createReadStream(file);
  await once(input, 'open').catch((error: Error) => {
    throw new CliFailure(`cannot read ${file}: ${error.message}`);
  });
  input.destroy();
}

/** `db migrate`: the schema brought to the latest version. */
export async function migrate(deps: CliDeps, options: { dataDir?: string }): Promise<void> {
  await withDatabase(deps, options, async (database) => {
    const report = await migrateToLatest(database.db as Kysely<unknown>);
    deps.out(
      `${database.location}: schema ${report.latest}; applied ${report.applied.length === 0 ? 'nothing (up to date)' : report.applied.join(', ')}`,
    );
    // A pool stored before checkpoints gets one after its last closed period (decision 0027).
    const checkpointed = await createEconomyService(database.economyStore).checkpointPools();
    if (checkpointed.length > 0) deps.out(`checkpoint kept for ${checkpointed.join(', ')}`);
  });
}

/** `db verify`: the file's integrity first, then the books and every stored pool. */
export async function verify(
  deps: CliDeps,
  options: { dataDir?: string; quick?: boolean },
): Promise<void> {
  await withDatabase(deps, options, async (database) => {
    const damage = await database.checkIntegrity();
    if (damage !== null) throw new CliFailure(`${damage} (storage.database_damaged)`);
    await migrateToLatest(database.db as Kysely<unknown>);
    const books = await verifyBooks(database.ledgerStore, database.economyStore, {
      quick: options.quick === true,
    });
    printVerification(deps, database.location, books);
    if (books.broken > 0) {
      throw new CliFailure(
        `${books.broken} pool${books.broken === 1 ? '' : 's'} failed verification`,
      );
    }
  });
}

/** `db backup`: every table in one snapshot, written whole or not at all. */
export async function backup(
  deps: CliDeps,
  file: string,
  options: { dataDir?: string },
): Promise<void> {
  const write = async (database: OpenedDatabase) => {
    let rowsByTable: Readonly<Record<string, number>> = {};
    await writeWhole(file, async (writeLine) => {
      const summary = await database.readSnapshot((snapshot) =>
        writeBackup(snapshot, LATEST_SCHEMA, writeLine),
      );
      rowsByTable = summary.rowsByTable;
    });
    deps.out(`${file}: ${describeRows(rowsByTable)}`);
  };
  try {
    await withDatabase(deps, options, async (database) => {
      await migrateToLatest(database.db as Kysely<unknown>);
      await write(database);
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'storage.data_dir_locked') throw error;
    // A running server holds the embedded database: read it beside the server, one snapshot,
    // writing nothing; its schema must be this program's, since nothing may migrate it here.
    await withDatabase(deps, { ...options, besideServer: true }, async (database) => {
      const schema = await schemaVersionOf(database.db as Kysely<unknown>);
      if (schema !== LATEST_SCHEMA) {
        throw new CliFailure(
          `the running server's database has schema ${schema || 'none'}, this program writes ${LATEST_SCHEMA}: back it up with the server's own version (storage.schema_mismatch)`,
        );
      }
      await write(database);
    });
  }
}

/** `db restore`: into an empty database, committed only if it verifies. */
export async function restore(
  deps: CliDeps,
  file: string,
  options: { dataDir?: string },
): Promise<void> {
  await checkReadable(file);
  await withDatabase(deps, options, async (database) => {
    await migrateToLatest(database.db as Kysely<unknown>);
    const summary = await restoreInto(database, file);
    deps.out(`${database.location}: restored ${describeRows(summary.rowsByTable)}, verified`);
  });
}

async function restoreInto(database: OpenedDatabase, file: string) {
  try {
    return await restoreBackup(database.db, LATEST_SCHEMA, {
      openLines: linesOf(file),
      verify: async (trx) => {
        const stores = storesOn(trx, database.dialect);
        return (await verifyBooks(stores.ledgerStore, stores.economyStore)).firstProblem;
      },
    });
  } catch (error) {
    if (error instanceof BackupError)
      throw new CliFailure(`${file}: ${error.message} (${error.code})`);
    throw error;
  }
}
