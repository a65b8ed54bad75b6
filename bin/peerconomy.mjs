#!/usr/bin/env node
// The `peerconomy` command. It runs the compiled JavaScript in dist/ (built by `npm install`
// through `prepare`, or by `npm run build`) while that build is current, and otherwise the
// TypeScript sources through tsx, so an edited source never runs as a stale compiled copy; the
// sources start several times slower (decision 0031).
import { join } from 'node:path';
import { compiledBuildIsCurrent } from './choose-entry.mjs';

if (compiledBuildIsCurrent(join(import.meta.dirname, '..'))) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
