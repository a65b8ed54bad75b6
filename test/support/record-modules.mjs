// Preloaded with `node --import ./record-modules.mjs …`: registers module hooks that append the
// URL of every module the process resolves to the file named by PEERCONOMY_RECORD_MODULES, one
// a line, so a test can see which modules a command loaded (plain JavaScript, because it must
// run before tsx is registered). What `require` loads (a CommonJS build loaded through
// createRequire) does not pass the hooks and is recorded from the CommonJS loader.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.PEERCONOMY_RECORD_MODULES;
register('./record-modules-hooks.mjs', import.meta.url, { data: { file } });

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function recordRequired(...args) {
  const resolved = resolveFilename.apply(this, args);
  if (file && resolved.startsWith('/')) appendFileSync(file, `${pathToFileURL(resolved).href}\n`);
  return resolved;
};
