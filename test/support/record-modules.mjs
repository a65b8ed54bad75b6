// Preloaded with `node --import ./record-modules.mjs …`: registers module hooks that append the
// URL of every module the process resolves to the file named by PEERCONOMY_RECORD_MODULES, one
// a line, so a test can see which modules a command loaded (plain JavaScript, because it must
// run before tsx is registered).
import { register } from 'node:module';

register('./record-modules-hooks.mjs', import.meta.url, {
  data: { file: process.env.PEERCONOMY_RECORD_MODULES },
});
