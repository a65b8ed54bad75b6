// Composition root: the only place that knows the concrete adapters. Without arguments
// (`npm start`) it runs the main job: the neighbourhood example economy, twelve months, its
// report written to ./out and its books stored in the embedded database (./data) and verified.
// With arguments it is the `peerconomy` command line.
import { join } from 'node:path';
import { runCli } from './cli/program.ts';
import { openDatabase } from './storage/open-database.ts';

const NEIGHBOURHOOD_EXAMPLE = join(import.meta.dirname, '..', 'examples', 'neighbourhood.yaml');
const mainJob = ['simulate', NEIGHBOURHOOD_EXAMPLE, '--out', 'out', '--store'];

const argv = process.argv.slice(2);
const exitCode = await runCli(argv.length === 0 ? mainJob : argv, {
  openDatabase,
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exitCode = exitCode;
