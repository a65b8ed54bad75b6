// A `peerconomy` process for the kill loop: loads the command line, says `ready` on stdout once
// loaded (so the parent's random kill lands in the command's work, not in module loading), then
// runs the command given as its arguments, exactly as bin/peerconomy does.
//
// Usage: node --import tsx cli-worker.ts db backup file.jsonl --data-dir dir
import { runCli } from '../../src/cli/program.ts';
import { openDatabase } from '../../src/storage/open-database.ts';

process.stdout.write('ready\n');
process.exitCode = await runCli(process.argv.slice(2), {
  openDatabase,
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
