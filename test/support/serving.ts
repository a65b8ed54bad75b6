// Runs `peerconomy` as a server process for a test: waits until it prints its URL and, when
// asked, until a line of its output matches; runs the test's work against it; then stops it
// with SIGTERM and answers its exit code and everything it printed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'peerconomy.mjs');

const WAIT_MS = 240_000;

export interface Served {
  readonly code: number | null;
  readonly out: string;
}

export async function serving(
  args: readonly string[],
  options: {
    readonly cwd?: string;
    readonly waitFor?: RegExp;
    readonly env?: Readonly<Record<string, string>>;
  },
  work: (url: string) => Promise<void>,
): Promise<Served> {
  const child = spawn(process.execPath, [BIN, ...args], {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (chunk: unknown) => {
    out += String(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Never leave a server behind: a wait that does not end stops the server too.
  const giveUpAt = performance.now() + WAIT_MS;
  try {
    let url: string | undefined;
    while (url === undefined || (options.waitFor !== undefined && !options.waitFor.test(out))) {
      if (child.exitCode !== null) throw new Error(`the server exited: ${out}`);
      if (performance.now() > giveUpAt) throw new Error(`the server was not ready: ${out}`);
      url = /at (https?:\/\/[\d.]+:\d+)\//.exec(out)?.[1];
      await sleep(20);
    }
    await work(url);
  } finally {
    child.kill('SIGTERM');
  }
  return { code: await exited, out };
}

/** Signs in over HTTP; the answer's status. */
export async function signInStatus(url: string, login: string, password: string) {
  const answer = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return answer.status;
}
