// The `serve` command: its options here, the server itself imported only when it runs.
import type { Command } from 'commander';
import { DATA_DIR_OPTION } from './database.ts';
import { type CliDeps, CliFailure } from './program.ts';
import { tlsFilesOf } from './tls-files.ts';

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new CliFailure(`--port: ${text} is not a port (0 to 65535)`);
  }
  return value;
}

/** The mail server links go out through, from PEERCONOMY_SMTP_URL (none: no mail is sent). */
function mailSettings(env: CliDeps['env']) {
  const smtpUrl = env.PEERCONOMY_SMTP_URL;
  if (smtpUrl === undefined || smtpUrl === '') return undefined;
  if (!/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    throw new CliFailure('PEERCONOMY_SMTP_URL must look like smtp://user:password@host:587');
  }
  const publicUrl = env.PEERCONOMY_PUBLIC_URL ?? '';
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
    throw new CliFailure(
      'PEERCONOMY_SMTP_URL needs PEERCONOMY_PUBLIC_URL, the address members open (https://…)',
    );
  }
  const from = env.PEERCONOMY_MAIL_FROM ?? `Peerconomy <peerconomy@${new URL(publicUrl).hostname}>`;
  return { smtpUrl, publicUrl, from };
}

export function registerServeCommand(program: Command, deps: CliDeps): void {
  program
    .command('serve')
    .description(
      'serve the API (and later the web app) over HTTP; SQLite by default, PostgreSQL by DATABASE_URL',
    )
    .option('--port <port>', 'the port (PORT, default 3000; 0 picks a free one)')
    .option('--host <host>', 'the address to listen on (HOST, default 127.0.0.1)')
    .option(
      '--demo <file>',
      'serve this scenario as a demo community: imported on first start, demo sign-ins printed',
    )
    .option(
      '--secure-cookies',
      'mark the session cookie Secure (served over TLS, or behind a proxy that is)',
    )
    .option(
      '--tls-cert <file>',
      'serve HTTPS with this PEM certificate (chain) (PEERCONOMY_TLS_CERT)',
    )
    .option('--tls-key <file>', 'the private key of --tls-cert, in PEM (PEERCONOMY_TLS_KEY)')
    .option(...DATA_DIR_OPTION)
    .action(
      async (options: {
        port?: string;
        host?: string;
        demo?: string;
        secureCookies?: boolean;
        tlsCert?: string;
        tlsKey?: string;
        dataDir?: string;
      }) => {
        const mail = mailSettings(deps.env);
        const tls = tlsFilesOf(
          options.tlsCert ?? deps.env.PEERCONOMY_TLS_CERT,
          options.tlsKey ?? deps.env.PEERCONOMY_TLS_KEY,
        );
        const { runServer } = await import('./serve.ts');
        await runServer(deps, {
          ...(mail === undefined ? {} : { mail }),
          ...(tls === undefined ? {} : { tls }),
          port: port(options.port ?? deps.env.PORT ?? '3000'),
          host: options.host ?? deps.env.HOST ?? '127.0.0.1',
          secureCookies:
            options.secureCookies === true || deps.env.PEERCONOMY_SECURE_COOKIES === '1',
          ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
          ...(options.demo === undefined ? {} : { demo: options.demo }),
        });
      },
    );
}
