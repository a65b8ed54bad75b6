// profile.ts on PostgreSQL: starts a throwaway cluster, and for each `--kind` given (comma
// separated; `before=<checkout>` runs that checkout's profile.ts, as a server measured before a
// change) runs profile.ts with a fresh database of its own, one after the other, passing on the
// other arguments. The figures are CPU time of the server process only (PostgreSQL's own
// processes are not counted).
// Usage: npx tsx bench/http/profile-postgres.ts --kinds=peerconomy,bare,before=/path [--workload=bid] [--requests=N]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';

const args = process.argv.slice(2);
const kinds = (
  args.find((a) => a.startsWith('--kinds='))?.slice('--kinds='.length) ?? 'peerconomy'
).split(',');
const rest = args.filter((a) => !a.startsWith('--kinds='));
const cluster = await startPostgresCluster();
try {
  for (const [i, kind] of kinds.entries()) {
    const before = kind.startsWith('before=') ? kind.slice('before='.length) : undefined;
    const script = join(
      before ?? join(import.meta.dirname, '..', '..'),
      'bench',
      'http',
      'profile.ts',
    );
    const url = await cluster.createDatabase(`profile_${i}`);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, `--kind=${before === undefined ? kind : 'peerconomy'}`, ...rest],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
      },
    );
    process.stdout.write(`${before === undefined ? '' : 'before: '}${run.stdout}`);
  }
} finally {
  cluster.stop();
}
