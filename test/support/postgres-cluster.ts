// A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, start on a free
// loopback port (and a socket in that directory), stop and delete it afterwards. As root the
// server runs as the `postgres` user, because PostgreSQL refuses to run as root.
// When PostgreSQL is not installed the suite is skipped with a message, except under CI=true,
// where a missing PostgreSQL fails the run (ARCHITECTURE.md "Tests").
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  readonly connectionString: string;
  readonly binDir: string;
  /** The directory of the server's unix socket (`.s.PGSQL.<port>`). */
  readonly socketDir: string;
  /** Creates an empty database on the cluster and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once (`-m immediate`, as a crash would), keeping its data. */
  halt(): void;
  /** Starts the halted server again on the same port and data. */
  restart(): void;
  stop(): void;
}

function findBinDir(): string | undefined {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((name) => /^\d+$/.test(name) && Number(name) >= 15)
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(debianRoot, version, 'bin');
      if (existsSync(join(dir, 'initdb'))) return dir;
    }
  }
  const which = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = which.status === 0 ? which.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

/** The reason PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailableReason(): string | undefined {
  return findBinDir() ? undefined : 'PostgreSQL (initdb) is not installed';
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) {
    throw new Error('running as root, but there is no postgres user to run the server as');
  }
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(
  binDir: string,
  command: string,
  args: string[],
  user: { uid: number; gid: number } | undefined,
): void {
  const result = spawnSync(join(binDir, command), args, {
    encoding: 'utf8',
    timeout: 60_000,
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
  });
  if (result.status !== 0) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = findBinDir();
  if (!binDir) throw new Error('PostgreSQL is not installed (no initdb found)');
  const user = postgresUser();
  const root = mkdtempSync(join(tmpdir(), 'peerconomy-pg-'));
  const dataDir = join(root, 'data');
  if (user) chownSync(root, user.uid, user.gid);
  const port = await freeLoopbackPort();
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${root}'`,
    '-c max_connections=50',
  ].join(' ');
  const startServer = () =>
    run(
      binDir,
      'pg_ctl',
      [
        '-D',
        dataDir,
        '-o',
        serverOptions,
        '-l',
        join(root, 'server.log'),
        '-w',
        '-t',
        '60',
        'start',
      ],
      user,
    );
  try {
    run(
      binDir,
      'initdb',
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
      user,
    );
    startServer();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    connectionString,
    binDir,
    socketDir: root,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const admin = new pg.Client({ connectionString });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      return connectionString.replace(/\/postgres$/, `/${name}`);
    },
    halt() {
      run(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], user);
    },
    restart: startServer,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], user);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
