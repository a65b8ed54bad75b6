// The stored pool commands of the command line (`peerconomy pool …`): import a scenario file
// through the economy's use cases, show a pool's cycle, give it inputs, move its cycle one step,
// withdraw an input, and print a period's clearing or report. Each command is one or more use
// cases on the database the configuration names or, for all but import and create, on a server
// (`--server`, pool-backend.ts, decision 0038); a refusal is one line and exit code 1. What an
// action needs beyond commander is loaded by the action (decision 0031).
import type { Command } from 'commander';
import type { InputRequest } from '../app/economy/economy-service.ts';
import { PERIOD_STAGES, type PeriodStage } from '../core/cycle/stages.ts';
import type { Failure, Result } from '../core/result.ts';
import { DATA_DIR_OPTION, withEconomy } from './database.ts';
import { SERVER_OPTION, type WhereOptions, withPoolBackend } from './pool-backend.ts';
import { type CliDeps, CliFailure } from './program.ts';
import { loadScenarioFile, positiveInt, readTextFile } from './scenario-commands.ts';

function accepted<T>(result: Result<T, Failure>): T {
  if (!result.ok) throw new CliFailure(`${result.error.detail} (${result.error.code})`);
  return result.value;
}

/** Reads a list of inputs (`[{ kind, period, record }]`) from a YAML or JSON file. */
async function readInputs(file: string): Promise<{ inputs: InputRequest[]; text: string }> {
  const text = readTextFile(file);
  const { parseYamlOrJson } = await import('../app/scenario/load.ts');
  const parsed = parseYamlOrJson(text, file);
  if (!parsed.ok) throw new CliFailure(parsed.error.detail);
  const data = parsed.value;
  const list = Array.isArray(data) ? data : [data];
  for (const [index, item] of list.entries()) {
    const ok =
      item !== null &&
      typeof item === 'object' &&
      typeof (item as InputRequest).kind === 'string' &&
      Number.isInteger((item as InputRequest).period) &&
      'record' in item;
    if (!ok) {
      throw new CliFailure(`${file}: [${index}] needs kind (text), period (whole number), record`);
    }
  }
  return { inputs: list as InputRequest[], text };
}

