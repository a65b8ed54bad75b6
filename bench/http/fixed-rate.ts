// An open-loop load at a fixed rate: request i is due at start + i / rate, whatever the answers
// before it did, and its latency is counted from when it was due, so a server that falls behind
// shows every millisecond it made the next requests wait (coordinated omission, counted rather
// than estimated). autocannon's `overallRate` is no such load: each of its connections sends
// its share of a second back to back at the start of the second and then waits for the next,
// so 500/s arrives as bursts of as many requests as there are connections, and its correction
// records every answer slower than 1 ms as a run of samples down to 1 ms
// (docs/BENCHMARKS.md, the HTTP server).
import { Agent, request } from 'node:http';
import type { RawRequest } from 'autocannon';

export interface FixedRateResult {
  /** Answers with a 2xx status per second of the run (from the first due time to the last answer). */
  readonly perSecond: number;
  /** Latency from the due time, in ms. */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Latency from when the request was written to its socket, in ms (the server's part). */
  readonly serviceP99: number;
  readonly requests: number;
  readonly failed: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0
    ? Number.NaN
    : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;

/** Sends `rate × seconds` requests from `next()` at a fixed rate over at most `sockets` sockets. */
export async function fixedRate(
  url: string,
  next: () => RawRequest,
  options: { rate: number; seconds: number; sockets: number },
): Promise<FixedRateResult> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets });
  const total = Math.round(options.rate * options.seconds);
  const fromDue: number[] = [];
  const fromSent: number[] = [];
  let failed = 0;
  const answered: Promise<void>[] = [];
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const raw = next();
      let sent = due;
      const req = request(
        {
          agent,
          hostname,
          port,
          method: raw.method ?? 'GET',
          path: raw.path,
          headers: raw.headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const now = performance.now();
            if ((res.statusCode ?? 500) < 300) {
              fromDue.push(now - due);
              fromSent.push(now - sent);
            } else failed++;
            resolve();
          });
        },
      );
      // The agent queues a request until one of its sockets is free; the wait is the client's.
      req.on('socket', () => {
        sent = performance.now();
      });
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(raw.body);
    });
  const start = performance.now() + 20;
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && start + (i * 1000) / options.rate <= now) {
        answered.push(send(start + (i * 1000) / options.rate));
        i++;
      }
      if (i < total) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 20);
  });
  await Promise.all(answered);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  fromDue.sort((a, b) => a - b);
  fromSent.sort((a, b) => a - b);
  return {
    perSecond: Math.round((fromDue.length / seconds) * 10) / 10,
    p50: quantile(fromDue, 0.5),
    p90: quantile(fromDue, 0.9),
    p99: quantile(fromDue, 0.99),
    max: quantile(fromDue, 1),
    serviceP99: quantile(fromSent, 0.99),
    requests: fromDue.length + failed,
    failed,
  };
}
