// Running a crash-test worker as a child process: its stdout read line by line, a kill the
// caller can trigger from any line (or later), and a guard that kills a worker which neither
// finishes nor gets killed, so a stuck worker fails the test instead of hanging it.
import { spawn } from 'node:child_process';
import { childModuleArgs } from '../support/child-module.ts';

/** A worker neither finished nor killed by then is stuck. */
const WORKER_GUARD_MS = 120_000;

export interface WorkerExit {
  readonly pid: number;
  /** True when the worker ended by our SIGKILL. */
  readonly killed: boolean;
  readonly code: number | null;
  readonly stderr: string;
}

export interface WorkerSupervision {
  /** Keeps the worker's stdin open (a worker that waits for its end cannot finish early). */
  readonly holdStdin: boolean;
  /** Called with each line the worker writes on stdout, and a function that kills it. */
  readonly onLine: (line: string, kill: () => void) => void;
}

/**
 * Runs the worker `script` (a path relative to this file, such as './crash-worker.ts') with its
 * JSON config under supervision.
 */
export function superviseWorker(
  script: string,
  config: unknown,
  supervision: WorkerSupervision,
): Promise<WorkerExit> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      [...childModuleArgs(import.meta.url, script), JSON.stringify(config)],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    if (!supervision.holdStdin) child.stdin.end();
    let killed = false;
    let stderr = '';
    let buffered = '';
    const kill = () => {
      if (killed || child.exitCode !== null) return;
      killed = child.kill('SIGKILL');
    };
    const guard = setTimeout(kill, WORKER_GUARD_MS);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) supervision.onLine(line, kill);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolveRun({ pid: child.pid ?? -1, killed: killed && signal === 'SIGKILL', code, stderr });
    });
  });
}