export function registerPoolCommands(program: Command, deps: CliDeps): void {
  const pool = program
    .command('pool')
    .description('stored pools: import, status, inputs, the period cycle, reports');

  pool
    .command('import')
    .description('import a scenario file into the database through the period cycle, resumably')
    .argument('<file>', 'the scenario file')
    .option('--periods <n>', 'import only the first n periods')
    .option(...DATA_DIR_OPTION)
    .action(async (file: string, options: { periods?: string; dataDir?: string }) => {
      const periods = positiveInt(options.periods, '--periods');
      const scenario = await loadScenarioFile(file);
      const { importScenario } = await import('../app/economy/import-scenario.ts');
      await withEconomy(deps, options, async (economy, database) => {
        const imported = accepted(
          await importScenario(economy, scenario, periods === undefined ? {} : { periods }),
        );
        deps.out(
          `${database.location}: pool ${imported.poolId} imported through the cycle: ${imported.periods} periods closed, ${imported.inputs} inputs, head ${imported.journalHead.slice(0, 16)}`,
        );
      });
    });

  pool
    .command('create')
    .description(
      "create a pool from a scenario file's settings and standing inputs (members, projects, products …); its periods are left out",
    )
    .argument('<file>', 'the scenario file')
    .option(...DATA_DIR_OPTION)
    .action(async (file: string, options: { dataDir?: string }) => {
      const scenario = await loadScenarioFile(file, { periodsOptional: true });
      const [{ disassembleScenario }, { canonicalJsonSha256 }] = await Promise.all([
        import('../core/cycle/inputs.ts'),
        import('../app/sha256.ts'),
      ]);
      const { settings, inputs } = disassembleScenario(scenario);
      const founding = inputs.filter((input) => input.period === 0);
      const key = `cli:create:${canonicalJsonSha256({ settings, founding })}`;
      await withEconomy(deps, options, async (economy, database) => {
        const created = accepted(await economy.createPool(key, settings, founding));
        deps.out(
          `${database.location}: pool ${created.poolId} created with ${founding.length} standing inputs; next: pool step ${created.poolId} --period 1 --stage planning`,
        );
      });
    });

  pool
    .command('status')
    .description("a pool's cycle: the open period, its stage, every period's journal head")
    .argument('<pool>', 'the pool id')
    .option('--json', 'print the status as JSON')
    .option(...DATA_DIR_OPTION)
    .option(...SERVER_OPTION)
    .action(async (poolId: string, options: { json?: boolean } & WhereOptions) => {
      await withPoolBackend(deps, options, async (economy) => {
        const status = accepted(await economy.status(poolId));
        if (options.json) {
          const { canonicalJson } = await import('../core/scenario/report.ts');
          deps.out(canonicalJson(status).trimEnd());
          return;
        }
        const where =
          status.cycle.stage === null
            ? 'no period opened yet'
            : `period ${status.cycle.period} is ${status.cycle.stage}`;
        deps.out(`${status.poolId}: ${where}; ${status.inputs} inputs`);
        for (const p of status.periods) {
          deps.out(
            `  period ${p.period}: ${p.stage}${p.journalHead ? `, head ${p.journalHead.slice(0, 16)}` : ''}`,
          );
        }
      });
    });

  pool
    .command('submit')
    .description(
      'give a pool inputs from a YAML or JSON list of { kind, period, record }, all or none',
    )
    .argument('<pool>', 'the pool id')
    .argument('<file>', 'the inputs file')
    .option('--key <key>', 'idempotency key (default: derived from the file content)')
    .option(...DATA_DIR_OPTION)
    .option(...SERVER_OPTION)
    .action(async (poolId: string, file: string, options: { key?: string } & WhereOptions) => {
      const { inputs, text } = await readInputs(file);
      const { textSha256 } = await import('../app/sha256.ts');
      const key = options.key ?? `cli:submit:${textSha256(text)}`;
      await withPoolBackend(deps, options, async (economy) => {
        const answer = accepted(await economy.submitInputs(poolId, key, inputs));
        deps.out(`${poolId}: ${answer.accepted} inputs, from sequence number ${answer.firstSeq}`);
      });
    });

  pool
    .command('step')
    .description('bring a period to a stage: planning, bidding, cleared, running, settling, closed')
    .argument('<pool>', 'the pool id')
    .requiredOption('--period <n>', 'the period')
    .requiredOption('--stage <stage>', 'the stage to bring it to')
    .option('--key <key>', 'idempotency key (default: cli:step:<period>:<stage>)')
    .option(...DATA_DIR_OPTION)
    .option(...SERVER_OPTION)
    .action(
      async (
        poolId: string,
        options: { period: string; stage: string; key?: string } & WhereOptions,
      ) => {
        const period = positiveInt(options.period, '--period')!;
        if (!(PERIOD_STAGES as readonly string[]).includes(options.stage)) {
          throw new CliFailure(
            `--stage must be one of ${PERIOD_STAGES.join(', ')}, got "${options.stage}"`,
          );
        }
        const stage = options.stage as PeriodStage;
        const key = options.key ?? `cli:step:${period}:${stage}`;
        await withPoolBackend(deps, options, async (economy) => {
          const answer = accepted(await economy.advance(poolId, key, { period, stage }));
          const head = answer.journalHead ? `, head ${answer.journalHead.slice(0, 16)}` : '';
          deps.out(
            `${poolId}: period ${answer.period} ${answer.alreadyDone ? 'was already' : 'is now'} ${answer.stage}${head}`,
          );
        });
      },
    );

  pool
    .command('withdraw')
    .description('withdraw an input of the open period while its window is open')
    .argument('<pool>', 'the pool id')
    .requiredOption('--seq <n>', 'the sequence number of the input')
    .option(...DATA_DIR_OPTION)
    .option(...SERVER_OPTION)
    .action(async (poolId: string, options: { seq: string } & WhereOptions) => {
      if (!/^[0-9]{1,12}$/.test(options.seq)) {
        throw new CliFailure(`--seq must be a whole number, got "${options.seq}"`);
      }
      const seq = Number(options.seq);
      await withPoolBackend(deps, options, async (economy) => {
        accepted(await economy.withdrawInput(poolId, `cli:withdraw:${seq}`, seq));
        deps.out(`${poolId}: input ${seq} withdrawn`);
      });
    });

  pool
    .command('projection')
    .description(
      "the open period as it stands, run from the checkpoint with the inputs given so far: the clearing, the price factor it would hand on, and with --person that person's work, takings, shares and balance at close (JSON)",
    )
    .argument('<pool>', 'the pool id')
    .option('--person <id>', "one person's part")
    .option(...DATA_DIR_OPTION)
    .option(...SERVER_OPTION)
    .action(async (poolId: string, options: { person?: string } & WhereOptions) => {
      await withPoolBackend(deps, options, async (economy) => {
        const projection = accepted(await economy.projection(poolId, options.person));
        const { canonicalJson } = await import('../core/scenario/report.ts');
        deps.out(canonicalJson(projection).trimEnd());
      });
    });

  for (const [name, description] of [
    ['clearing', "a period's market as cleared when bidding closed (JSON)"],
    ['report', "a closed period's report, as the pure runner gives it (JSON)"],
  ] as const) {
    pool
      .command(name)
      .description(description)
      .argument('<pool>', 'the pool id')
      .requiredOption('--period <n>', 'the period')
      .option(...DATA_DIR_OPTION)
      .option(...SERVER_OPTION)
      .action(async (poolId: string, options: { period: string } & WhereOptions) => {
        const period = positiveInt(options.period, '--period')!;
        await withPoolBackend(deps, options, async (economy) => {
          const found = accepted(
            name === 'clearing'
              ? await economy.clearing(poolId, period)
              : await economy.periodReport(poolId, period),
          );
          if (found === null) {
            throw new CliFailure(
              `${poolId}: period ${period} has no ${name === 'clearing' ? 'clearing' : 'report'} yet`,
            );
          }
          const { canonicalJson } = await import('../core/scenario/report.ts');
          deps.out(canonicalJson(found).trimEnd());
        });
      });
  }
}
