// The scenario commands of the command line: `simulate`, `validate`, `explain` and
// `scenario-schema`. Each reads the file, lets the app parse it and the core run it, and
// prints the outcome. Bad input is one line on stderr and exit code 1, before anything is
// written; a run that stops on a broken invariant writes its report (the report says why).
// The parser, the runner and the report renderer (ECharts) are loaded by the actions that use
// them, so that `--help` and `validate` do not pay for them (decision 0031).

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { PoolId } from '../core/ids.ts';
import type { Explanation, Scenario, ScenarioRun } from '../core/scenario/index.ts';
import { type EffortMilli, formatEffortMilli } from '../core/units.ts';
import type { Lang } from '../i18n/index.ts';
import { withEconomy } from './database.ts';
import { type CliDeps, CliFailure } from './program.ts';
import { reportFileStem, reportNameOption } from './report-file-name.ts';

type Io = CliDeps;

/**
 * The largest scenario or inputs file read, by default. The neighbourhood example is 0.1 MB and
 * the format's limits allow files of a few MB; parsing a 50 MB file took minutes and gigabytes
 * before its size was refused, so the size is checked before the file is read.
 */
export const DEFAULT_MAX_FILE_MB = 20;
const MB = 1024 * 1024;
/** Set by `--max-file-mb` before each command runs (registerFileSizeLimit). */
let maxFileMb = DEFAULT_MAX_FILE_MB;

/** The program-wide `--max-file-mb <n>` option, read before each command's action. */
export function registerFileSizeLimit(program: Command): void {
  program.option(
    '--max-file-mb <n>',
    `largest scenario or inputs file read, in MB (default ${DEFAULT_MAX_FILE_MB})`,
  );
  program.hook('preAction', (_program, command) => {
    const given = command.optsWithGlobals<{ maxFileMb?: string }>().maxFileMb;
    maxFileMb = positiveInt(given, '--max-file-mb') ?? DEFAULT_MAX_FILE_MB;
  });
}

/** A file's text; a file that cannot be read, or is too large, is a failure that names it. */
export function readTextFile(file: string): string {
  try {
    const bytes = statSync(file).size;
    if (bytes > maxFileMb * MB) {
      throw new CliFailure(
        `${file} is ${(bytes / MB).toFixed(1)} MB, more than the limit of ${maxFileMb} MB (raise it with --max-file-mb) (cli.file_too_large)`,
      );
    }
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function loadScenarioFile(
  file: string,
  options: { readonly periodsOptional?: boolean } = {},
): Promise<Scenario> {
  const text = readTextFile(file);
  const { parseScenarioText } = await import('../app/scenario/load.ts');
  const parsed = parseScenarioText(text, file, options);
  if (!parsed.ok) throw new CliFailure(`${parsed.error.detail} (${parsed.error.code})`);
  return parsed.value;
}

export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) {
    throw new CliFailure(`${flag} must be a positive whole number, got "${value}"`);
  }
  return Number(value);
}

async function language(value: string | undefined): Promise<Lang> {
  if (value === undefined) return 'en';
  const { isLang, LANGUAGES } = await import('../i18n/index.ts');
  if (!isLang(value)) {
    throw new CliFailure(`--lang must be one of ${LANGUAGES.join(', ')}, got "${value}"`);
  }
  return value;
}

const wh = (mWH: number) => formatEffortMilli(mWH as EffortMilli);

/**
 * Stores the scenario through the economy's use cases (import through the period cycle), then
 * checks that the stored books verify and end at the run's head hash.
 */
async function storeRun(
  io: Io,
  options: { dataDir?: string },
  scenario: Scenario,
  run: ScenarioRun,
) {
  const [{ importScenario }, { createLedgerService }, { GENESIS_HASH }] = await Promise.all([
    import('../app/economy/import-scenario.ts'),
    import('../app/ledger/ledger-service.ts'),
    import('../core/ledger/index.ts'),
  ]);
  await withEconomy(io, options, async (economy, database) => {
    const imported = await importScenario(economy, scenario, { periods: run.periods.length });
    if (!imported.ok) {
      const hint =
        imported.error.code === 'economy.pool_exists' ? ', or use another --data-dir' : '';
      throw new CliFailure(
        `cannot store the run in ${database.location}: ${imported.error.detail}${hint} (${imported.error.code})`,
      );
    }
    const poolId = imported.value.poolId;
    const [books] = await createLedgerService(database.ledgerStore).verify([poolId as PoolId]);
    const runHead = run.periods.at(-1)?.journalHead || GENESIS_HASH;
    if (books?.problem !== undefined || imported.value.journalHead !== runHead) {
      throw new CliFailure(`the stored books of ${poolId} do not match the run`);
    }
    io.out(
      `pool stored in ${database.location}: ${poolId}, ${imported.value.periods} periods through the cycle, ` +
        `${imported.value.inputs} inputs, ${books?.journalEntries ?? 0} journal entries, verified, head ${runHead.slice(0, 16)}`,
    );
  });
}

