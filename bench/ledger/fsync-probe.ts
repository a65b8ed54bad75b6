// The physical floor under every durable commit: how many 8 kB write + fdatasync pairs the
// disk under the temp directory takes per second right now (pg_test_fsync's "fdatasync" line,
// in Node). The disk is shared with other work on this machine, so the bench measures it at the
// start and the end of a run instead of trusting an older figure.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from './workload.ts';

export interface FsyncProbe {
  readonly syncsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export function probeFdatasync(durationMs = 1_000): FsyncProbe {
  const dir = mkdtempSync(join(tmpdir(), 'peerconomy-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const block = Buffer.alloc(8192, 1);
  const latencies: number[] = [];
  try {
    const start = performance.now();
    while (performance.now() - start < durationMs) {
      const t0 = performance.now();
      writeSync(fd, block, 0, block.length, 0);
      fdatasyncSync(fd);
      latencies.push(performance.now() - t0);
    }
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      syncsPerSecond: latencies.length / seconds,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
    };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
