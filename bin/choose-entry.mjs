// Which code the `peerconomy` command runs: the compiled JavaScript in dist/ when its build is
// current, else the TypeScript sources (decision 0031). A build is current when dist/BUILT
// exists and no source file under src/ (tests aside, they are not compiled) was modified after
// it. Checking costs one stat per source file, a few milliseconds.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The file scripts/build.mjs writes into dist/ when a build succeeded. */
export const BUILD_MARK = 'BUILT';

function newestSourceMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestSourceMtimeMs(path));
    } else if (!entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** True when `root`/dist holds a successful build of `root`/src as it is now. */
export function compiledBuildIsCurrent(root) {
  let builtMs;
  try {
    builtMs = statSync(join(root, 'dist', BUILD_MARK)).mtimeMs;
  } catch {
    return false;
  }
  return newestSourceMtimeMs(join(root, 'src')) <= builtMs;
}
