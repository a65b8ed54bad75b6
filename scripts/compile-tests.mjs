// Compiles the project's TypeScript (src/, test/, scripts/, bench/) with esbuild into a
// throwaway copy of the repository, so that `npm test` runs plain JavaScript: a test process
// started through tsx spends about 1.5 s of CPU before its first test, one running compiled
// JavaScript about 0.6 s, and the suite starts close to 200 of them (decision 0073).
//
// The copy keeps the repository's layout, so that everything a test finds relative to its own
// file is where it was: the four trees are copied whole (sources, fixtures, workers), each
// .ts/.tsx file gets a .js file beside it with a source map to the original, and every other
// top-level entry (docs/, examples/, bin/, dist/, package.json, ...) is a symbolic link to the
// real one. Imports of './x.ts' become './x.js'; packages resolve from the repository's
// node_modules, which is above the copy.
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

export const COMPILED_TREES = ['src', 'test', 'scripts', 'bench'];
const NOT_LINKED = new Set([...COMPILED_TREES, '.git', 'node_modules', 'coverage', 'data', 'out']);
const NOT_COPIED = new Set(['node_modules', '.venv']);

/** Builds the copy of `root` in `outDir` (made anew) and returns `outDir`. */
export async function compileTests(root, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (NOT_LINKED.has(entry)) continue;
    symlinkSync(join(root, entry), join(outDir, entry));
  }
  const entryPoints = [];
  for (const tree of COMPILED_TREES) {
    cpSync(join(root, tree), join(outDir, tree), {
      recursive: true,
      filter: (path) => !NOT_COPIED.has(path.slice(path.lastIndexOf('/') + 1)),
    });
    entryPoints.push(...listTypeScript(join(root, tree)));
  }
  await build({
    absWorkingDir: root,
    entryPoints,
    outbase: root,
    outdir: outDir,
    outExtension: { '.js': '.js' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // esbuild does not know that Node 20.10 and later take `with { type: 'json' }`.
    supported: { 'import-attributes': true },
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    // Bundling only to get the plugin hook on every import: each file stays its own module.
    bundle: true,
    packages: 'external',
    plugins: [relativeImportsStayModules],
  });
  return outDir;
}

// Every relative import stays an import of its own compiled file ('./x.ts' becomes './x.js');
// JSON and .mjs files are imported from the copy as they are.
const relativeImportsStayModules = {
  name: 'relative-imports-stay-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => ({
      path: args.path.replace(/\.tsx?$/, '.js'),
      external: true,
    }));
  },
};

function listTypeScript(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_COPIED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTypeScript(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The compiled file of a source path given relative to the repository. */
export function compiledPath(outDir, root, sourcePath) {
  return join(outDir, relative(root, sourcePath)).replace(/\.tsx?$/, '.js');
}
