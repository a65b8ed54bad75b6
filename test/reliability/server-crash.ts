// The server crash harness (issue 17, item 1): the real `peerconomy serve` on a loopback port,
// five clients and a coordinator driving the pool's period cycle over HTTP with an
// Idempotency-Key on every write, and SIGKILLs at seeded moments (after a drawn number of
// answers, plus 0–30 ms, so a kill often lands inside a request). After each kill the server
// starts again on the same database and port; a client whose request got no answer sends it
// again with the same key once the server answers, as a real client would. At the end the
// server stops, the database is checked against the answers (server-crash-check.ts) and
// `db verify` must pass. Shared by the suite (a few kills) and bench/server-crash (hundreds).
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';
import { cliWith } from '../support/cli.ts';
import { type CheckFigures, checkServerBooks, type LoggedWrite } from './server-crash-check.ts';
import { ServerProcess, type ServerTarget } from './server-process.ts';
import { type AccountRole, seedServerDatabase } from './server-seed.ts';
import { type Answer, runPeriod, type WorkloadApi } from './server-workload.ts';

export interface ServerCrashOptions {
  readonly seed: number;
  readonly kills: number;
  /** Periods run at least (more if the kills are not done by then). */
  readonly minPeriods: number;
  /** Answers between two kills are drawn below this. */
  readonly answersBetweenKills?: number;
  readonly note: (message: string) => void;
}

export interface ServerCrashReport extends CheckFigures {
  readonly kills: number;
  /** Requests sent again after a kill cut them off. */
  readonly resent: number;
  readonly seconds: number;
}

/** A request cut off by a kill: fetch fails, or the body stops half way. */
const isNetworkFailure = (error: unknown) =>
  error instanceof TypeError || (error as { name?: string }).name === 'SocketError';

export async function serverCrashRun(
  target: ServerTarget,
  options: ServerCrashOptions,
): Promise<ServerCrashReport> {
  const started = performance.now();
  const random = mulberry32(options.seed);
  const gap = options.answersBetweenKills ?? 40;
  const seeded = await seedServerDatabase(target);
  const server = new ServerProcess(target);
  const writes: LoggedWrite[] = [];
  let kills = 0;
  let resent = 0;
  let answers = 0;
  let killAt = 1 + drawBelow(random, gap);
  /** The kill and restart under way, if any. */
  let killing: Promise<void> | null = null;
  let keys = 0;

  const afterAnswer = () => {
    answers += 1;
    if (killing !== null || kills >= options.kills || answers < killAt) return;
    const delayMs = drawBelow(random, 30);
    killing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await server.kill();
      kills += 1;
      await server.start();
      options.note(`kill ${kills} after ${answers} answers (+${delayMs} ms): restarted`);
      killAt = answers + 1 + drawBelow(random, gap);
      killing = null;
    })();
  };

  /** Sends a request until the server answers it, through kills. */
  async function send(
    role: AccountRole,
    method: string,
    path: string,
    body: unknown,
    key?: string,
  ) {
    let stale = 0;
    for (;;) {
      const generation = server.generation;
      const url = await server.upAfter(generation - 1);
      try {
        const response = await fetch(`${url}/api/v1/pools/p${path}`, {
          method,
          headers: {
            authorization: `Bearer ${seeded.tokens[role]}`,
            ...(key === undefined ? {} : { 'idempotency-key': key }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        const answer: Answer = {
          status: response.status,
          body: text === '' ? null : JSON.parse(text),
        };
        assert.ok(answer.status < 500, `${method} ${path}: ${answer.status} ${text}`);
        assert.notEqual(answer.status, 429, `${method} ${path}: rate limited`);
        afterAnswer();
        return answer;
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
        resent += 1;
        if (killing === null && server.generation === generation) {
          // A keep-alive socket of the killed server may be handed out once before its close
          // is seen; a second failure with no kill is the server's.
          stale += 1;
          assert.ok(stale === 1, `${method} ${path} failed without a kill: ${error}`);
          continue;
        }
        await server.upAfter(generation);
      }
    }
  }

  const api: WorkloadApi = {
    async write(role, method, path, body, period) {
      keys += 1;
      const key = `${role}-${keys}`;
      const answer = await send(role, method, path, body, key);
      writes.push({
        role,
        key,
        method,
        path,
        body,
        period,
        status: answer.status,
        answer: answer.body,
      });
      return answer;
    },
    read: (role, path) => send(role, 'GET', path, undefined),
  };

  try {
    await server.start();
    let period = 0;
    while (period < options.minPeriods || kills < options.kills) {
      period += 1;
      await runPeriod(api, period, random);
    }
    await killing;
    assert.equal(await server.stop(), 0, `the server did not stop cleanly: ${server.output}`);
  } finally {
    await server.kill();
  }
  const figures = await checkServerBooks(target, seeded, writes);
  const verified = await cliWith(
    { DATABASE_URL: target.databaseUrl },
    'db',
    'verify',
    '--data-dir',
    target.dataDir,
  );
  assert.equal(verified.code, 0, [...verified.out, ...verified.err].join('\n'));
  const report = { ...figures, kills, resent, seconds: (performance.now() - started) / 1000 };
  options.note(JSON.stringify(report));
  return report;
}
