// One period's close on SQLite, timed again and again from saved databases (issue 14): the
// files `run.ts --keep=DIR` copied just before a measured period's close (DIR/p<period>.sqlite).
// Each sample copies a file to a fresh data directory, opens it, reads the open period's
// projection once (as the running process had) and times the close: wall and CPU of this
// process, the bytes this process had the kernel read and write (/proc/self/io), the database
// file and write-ahead log sizes after it, and every SQLite statement the close ran, grouped by
// text, with the wall time each took. The files are taken in turn within each round, so
// periods compare in the same minutes of a shared machine; the first round warms the code and
// is not counted.
// Usage: npx tsx bench/cycle/close.ts --keep=DIR [--periods=10,260] [--rounds=6]
//        [--statements=8] [--checkpointer=commit,worker] [--autocheckpoint=1000,0]
//        [--cache-size=-2000] [--out=FILE]
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { createEconomyService } from '../../src/app/economy/economy-service.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { Database } from '../../src/storage/schema.ts';
import { option } from '../options.ts';
import { printResults, runBench } from '../report.ts';
import { POOL_ID } from './generate.ts';

const KEEP = option('keep', '/tmp/cycle-keep');
const PERIODS = option('periods', '10,260').split(',').map(Number);
const ROUNDS = Number(option('rounds', '6'));
const STATEMENTS = Number(option('statements', '8'));
const OUT = option('out', '');
/** SQLite's wal_autocheckpoint for the close, in pages (1000 is its default; 0 turns it off,
 *  and the write-ahead log is then checkpointed after the close, timed apart). */
const AUTOCHECKPOINTS = option('autocheckpoint', '1000').split(',').map(Number);
/** Who checkpoints the log: the commit that finds it long (`commit`, SQLite's way, the
 *  command line's) or the server's worker thread (`worker`, decision 0079). */
const CHECKPOINTERS = option('checkpointer', 'commit').split(',');
/** SQLite's cache_size for the close (negative: KiB; -2000 is its default). */
const CACHE_SIZE = option('cache-size', '');
const FILE = 'peerconomy.sqlite';

const round = (x: number) => Math.round(x * 100) / 100;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

/** Every statement SQLite ran, with the wall time it took (better-sqlite3 runs them on this
 *  thread, so the time between call and return is the statement's). */
const ran: { text: string; ms: number }[] = [];
{
  const scratch = new BetterSqlite3(':memory:');
  const proto = Object.getPrototypeOf(scratch.prepare('select 1')) as Record<string, unknown>;
  scratch.close();
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = proto[method] as (...a: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...a: unknown[]) {
      const start = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        ran.push({ text: this.source, ms: performance.now() - start });
      }
    };
  }
}

/** The kernel's read and write byte counts of this process (storage, not page cache hits). */
function io() {
  const text = readFileSync('/proc/self/io', 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(text)?.[1] ?? 0);
  return {
    rchar: field('rchar'),
    wchar: field('wchar'),
    readBytes: field('read_bytes'),
    writeBytes: field('write_bytes'),
  };
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  wcharBytes: number;
  rcharBytes: number;
  writeBytes: number;
  fileBytes: number;
  walBytes: number;
  /** Distinct pages the close wrote to the write-ahead log, by table or index (autocheckpoint
   *  0 only: then the log holds the close's pages only). */
  pagesByTree: Record<string, number>;
  /** The checkpoint after the close (autocheckpoint 0 only). */
  checkpointMs: number;
  statements: number;
  statementsMs: number;
  groups: { text: string; count: number; ms: number }[];
}

/** The distinct pages in the write-ahead log, by the table or index they belong to (SQLite's
 *  dbstat table names each page's b-tree). */