/** One person's part of a period of a scenario file, run through that period. */
async function explainInFile(file: string, period: number, personId: string): Promise<Explanation> {
  const scenario = await loadScenarioFile(file);
  const { explainPerson, runScenario } = await import('../core/scenario/index.ts');
  const run = runScenario(scenario, { periods: period });
  const explained = explainPerson(run, period, personId);
  if (!explained.ok) {
    const why = run.stop ? ` (the run stopped: ${run.stop.code}: ${run.stop.detail})` : '';
    throw new CliFailure(`${explained.error.detail}${why}`);
  }
  return explained.value;
}

export function registerScenarioCommands(program: Command, io: Io): void {
  program
    .command('simulate')
    .description('run a scenario file (YAML or JSON) period by period and report the result')
    .argument('<file>', 'the scenario file')
    .option(
      '--out <dir>',
      'write the JSON report to <dir>/<scenario name>.json and the HTML report next to it (.html)',
    )
    .option(
      '--name <name>',
      'file name of the reports (default: the scenario name, reduced to letters, digits, "_" and "-")',
    )
    .option('--lang <lang>', 'language of the HTML report and the summary: en or de (default en)')
    .option('--periods <n>', 'run only the first n periods')
    .option('--json', 'print the JSON report instead of the summary')
    .option('--progress', 'print one line per period on stderr')
    .option(
      '--store',
      'also import the scenario into the database through the period cycle (--data-dir, PEERCONOMY_DATA_DIR or DATABASE_URL) and verify the stored books',
    )
    .option(
      '--data-dir <dir>',
      'data directory of the embedded database, with --store (default ./data)',
    )
    .action(
      async (
        file: string,
        options: {
          out?: string;
          periods?: string;
          json?: boolean;
          progress?: boolean;
          store?: boolean;
          dataDir?: string;
          lang?: string;
          name?: string;
        },
      ) => {
        const periods = positiveInt(options.periods, '--periods');
        const fileName = options.name === undefined ? undefined : reportNameOption(options.name);
        const lang = await language(options.lang);
        const scenario = await loadScenarioFile(file);
        const { runScenario, scenarioReport, canonicalJson, scenarioSummary } = await import(
          '../core/scenario/index.ts'
        );
        const run = runScenario(scenario, {
          ...(periods === undefined ? {} : { periods }),
          ...(options.progress
            ? { onPeriod: (p: number, total: number) => io.err(`period ${p}/${total} done`) }
            : {}),
        });
        const report = scenarioReport(run);
        const json = canonicalJson(report);
        if (options.out !== undefined) {
          // Rendered before anything is written, so a rendering failure leaves no half output.
          const { renderScenarioHtml } = await import('../web/report/index.ts');
          const html = renderScenarioHtml(report, { lang });
          try {
            mkdirSync(options.out, { recursive: true });
            const stem = fileName ?? reportFileStem(scenario.name);
            const target = join(options.out, `${stem}.json`);
            writeFileSync(`${target}.tmp`, json);
            renameSync(`${target}.tmp`, target);
            if (!options.json) io.out(`report written to ${target}`);
            const htmlTarget = join(options.out, `${stem}.html`);
            writeFileSync(`${htmlTarget}.tmp`, html);
            renameSync(`${htmlTarget}.tmp`, htmlTarget);
            if (!options.json) io.out(`HTML report written to ${htmlTarget}`);
          } catch (error) {
            throw new CliFailure(
              `cannot write the report to ${options.out}: ${(error as Error).message}`,
            );
          }
        }
        if (options.json) {
          io.out(json.trimEnd());
        } else {
          const { summaryText } = await import('./summary-text.ts');
          io.out(scenarioSummary(run, summaryText(lang)).trimEnd());
        }
        if (options.store && run.stop === null) await storeRun(io, options, scenario, run);
        if (run.stop !== null) {
          throw new CliFailure(
            `scenario stopped in period ${run.stop.period}: ${run.stop.code}: ${run.stop.detail}`,
          );
        }
      },
    );

  program
    .command('validate')
    .description('check a scenario file against the format and its cross-references')
    .argument('<file>', 'the scenario file')
    .action(async (file: string) => {
      const s = await loadScenarioFile(file);
      io.out(
        `${file}: ok (${s.name}: ${s.persons.length} persons, ${s.projects.length} projects, ` +
          `${s.products.length} products, ${s.periods.length} periods)`,
      );
    });

  program
    .command('explain')
    .description(
      'every transfer behind what one person earned or owes in one period, of a scenario file or a stored pool (--pool; its open period as it stands)',
    )
    .argument('[file]', 'the scenario file (or --pool)')
    .requiredOption('--period <n>', 'the period (1 is the first)')
    .requiredOption('--person <id>', 'the person')
    .option(
      '--pool <id>',
      'a stored pool instead of a file (--data-dir, PEERCONOMY_DATA_DIR or DATABASE_URL)',
    )
    .option(
      '--data-dir <dir>',
      'data directory of the embedded database, with --pool (default ./data)',
    )
    .option('--json', 'print the explanation as JSON')
    .action(
      async (
        file: string | undefined,
        options: {
          period: string;
          person: string;
          pool?: string;
          dataDir?: string;
          json?: boolean;
        },
      ) => {
        const period = positiveInt(options.period, '--period')!;
        if ((file === undefined) === (options.pool === undefined)) {
          throw new CliFailure('explain takes a scenario file or --pool, not both');
        }
        const explained =
          options.pool === undefined
            ? await explainInFile(file!, period, options.person)
            : await withEconomy(io, options, async (economy) => {
                const found = await economy.explain(options.pool!, period, options.person);
                if (!found.ok) throw new CliFailure(`${found.error.detail} (${found.error.code})`);
                return found.value;
              });
        const e = explained;
        if (options.json) {
          const { canonicalJson } = await import('../core/scenario/index.ts');
          io.out(canonicalJson(e).trimEnd());
          return;
        }
        io.out(`${e.personId} in period ${e.period} (account ${e.accountId}, ${e.status})`);
        io.out(`  opening balance ${wh(e.openingEffortMilli)} WH`);
        for (const w of e.work) {
          io.out(
            `  work ${w.recordId} on ${w.instanceId}: ${w.minutes} min × ${w.weightMilli === null ? '-' : wh(w.weightMilli)} = ${wh(w.amountEffortMilli)} WH${w.confirmed ? '' : ' (not confirmed, no credit)'}`,
          );
        }
        for (const g of e.goods) {
          io.out(
            `  took ${g.units} × ${g.productId} at ${wh(g.priceEffortMilli)} WH posted${g.premiumEffortMilli > 0 ? ` + premium ${wh(g.premiumEffortMilli)} WH` : ''}${g.quotaUnits > 0 ? ` (${g.quotaUnits} from the basic-needs quota)` : ''}`,
          );
        }
        for (const l of e.associationShares) {
          io.out(
            `  share of association ${l.associationId}: ${wh(l.basicEffortMilli)} WH basic + ${wh(l.otherEffortMilli)} WH other`,
          );
        }
        for (const t of e.transfers) {
          const sign = t.direction === 'credit' ? '+' : '-';
          io.out(
            `  ${t.transferId}  ${sign}${wh(t.amountEffortMilli)} WH  ${t.code}${t.reference === null ? '' : ` [${t.reference}]`}  ${t.direction === 'credit' ? 'from' : 'to'} ${t.counterpartyAccountId}`,
          );
        }
        io.out(`  closing balance ${wh(e.closingEffortMilli)} WH`);
      },
    );

  program
    .command('scenario-schema')
    .description('print the JSON Schema of the scenario format (docs/scenario.schema.json)')
    .action(async () => {
      const { scenarioJsonSchemaText } = await import('../app/scenario/schema.ts');
      io.out(scenarioJsonSchemaText().trimEnd());
    });
}
