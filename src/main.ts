// Composition root: the only place that knows the concrete adapters. Without arguments
// (`npm start`) it runs the main job: the server with the neighbourhood example as its demo
// community (imported into the embedded database, ./data, on first start). With arguments it
// is the `peerconomy` command line; the simulation stays `peerconomy simulate <file>`.
import { join } from 'node:path';
import { runCli } from './cli/program.ts';
import { openDatabase } from './storage/open-database.ts';

const NEIGHBOURHOOD_EXAMPLE = join(import.meta.dirname, '..', 'examples', 'neighbourhood.yaml');
const mainJob = ['serve', '--demo', NEIGHBOURHOOD_EXAMPLE];

const argv = process.argv.slice(2);
const exitCode = await runCli(argv.length === 0 ? mainJob : argv, {
  openDatabase,
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exitCode = exitCode;
