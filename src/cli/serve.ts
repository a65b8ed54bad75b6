// `peerconomy serve`: the HTTP server on the database the configuration names (SQLite in the
// data directory by default, PostgreSQL by DATABASE_URL). On SIGTERM or SIGINT it stops
// accepting connections, lets the requests in flight finish, and closes the database.
// Imported only when the command runs, so other commands do not load the server's modules.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { argon2idHasher } from '../app/auth/passwords.ts';
import { parseScenarioText } from '../app/scenario/load.ts';
import { createApp } from '../http/app.ts';
import { buildHttpDeps } from '../http/build.ts';
import { DEFAULT_HTTP_SETTINGS } from '../http/deps.ts';
import { migrateToLatest } from '../storage/migrations/index.ts';
import { serverStoresOf } from '../storage/server-stores.ts';
import { withDatabase } from './database.ts';
import { DEMO_PASSWORD, seedDemoCommunity } from './demo-community.ts';
import { type CliDeps, CliFailure } from './program.ts';
import { readTextFile } from './scenario-commands.ts';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir?: string;
  /** A scenario file to serve as the demo community. */
  readonly demo?: string;
  readonly secureCookies: boolean;
}

export async function runServer(deps: CliDeps, options: ServeOptions): Promise<void> {
  await withDatabase(deps, options, async (database) => {
    await migrateToLatest(database.db as Kysely<unknown>);
    const logger = pino({ level: deps.env.LOG_LEVEL ?? 'info' });
    const http = buildHttpDeps(serverStoresOf(database), {
      now: Date.now,
      random: (length) => randomBytes(length),
      passwords: argon2idHasher(),
      logger,
      settings: { ...DEFAULT_HTTP_SETTINGS, secureCookies: options.secureCookies },
    });
    let signIns: { login: string; who: string }[] = [];
    if (options.demo !== undefined) {
      const parsed = parseScenarioText(readTextFile(options.demo), options.demo);
      if (!parsed.ok) throw new CliFailure(parsed.error.detail);
      signIns = await seedDemoCommunity(http, parsed.value, deps.out);
    }
    const app = createApp(http);
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => Promise.reject(error)),
    ]);
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : options.port;
    const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
    deps.out(
      `Peerconomy serves ${database.location} at ${url}/ (API ${url}/api/v1, reference ${url}/api/docs, readiness ${url}/healthz)`,
    );
    for (const signIn of signIns) {
      deps.out(`  sign in as ${signIn.login} / ${DEMO_PASSWORD}: ${signIn.who}`);
    }
    const signal = await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
    logger.info({ signal: String(signal[0] ?? '') }, 'shutting down: finishing requests in flight');
    // Stop accepting; close idle keep-alive connections so close() does not wait on them.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    });
    deps.out('Peerconomy stopped; the database is closed.');
  });
}
