// Where the pool commands that a member or coordinator runs day to day (status, submit, step,
// withdraw, projection, clearing, report) do their work: the economy's use cases on the local
// database, or the same use cases on a Peerconomy server over HTTP (`--server`, or
// PEERCONOMY_SERVER, with a personal access token from PEERCONOMY_TOKEN). Both answer the same
// typed results, so a command prints the same lines either way. The HTTP client is loaded only
// when a server is named (decision 0031).
import type {
  InputRequest,
  PoolStatus,
  StepAnswer,
  SubmitAnswer,
} from '../app/economy/economy-service.ts';
import type { PoolProjection } from '../app/economy/projection.ts';
import type { CycleStep } from '../core/cycle/stages.ts';
import type { Failure, Result } from '../core/result.ts';
import { withEconomy } from './database.ts';
import { type CliDeps, CliFailure } from './program.ts';

type Answer<T> = Promise<Result<T, Failure>>;

/** The part of the economy's use cases the pool commands call; the local economy service is one,
 *  the HTTP client (pool-client.ts) another. */
export interface PoolBackend {
  status(poolId: string): Answer<PoolStatus>;
  submitInputs(poolId: string, key: string, inputs: readonly InputRequest[]): Answer<SubmitAnswer>;
  advance(poolId: string, key: string, step: CycleStep): Answer<StepAnswer>;
  withdrawInput(poolId: string, key: string, seq: number): Answer<{ readonly withdrawn: number }>;
  projection(poolId: string, personId?: string): Answer<PoolProjection>;
  /** A period's stored document; null before it exists. */
  clearing(poolId: string, period: number): Answer<unknown>;
  periodReport(poolId: string, period: number): Answer<unknown>;
}

export const SERVER_OPTION = [
  '--server <url>',
  'work on a Peerconomy server instead of a database (or PEERCONOMY_SERVER), with the personal access token in PEERCONOMY_TOKEN',
] as const;

export interface WhereOptions {
  readonly server?: string;
  readonly dataDir?: string;
}

/** The server the options or the environment name; an explicit --data-dir means the database. */
function serverOf(deps: CliDeps, options: WhereOptions): URL | null {
  if (options.server !== undefined && options.dataDir !== undefined) {
    throw new CliFailure('--server and --data-dir exclude each other');
  }
  const named = options.server ?? (options.dataDir === undefined ? deps.env.PEERCONOMY_SERVER : '');
  if (named === undefined || named === '') return null;
  let url: URL;
  try {
    url = new URL(named);
  } catch {
    throw new CliFailure(`--server must be an http or https URL, got "${named}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliFailure(`--server must be an http or https URL, got "${named}"`);
  }
  return url;
}

/** Runs `work` on the server the options name, else on the local database's economy. */
export async function withPoolBackend<T>(
  deps: CliDeps,
  options: WhereOptions,
  work: (backend: PoolBackend) => Promise<T>,
): Promise<T> {
  const server = serverOf(deps, options);
  if (server === null) return withEconomy(deps, options, (economy) => work(economy));
  const { createPoolClient } = await import('./pool-client.ts');
  return work(createPoolClient(server, deps.env.PEERCONOMY_TOKEN, deps.fetch ?? fetch));
}
