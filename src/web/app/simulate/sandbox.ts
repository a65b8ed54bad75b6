// Runs a simulation in a child process with a time limit, one at a time, so a large or
// endless scenario never blocks the server (decision 0045): past its time the child is killed
// and the run refused with `simulate.too_long`; while one runs, another is refused with
// `simulate.busy`. The limits come from the environment, read at each run.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulateAnswer, SimulateJob } from './simulate-child.ts';

export interface SimulateLimits {
  /** The largest scenario file taken, in bytes. */
  readonly maxBytes: number;
  /** How long a run may take before it is stopped, in milliseconds. */
  readonly timeoutMs: number;
}

export const DEFAULT_SIMULATE_LIMITS: SimulateLimits = { maxBytes: 512 * 1024, timeoutMs: 30_000 };

const positiveOr = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
};

/** PEERCONOMY_SIMULATE_MAX_BYTES and PEERCONOMY_SIMULATE_TIMEOUT_MS, else the defaults. */
export const simulateLimits = (env: NodeJS.ProcessEnv = process.env): SimulateLimits => ({
  maxBytes: positiveOr(env.PEERCONOMY_SIMULATE_MAX_BYTES, DEFAULT_SIMULATE_LIMITS.maxBytes),
  timeoutMs: positiveOr(env.PEERCONOMY_SIMULATE_TIMEOUT_MS, DEFAULT_SIMULATE_LIMITS.timeoutMs),
});

/** The child's module: the compiled .js next to this file, or the source through tsx. */
function childModule(): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const path = fileURLToPath(
    new URL(`./simulate-child.${fromSource ? 'ts' : 'js'}`, import.meta.url),
  );
  const memory = '--max-old-space-size=512';
  return {
    path,
    execArgv: fromSource ? ['--import', import.meta.resolve('tsx'), memory] : [memory],
  };
}

let running = false;

export async function runSimulation(
  job: SimulateJob,
  limits: SimulateLimits,
): Promise<SimulateAnswer> {
  if (running) {
    return { ok: false, code: 'simulate.busy', detail: 'another simulation is running' };
  }
  running = true;
  try {
    return await new Promise<SimulateAnswer>((resolve) => {
      const { path, execArgv } = childModule();
      const child = fork(path, [], { execArgv, serialization: 'advanced', stdio: 'ignore' });
      let settled = false;
      const settle = (result: SimulateAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle({
          ok: false,
          code: 'simulate.too_long',
          detail: `stopped after ${limits.timeoutMs} ms`,
        });
      }, limits.timeoutMs);
      child.once('message', (message) => settle(message as SimulateAnswer));
      child.once('error', (error) =>
        settle({ ok: false, code: 'simulate.failed', detail: error.message }),
      );
      // An answer sent just before the child exits is still on its way: wait for it a moment.
      child.once('exit', (code) =>
        setTimeout(
          () =>
            settle({ ok: false, code: 'simulate.failed', detail: `the run ended (exit ${code})` }),
          200,
        ),
      );
      child.send(job);
    });
  } finally {
    running = false;
  }
}
