// `peerconomy export <format> --pool P`: one of the pool's exports (CSV, ValueFlows JSON-LD, a
// person's calendar, an hledger journal) on stdout or into a file. The file is written whole
// or not at all (a temporary file renamed into place).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../app/exports/export-formats.ts';
import { DATA_DIR_OPTION, withEconomy } from './database.ts';
import { type CliDeps, CliFailure } from './program.ts';

interface ExportOptions {
  pool: string;
  person?: string;
  out?: string;
  firstPeriodDate?: string;
  periodLength?: string;
  now?: string;
  dataDir?: string;
}

function writeWhole(file: string, body: string): void {
  const temporary = `${file}.tmp`;
  try {
    writeFileSync(temporary, body);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliFailure(`cannot write ${file}: ${(error as Error).message}`);
  }
}

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const now = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(now.getTime())) {
    throw new CliFailure(`--now must be a date-time like 2026-03-01T12:00:00Z, got "${value}"`);
  }
  return now;
}

export function registerExportCommands(program: Command, deps: CliDeps): void {
  program
    .command('export')
    .description(
      "a stored pool's open books for other tools: CSV, ValueFlows JSON-LD, a person's calendar, an hledger journal",
    )
    .argument('<format>', EXPORT_FORMATS.join(' | '))
    .requiredOption('--pool <pool>', 'the pool id')
    .option('--person <id>', 'the person whose calendar (ical only)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option(
      '--first-period-date <date>',
      "hledger: the first day of period 1 (YYYY-MM-DD); default: from period 1's task starts",
    )
    .option('--period-length <length>', 'hledger: month (default) or week')
    .option('--now <date-time>', 'ical: the moment the window is around (default: now)')
    .option(...DATA_DIR_OPTION)
    .action(async (format: string, options: ExportOptions) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new CliFailure(
          `the format must be one of ${EXPORT_FORMATS.join(', ')}, got "${format}"`,
        );
      }
      const length = options.periodLength;
      if (length !== undefined && length !== 'month' && length !== 'week') {
        throw new CliFailure(`--period-length must be month or week, got "${length}"`);
      }
      const now = parseNow(options.now);
      await withEconomy(deps, options, async (_economy, database) => {
        // Loaded here: the renderers are not needed to start the command line.
        const { exportPool } = await import('../app/exports/export-pool.ts');
        const rendered = await exportPool(database.economyStore, options.pool, {
          format: format as ExportFormat,
          personId: options.person,
          now,
          firstPeriodDate: options.firstPeriodDate,
          periodLength: length,
        });
        if (!rendered.ok) {
          const hint = rendered.error.code === 'export.no_dates' ? ' with --first-period-date' : '';
          throw new CliFailure(`${rendered.error.detail}${hint} (${rendered.error.code})`);
        }
        const { body } = rendered.value;
        if (options.out === undefined) {
          // `out` ends each line it is given; the body already ends with one.
          deps.out(body.endsWith('\n') ? body.slice(0, -1) : body);
        } else {
          writeWhole(options.out, body);
          deps.err(`${options.out}: ${format} of pool ${options.pool}, ${body.length} characters`);
        }
      });
    });
}
