// The real `peerconomy serve` as a child process for the server crash tests: started on a
// loopback port and a database (a SQLite data directory or a PostgreSQL URL), SIGKILLed when
// the harness says, started again on the same port and database. Each start is a generation;
// a client whose request failed waits for the next generation to answer (an event, no polling).
// Every child is killed when the test process exits, whatever happened.
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from '../support/serving.ts';

/** Where the server keeps its data: a SQLite data directory, or PostgreSQL. */
export interface ServerTarget {
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

/** A start that does not print its URL by then is stuck (a loaded machine starts slowly). */
const START_GUARD_MS = 120_000;

const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

export class ServerProcess {
  readonly #target: ServerTarget;
  #port = 0;
  #child: ChildProcess | undefined;
  #exited: Promise<number | null> = Promise.resolve(null);
  #generation = 0;
  #url = '';
  /** Resolved with the next generation's URL once it answers. */
  #nextUp: { promise: Promise<string>; resolve: (url: string) => void };
  /** Everything the current child printed (for failure messages). */
  output = '';

  constructor(target: ServerTarget) {
    this.#target = target;
    this.#nextUp = ServerProcess.#deferred();
  }

  static #deferred() {
    let resolve!: (url: string) => void;
    const promise = new Promise<string>((done) => {
      resolve = done;
    });
    return { promise, resolve };
  }

  get url(): string {
    return this.#url;
  }

  /** How many times the server has been started. */
  get generation(): number {
    return this.#generation;
  }

  /** The URL of a generation later than `seen`, once it answers. */
  async upAfter(seen: number): Promise<string> {
    return this.#generation > seen && this.#child !== undefined ? this.#url : this.#nextUp.promise;
  }

  /** Starts the server (on the port of the first start from then on) and waits for its URL. */
  async start(): Promise<string> {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' };
    if (this.#target.databaseUrl !== undefined) env.DATABASE_URL = this.#target.databaseUrl;
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', String(this.#port), '--data-dir', this.#target.dataDir],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    living.add(child);
    this.#child = child;
    this.output = '';
    this.#exited = new Promise((resolve) =>
      child.once('close', (code) => {
        living.delete(child);
        resolve(code);
      }),
    );
    const url = await new Promise<string>((resolve, reject) => {
      const guard = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not start: ${this.output}`));
      }, START_GUARD_MS);
      const collect = (chunk: unknown) => {
        this.output += String(chunk);
        const found = /at (http:\/\/[\d.]+:(\d+))\//.exec(this.output);
        if (found !== null) {
          clearTimeout(guard);
          this.#port = Number(found[2]);
          resolve(found[1]!);
        }
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      void this.#exited.then(() => {
        clearTimeout(guard);
        reject(new Error(`the server exited before it answered: ${this.output}`));
      });
    });
    this.#generation += 1;
    this.#url = url;
    const up = this.#nextUp;
    this.#nextUp = ServerProcess.#deferred();
    up.resolve(url);
    return url;
  }

  /** SIGKILLs the server and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    this.#child = undefined;
    child.kill('SIGKILL');
    await this.#exited;
  }

  /** Stops the server as an operator would (SIGTERM); its exit code. */
  async stop(): Promise<number | null> {
    const child = this.#child;
    if (child === undefined) return null;
    this.#child = undefined;
    child.kill('SIGTERM');
    return this.#exited;
  }
}