async function walPagesByTree(db: Kysely<Database>, dataDir: string) {
  const wal = readFileSync(join(dataDir, `${FILE}-wal`));
  const pageSize = wal.readUInt32BE(8);
  const pages = new Set<number>();
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    pages.add(wal.readUInt32BE(at));
  }
  const { rows } = await sql<{ name: string; pageno: number }>`
    select name, pageno from dbstat`.execute(db);
  const treeOf = new Map(rows.map((r) => [r.pageno, r.name]));
  const counts: Record<string, number> = {};
  for (const page of pages) {
    const name = treeOf.get(page) ?? '(free or new)';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

async function closeOnce(period: number, autocheckpoint: number, by: string): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'close-bench-'));
  try {
    copyFileSync(join(KEEP, `p${period}.sqlite`), join(dataDir, FILE));
    // The copy on disk before the close: its fsyncs are not to write the copy's pages.
    const copied = openSync(join(dataDir, FILE), 'r+');
    fsyncSync(copied);
    closeSync(copied);
    const size = (f: string) => {
      try {
        return statSync(join(dataDir, f)).size;
      } catch {
        return 0;
      }
    };
    const database = openDatabase({ dataDir, checkpointOffThread: by === 'worker' });
    try {
      if (by === 'commit')
        await sql.raw(`PRAGMA wal_autocheckpoint = ${autocheckpoint}`).execute(database.db);
      if (CACHE_SIZE !== '')
        await sql.raw(`PRAGMA cache_size = ${Number(CACHE_SIZE)}`).execute(database.db);
      const economy = createEconomyService(database.economyStore);
      const read = await economy.projection(POOL_ID);
      if (!read.ok) throw new Error(`projection: ${JSON.stringify(read.error)}`);
      const from = ran.length;
      const before = io();
      const cpu = process.cpuUsage();
      const start = performance.now();
      const closed = await economy.advance(POOL_ID, `bench:close:${period}`, {
        period,
        stage: 'closed',
      });
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const after = io();
      if (!closed.ok) throw new Error(`close: ${JSON.stringify(closed.error)}`);
      const walBefore = size(`${FILE}-wal`);
      const pagesByTree =
        by === 'commit' && autocheckpoint === 0 ? await walPagesByTree(database.db, dataDir) : {};
      const checkpointStart = performance.now();
      if (by === 'commit' && autocheckpoint === 0)
        await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(database.db);
      const checkpointMs = round(performance.now() - checkpointStart);
      const groups = new Map<string, { count: number; ms: number }>();
      for (const { text, ms } of ran.slice(from)) {
        const key = text.replace(/\s+/g, ' ').slice(0, 100);
        const g = groups.get(key) ?? { count: 0, ms: 0 };
        g.count += 1;
        g.ms += ms;
        groups.set(key, g);
      }
      return {
        wallMs: round(wallMs),
        cpuMs: round((used.user + used.system) / 1000),
        wcharBytes: after.wchar - before.wchar,
        rcharBytes: after.rchar - before.rchar,
        writeBytes: after.writeBytes - before.writeBytes,
        fileBytes: size(FILE),
        walBytes: walBefore,
        pagesByTree,
        checkpointMs,
        statements: ran.length - from,
        statementsMs: round(ran.slice(from).reduce((n, x) => n + x.ms, 0)),
        groups: [...groups]
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([text, g]) => ({ text, count: g.count, ms: round(g.ms) })),
      };
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const variants = PERIODS.flatMap((p) =>
    CHECKPOINTERS.flatMap((c) => AUTOCHECKPOINTS.map((a) => ({ p, a, c }))),
  );
  const name = (v: { p: number; a: number; c: string }) => `${v.p}/${v.c}/${v.a}`;
  const samples = new Map<string, Sample[]>(variants.map((v) => [name(v), []]));
  const loads: number[][] = [loadavg()];
  for (let r = 0; r <= ROUNDS; r += 1) {
    for (const { p, a, c } of r % 2 === 0 ? variants : [...variants].reverse()) {
      const s = await closeOnce(p, a, c);
      log(
        `round ${r} period ${p} ${c} autocheckpoint ${a}: ${s.wallMs} ms (cpu ${s.cpuMs}), ` +
          `checkpoint after ${s.checkpointMs} ms, ${s.statements} statements ` +
          `${s.statementsMs} ms, wrote ${s.wcharBytes} B (to disk ${s.writeBytes} B), ` +
          `read ${s.rcharBytes} B, wal ${s.walBytes} B, file ${s.fileBytes} B`,
      );
      if (r > 0) samples.get(name({ p, a, c }))!.push(s);
    }
    loads.push(loadavg());
  }
  const summary = variants.map(({ p, a, c }) => {
    const list = samples.get(name({ p, a, c }))!;
    const byText = new Map<string, { count: number; ms: number[] }>();
    for (const s of list) {
      for (const g of s.groups) {
        const e = byText.get(g.text) ?? { count: g.count, ms: [] };
        e.ms.push(g.ms);
        byText.set(g.text, e);
      }
    }
    return {
      period: p,
      checkpointer: c,
      autocheckpoint: c === 'commit' ? a : null,
      samples: list.length,
      checkpointMs: median(list.map((s) => s.checkpointMs)),
      wallMs: median(list.map((s) => s.wallMs)),
      wallMsAll: list.map((s) => s.wallMs),
      cpuMs: median(list.map((s) => s.cpuMs)),
      statementsMs: median(list.map((s) => s.statementsMs)),
      statements: median(list.map((s) => s.statements)),
      wcharBytes: median(list.map((s) => s.wcharBytes)),
      rcharBytes: median(list.map((s) => s.rcharBytes)),
      walBytes: median(list.map((s) => s.walBytes)),
      fileBytes: list[0]?.fileBytes,
      pagesByTree: list[0]?.pagesByTree,
      slowestStatements: [...byText]
        .map(([text, e]) => ({ text, count: e.count, medianMs: round(median(e.ms)) }))
        .sort((a, b) => b.medianMs - a.medianMs)
        .slice(0, STATEMENTS),
    };
  });
  const results = { date: new Date().toISOString(), keep: KEEP, rounds: ROUNDS, loads, summary };
  printResults(results, OUT);
}

runBench(main);
