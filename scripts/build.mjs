// `npm run build`, also run by `prepare` (so `npm install` and `npm ci` build too): compiles src/
// into a fresh dist/ with tsc, then marks the build with dist/BUILT, whose modification time is
// when the build started. bin/peerconomy.mjs runs dist/ only while no source file is newer than
// that mark (decision 0031). Without TypeScript (an install without devDependencies) there is
// nothing to build: the command then runs the sources through tsx.
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUILD_MARK } from '../bin/choose-entry.mjs';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.warn('TypeScript is not installed: not building dist/; peerconomy runs the sources');
  process.exit(0);
}

// The mark is written before compiling, so a source saved during the build counts as newer,
// and put in place only after tsc succeeded, so a failed build leaves no mark.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
const pendingMark = join(dist, `${BUILD_MARK}.pending`);
writeFileSync(pendingMark, `${new Date().toISOString()}\n`);
const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (run.status !== 0) {
  rmSync(pendingMark, { force: true });
  process.exit(run.status ?? 1);
}
renameSync(pendingMark, join(dist, BUILD_MARK));
