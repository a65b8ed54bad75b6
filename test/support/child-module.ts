// How a test starts one of its own modules (a crash worker, a lock racer) in a child process.
// `npm test` runs the suite compiled to JavaScript (scripts/compile-tests.mjs): the child then
// runs the compiled module beside the caller as it is, without paying tsx's start-up again for
// every kill (decision 0073). Run from the sources (`npm test -- --tsx`, coverage, bench/), the
// child runs the .ts source through tsx as before.
import { fileURLToPath } from 'node:url';

/**
 * The node arguments that run the module `relativePath` (written with its .ts extension,
 * relative to the module at `callerUrl`, usually `import.meta.url`).
 */
export function childModuleArgs(callerUrl: string, relativePath: string): string[] {
  if (callerUrl.endsWith('.ts') || callerUrl.endsWith('.tsx')) {
    return ['--import', 'tsx', fileURLToPath(new URL(relativePath, callerUrl))];
  }
  const compiled = relativePath.replace(/\.tsx?$/, '.js');
  return ['--enable-source-maps', fileURLToPath(new URL(compiled, callerUrl))];
}
