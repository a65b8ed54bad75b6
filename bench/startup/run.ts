// Start-up cost of the `peerconomy` command (issue 15): the CPU time (user + system, of the
// process and the children it waits for, as /usr/bin/time counts it) and the wall time of a few
// commands, each run several times in a fresh process. `--help` and `validate` do almost nothing
// after start-up, so their figures are the start-up; `db migrate` on a fresh data directory also
// loads the storage stack (Kysely, better-sqlite3, the migrations), as a server does before it is
// ready; `simulate` (with and without storing) shows what start-up adds to real work. `npm start`
// is the server now: bench/startup/ready.ts measures how soon it answers.
// `node` (an empty script) is the floor: what Node itself costs on the machine at that moment,
// which on a shared machine varies by a factor of two or more with the load.
// Usage: npx tsx bench/startup/run.ts [--runs=5] [--only=node,help,validate,...] [--bin=PATH]
//        [--compare=PATH]
// (--bin measures another checkout's bin/peerconomy.mjs, with that checkout's examples;
// --compare measures a second one too, each run right after the first's, so that
// both see the same load.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { optionGiven } from '../options.ts';

const runs = Number(optionGiven('runs') ?? 5);
const bins = [
  resolve(optionGiven('bin') ?? join(import.meta.dirname, '..', '..', 'bin', 'peerconomy.mjs')),
  ...(optionGiven('compare') === undefined ? [] : [resolve(optionGiven('compare')!)]),
];
const only = optionGiven('only')?.split(',');

interface Case {
  readonly name: string;
  /** The command line as written in the table. */
  readonly shown: string;
  /**
   * What to run for the checkout of `bin`, in a fresh temporary directory that the case may use
   * as cwd or data dir.
   */
  readonly command: (scratch: string, bin: string) => { file: string; args: string[]; cwd: string };
}

/** The checkout a bin belongs to: its examples. */
const rootOf = (bin: string) => resolve(bin, '..', '..');
const example = (bin: string, name: string) => join(rootOf(bin), 'examples', name);
const node = (scratch: string, bin: string, ...rest: string[]) => ({
  file: process.execPath,
  args: [bin, ...rest],
  cwd: scratch,
});

const CASES: Case[] = [
  {
    name: 'node',
    shown: 'node -e 0 (the floor)',
    command: (s) => ({ file: process.execPath, args: ['-e', '0'], cwd: s }),
  },
  { name: 'help', shown: 'peerconomy --help', command: (s, b) => node(s, b, '--help') },
  {
    name: 'validate',
    shown: 'peerconomy validate examples/reference-4.4-highest.yaml',
    command: (s, b) => node(s, b, 'validate', example(b, 'reference-4.4-highest.yaml')),
  },
  {
    name: 'migrate',
    shown: 'peerconomy db migrate --data-dir <fresh dir>',
    command: (s, b) => node(s, b, 'db', 'migrate', '--data-dir', join(s, 'data')),
  },
  {
    name: 'simulate',
    shown: 'peerconomy simulate examples/neighbourhood.yaml',
    command: (s, b) => node(s, b, 'simulate', example(b, 'neighbourhood.yaml')),
  },
  {
    name: 'store',
    shown: 'peerconomy simulate examples/neighbourhood.yaml --out out --store (fresh directory)',
    command: (s, b) =>
      node(s, b, 'simulate', example(b, 'neighbourhood.yaml'), '--out', 'out', '--store'),
  },
];

interface Sample {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly maxRssMb: number;
}

function measure(c: Case, bin: string): Sample {
  const scratch = mkdtempSync(join(tmpdir(), 'peerconomy-startup-'));
  try {
    const { file, args: commandArgs, cwd } = c.command(scratch, bin);
    const timing = join(scratch, 'time.txt');
    const run = spawnSync(
      '/usr/bin/time',
      ['-o', timing, '-f', '%U %S %e %M', file, ...commandArgs],
      {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, PEERCONOMY_DATA_DIR: join(scratch, 'data') },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) throw new Error(`${c.shown} failed (${run.status}): ${run.stderr}`);
    const [user, sys, wall, rssKb] = readFileSync(timing, 'utf8')
      .trim()
      .split('\n')
      .at(-1)!
      .split(' ')
      .map(Number) as [number, number, number, number];
    return { cpuSeconds: user + sys, wallSeconds: wall, maxRssMb: rssKb / 1024 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const s2 = (x: number) => x.toFixed(2);

console.log(
  `${runs} runs each; node ${process.version}; ${bins.map((b, i) => `[${i + 1}] ${b}`).join('; ')}`,
);
console.log(
  '| command | bin | CPU s (user+sys), min / median / max | wall s, median | max RSS MB |',
);
console.log('|---|---|---|---|---|');
for (const c of CASES.filter((x) => only === undefined || only.includes(x.name))) {
  const measured = c.name === 'node' ? bins.slice(0, 1) : bins;
  const samples = measured.map((): Sample[] => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [i, bin] of measured.entries()) samples[i]!.push(measure(c, bin));
  }
  samples.forEach((list, i) => {
    const cpu = list.map((x) => x.cpuSeconds);
    console.log(
      `| \`${c.shown}\` | ${c.name === 'node' ? '-' : `[${i + 1}]`} | ` +
        `${s2(Math.min(...cpu))} / ${s2(median(cpu))} / ${s2(Math.max(...cpu))} | ` +
        `${s2(median(list.map((x) => x.wallSeconds)))} | ` +
        `${median(list.map((x) => x.maxRssMb)).toFixed(0)} |`,
    );
  });
}
