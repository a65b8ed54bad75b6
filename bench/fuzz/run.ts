// The long API fuzz run (issue 17, item 3): the requests of test/security/api-fuzz.test.ts, many
// more of them, in segments of SEGMENT requests, each on a fresh security fixture with its own
// seed (so the pool's log stays the size of a busy period and a failing segment is rerun alone).
// Prints requests by route and mutation kind, answers by status and code, 5xx, non-problem
// refusals and state changes from refused requests; exits 1 if any of the last three is not 0.
// Usage: npx tsx bench/fuzz/run.ts [--requests=100000] [--seed=1] [--save]
//        (--save writes bench/fuzz/results.json and the figures into docs/RELIABILITY.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { type SecurityFixture, startSecurityFixture } from '../../test/security/fixture.ts';
import { type FuzzFigures, fuzz } from '../../test/security/fuzz/run-fuzz.ts';
import { hasSwitch, option } from '../options.ts';

const requests = Number(option('requests', '100000'));
const seed = Number(option('seed', '1'));
const save = hasSwitch('save');
const SEGMENT = 10_000;

const total: FuzzFigures = {
  requests: 0,
  byRoute: {},
  byMutation: {},
  byStatus: {},
  byCode: {},
  refused: 0,
  serverErrors: 0,
  notProblems: 0,
  stateChanges: 0,
  hashes: 0,
  findings: [],
};
const merge = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
};

const started = performance.now();
const loadBefore = loadavg()[0]!;
for (let segment = 0; total.requests < requests; segment += 1) {
  const count = Math.min(SEGMENT, requests - total.requests);
  const fixture: SecurityFixture = await startSecurityFixture();
  try {
    const figures = await fuzz(fixture, { requests: count, seed: seed + segment });
    total.requests += figures.requests;
    total.refused += figures.refused;
    total.serverErrors += figures.serverErrors;
    total.notProblems += figures.notProblems;
    total.stateChanges += figures.stateChanges;
    total.hashes += figures.hashes;
    merge(total.byRoute, figures.byRoute);
    merge(total.byMutation, figures.byMutation);
    merge(total.byStatus, figures.byStatus);
    merge(total.byCode, figures.byCode);
    total.findings.push(...figures.findings.map((f) => `seed ${seed + segment}: ${f}`));
  } finally {
    await fixture.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `${total.requests} requests, ${seconds.toFixed(0)} s, 5xx ${total.serverErrors}, state changes ${total.stateChanges}`,
  );
}
const seconds = (performance.now() - started) / 1000;
const machine = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  cpus: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadBefore: Math.round(loadBefore * 10) / 10,
  loadAfter: Math.round(loadavg()[0]! * 10) / 10,
};
const sorted = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
const results = {
  machine,
  command: `npx tsx bench/fuzz/run.ts --requests=${requests} --seed=${seed}${save ? ' --save' : ''}`,
  seconds: Math.round(seconds),
  ...total,
  byRoute: sorted(total.byRoute),
  byMutation: sorted(total.byMutation),
  byStatus: sorted(total.byStatus),
  byCode: sorted(total.byCode),
};
console.log(JSON.stringify(results, null, 2));
if (save) {
  writeFileSync('bench/fuzz/results.json', `${JSON.stringify(results, null, 2)}\n`);
  writeSection(results);
}
process.exit(total.serverErrors + total.notProblems + total.stateChanges === 0 ? 0 : 1);

/** Replaces the figures between the fuzz markers of docs/RELIABILITY.md. */
function writeSection(r: typeof results) {
  const path = 'docs/RELIABILITY.md';
  const table = (title: string, counts: Record<string, number>) =>
    [
      `| ${title} | requests |`,
      '|---|---:|',
      ...Object.entries(counts).map(([k, n]) => `| \`${k}\` | ${n} |`),
    ].join('\n');
  const figures = [
    `Run of ${r.machine.date.slice(0, 10)} on ${r.machine.cpu} (${r.machine.cpus} cores, shared; load ${r.machine.loadBefore} before, ${r.machine.loadAfter} after), Node ${r.machine.node}:`,
    `\`${r.command}\`, ${r.seconds} s.`,
    '',
    `- requests: **${r.requests}**, refused (4xx): ${r.refused}`,
    `- 5xx answers: **${r.serverErrors}**`,
    `- refusals that were not problem+json with a stable code: **${r.notProblems}**`,
    `- state changes from refused requests: **${r.stateChanges}** (every table hashed ${r.hashes} times)`,
    '',
    table('Answers by status', r.byStatus),
    '',
    table('Requests by mutation', r.byMutation),
    '',
    table('Requests by route', r.byRoute),
    '',
    table('Refusals by code', r.byCode),
  ].join('\n');
  const text = readFileSync(path, 'utf8');
  const begin = '<!-- fuzz figures: begin -->';
  const end = '<!-- fuzz figures: end -->';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`${path} has no fuzz markers`);
  writeFileSync(path, `${text.slice(0, from + begin.length)}\n${figures}\n${text.slice(to)}`);
}
