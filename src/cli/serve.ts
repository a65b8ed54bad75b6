// `peerconomy serve`: the HTTP server on the database the configuration names (SQLite in the
// data directory by default, PostgreSQL by DATABASE_URL). It listens as soon as the database is
// open and migrated; a demo community (`--demo`) is put in place afterwards, while it already
// answers (decision 0036); each pool's open-period projection is then read once in the
// background to warm its code (issue 14). On SIGTERM or SIGINT it stops accepting connections, lets the
// requests in flight finish, and closes the database. Imported only when the command runs, so
// other commands do not load the server's modules.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { argon2idHasher } from '../app/auth/passwords.ts';
import { warmProjections } from '../app/economy/warm-projections.ts';
import { createApp } from '../http/app.ts';
import { buildHttpDeps } from '../http/build.ts';
import { DEFAULT_HTTP_SETTINGS, type HttpDeps } from '../http/deps.ts';
import { createSmtpMailer } from '../mail/smtp-mailer.ts';
import { migrateToLatest } from '../storage/migrations/index.ts';
import { serverStoresOf } from '../storage/server-stores.ts';
import { withDatabase } from './database.ts';
import { parseYamlOffThread } from './parse-off-thread.ts';
import { type CliDeps, CliFailure } from './program.ts';
import { readTextFile } from './scenario-commands.ts';
import { readTlsCredentials, type TlsFiles } from './tls-files.ts';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir?: string;
  /** A scenario file to serve as the demo community. */
  readonly demo?: string;
  readonly secureCookies: boolean;
  /** Serve HTTPS with these files (then the cookie is Secure and HSTS is sent by itself). */
  readonly tls?: TlsFiles;
  /** Where invitation and reset links are mailed through; absent: they are not mailed. */
  readonly mail?: { readonly smtpUrl: string; readonly publicUrl: string; readonly from: string };
}

/** Parses the demo file (its YAML off the event loop), imports it if needed, prints the
 *  sign-ins. Rejects with a CliFailure for a bad file or a refused import. */
async function putDemoInPlace(
  http: HttpDeps,
  file: string,
  text: string,
  deps: CliDeps,
  stop: AbortSignal,
): Promise<void> {
  const data = await parseYamlOffThread(text, file).catch((error: Error) => {
    throw new CliFailure(`${error.message} (scenario.syntax)`);
  });
  const [{ scenarioFromData }, { DEMO_PASSWORD, seedDemoCommunity }] = await Promise.all([
    import('../app/scenario/load.ts'),
    import('./demo-community.ts'),
  ]);
  const scenario = scenarioFromData(data, 'scenario.invalid');
  if (!scenario.ok) {
    throw new CliFailure(`${file}: ${scenario.error.detail} (${scenario.error.code})`);
  }
  const signIns = await seedDemoCommunity(http, scenario.value, deps.out, () => stop.aborted);
  deps.out(`the demo community ${scenario.value.pool.id} is ready:`);
  for (const signIn of signIns) {
    deps.out(`  sign in as ${signIn.login} / ${DEMO_PASSWORD}: ${signIn.who}`);
  }
}

type Ending = { readonly signal: string } | { readonly failure: unknown };

export async function runServer(deps: CliDeps, options: ServeOptions): Promise<void> {
  // Read before anything opens: a missing demo file is one line and no server.
  const demoText = options.demo === undefined ? undefined : readTextFile(options.demo);
  const tls = options.tls === undefined ? undefined : readTlsCredentials(options.tls);
  await withDatabase(deps, { ...options, checkpointOffThread: true }, async (database) => {
    await migrateToLatest(database.db as Kysely<unknown>);
    const logger = pino({ level: deps.env.LOG_LEVEL ?? 'info' });
    const http = buildHttpDeps(serverStoresOf(database), {
      now: Date.now,
      random: (length) => randomBytes(length),
      passwords: argon2idHasher(),
      logger,
      settings: {
        ...DEFAULT_HTTP_SETTINGS,
        secureCookies: options.secureCookies || tls !== undefined,
      },
      ...(options.mail === undefined
        ? {}
        : {
            mail: {
              mailer: createSmtpMailer(options.mail.smtpUrl, options.mail.from),
              publicUrl: options.mail.publicUrl,
            },
          }),
    });
    const app = createApp(http);
    const server = serve({
      fetch: app.fetch,
      port: options.port,
      hostname: options.host,
      ...(tls === undefined ? {} : { createServer: createHttpsServer, serverOptions: tls }),
    });
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => Promise.reject(error)),
    ]);
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : options.port;
    const url = `${tls === undefined ? 'http' : 'https'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
    deps.out(
      `Peerconomy serves ${database.location} at ${url}/ (API ${url}/api/v1, reference ${url}/api/docs, readiness ${url}/healthz)`,
    );

    const stop = new AbortController();
    // Each pool's open-period projection read once in the background, so that the first
    // member's read does not pay for running its code the first time (issue 14). Nothing waits
    // for it and it never rejects; it stops between pools when the server stops.
    const warmUp = warmProjections(http.economy, logger, () => stop.signal.aborted);
    const demo =
      options.demo === undefined || demoText === undefined
        ? undefined
        : putDemoInPlace(http, options.demo, demoText, deps, stop.signal);
    const endings: Promise<Ending>[] = ['SIGTERM', 'SIGINT'].map((name) =>
      once(process, name).then(() => ({ signal: name })),
    );
    if (demo !== undefined) {
      endings.push(
        demo.then(
          () => new Promise<Ending>(() => {}),
          (failure) => ({ failure }),
        ),
      );
    }
    const ending = await Promise.race(endings);
    stop.abort();
    // An import stopped between two steps continues where it stopped on the next start.
    await demo?.catch(() => undefined);
    // The database closes after this: the warm-up's read in flight finishes first.
    await warmUp;
    if ('signal' in ending) {
      logger.info({ signal: ending.signal }, 'shutting down: finishing requests in flight');
    }
    // Stop accepting; close idle keep-alive connections so close() does not wait on them.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    });
    if ('failure' in ending) {
      const { failure } = ending;
      throw failure instanceof CliFailure
        ? failure
        : new CliFailure(`the demo community: ${(failure as Error).message}`);
    }
    deps.out('Peerconomy stopped; the database is closed.');
  });
}
