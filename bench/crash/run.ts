// The long kill loop (issue 13): SIGKILLs `db migrate`, `db backup` and `db restore` at seeded
// random moments, many times each, and checks after every kill that the data directory works
// or is refused with one clear line (test/reliability/cli-kill-loop.ts says what is checked).
// Usage: npx tsx bench/crash/run.ts [--kills=40] [--seed=7] [--only=migrate|backup|restore]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type KilledCommand, killLoop } from '../../test/reliability/cli-kill-loop.ts';
import { EXAMPLES } from '../../test/scenario/support.ts';
import { cli } from '../../test/support/cli.ts';
import { option } from '../options.ts';

const kills = Number(option('kills', '40'));
const seed = Number(option('seed', '7'));
const only = option('only', '');
const commands = (['migrate', 'backup', 'restore'] as const).filter(
  (command: KilledCommand) => only === '' || command === only,
);

const root = mkdtempSync(join(tmpdir(), 'peerconomy-bench-crash-'));
try {
  const source = join(root, 'source');
  const reference = join(root, 'reference.jsonl');
  const file = join(EXAMPLES, 'reference-4.4-task-auctions.yaml');
  if ((await cli('pool', 'import', file, '--data-dir', source)).code !== 0)
    throw new Error('import');
  if ((await cli('db', 'backup', reference, '--data-dir', source)).code !== 0)
    throw new Error('backup');
  for (const [index, command] of commands.entries()) {
    const started = performance.now();
    const report = await killLoop({
      command,
      kills,
      seed: seed + index,
      root,
      source,
      reference,
      note: (message) => console.log(message),
    });
    console.log(
      `db ${command}: ${kills} runs, ${report.killed} killed, every kill checked, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
