// Composition root: the only place that knows the concrete adapters. `npm start` (no
// arguments) runs the ledger self-check; `peerconomy <command>` runs the command line.
import { runCli } from './cli/program.ts';
import { openDatabase } from './storage/open-database.ts';

const argv = process.argv.slice(2);
const exitCode = await runCli(argv.length === 0 ? ['self-check'] : argv, {
  openDatabase,
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exitCode = exitCode;
