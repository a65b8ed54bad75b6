// Composition root: the only place that knows the concrete adapters. Without arguments
// (`npm start`) it runs the main job: the server with the neighbourhood example as its demo
// community, imported into the default database (./data, or DATABASE_URL) through the period
// cycle on first start (decision 0036). With arguments it is the `peerconomy` command line; the
// simulation is `peerconomy simulate examples/neighbourhood.yaml`. The storage stack (Kysely, the database
// drivers) is loaded only when a command opens the database, so commands that do not need it
// start fast (decision 0031).
import { join } from 'node:path';
import { runCli } from './cli/program.ts';

const NEIGHBOURHOOD_EXAMPLE = join(import.meta.dirname, '..', 'examples', 'neighbourhood.yaml');
const mainJob = ['serve', '--demo', NEIGHBOURHOOD_EXAMPLE];

// A reader that went away (`peerconomy … | head`, a log collector that stopped) closes the pipe
// under stdout or stderr. Without a handler the next write's EPIPE is an uncaught 'error' event,
// and a server would die in the middle of its graceful shutdown; instead what it would have
// printed is lost and the work ends as it would have. Any other write error still throws.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const argv = process.argv.slice(2);
const exitCode = await runCli(argv.length === 0 ? mainJob : argv, {
  openDatabase: async (config) => (await import('./storage/open-database.ts')).openDatabase(config),
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exitCode = exitCode;
