// Reading each pool's open-period projection after the server starts (issue 14). The first
// projection read of a process loads the pool's checkpoint and open inputs and runs the
// projection's code for the first time; done in the background, it is the server that pays,
// not the first member who asks. The read is kept by the pool's input sequence number, so it
// also answers that member's read when no input came in between; the first pool's is run a few
// times more, so that the read after an input finds the code optimised. It is only a warm-up:
// a pool whose read fails is logged and skipped, and nothing waits for it (readiness does not).
import type { EconomyService } from './economy-service.ts';

/**
 * How many times the first open pool's projection is run. The first run loads what the reads
 * keep (the checkpoint, the open inputs, the clearing); the others run the period's step again
 * on them, as the read after a member's input does, until the engine has optimised that code:
 * after one run that read took 37–76 ms, after twelve 20–41 ms (docs/BENCHMARKS.md, issue 14).
 * The code is the same for every pool, so the other pools are run once, to load their data.
 */
export const WARM_UP_PASSES = 12;

export interface WarmUpLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface WarmUpOutcome {
  /** Pools whose open-period projection was read. */
  readonly read: readonly string[];
  /** Pools without an open period (nothing to read). */
  readonly notOpen: readonly string[];
  /** Pools whose read failed otherwise (refused or thrown), logged as warnings. */
  readonly failed: readonly string[];
}

/**
 * Reads the open-period projection of every pool, one pool after another, until `stopped()`
 * says the server is stopping. Never rejects: a failure to list the pools or to read one is
 * logged and counted.
 */
export async function warmProjections(
  economy: Pick<EconomyService, 'listPools' | 'projection'>,
  logger: WarmUpLogger,
  stopped: () => boolean = () => false,
  passes = WARM_UP_PASSES,
): Promise<WarmUpOutcome> {
  const read: string[] = [];
  const notOpen: string[] = [];
  const failed: string[] = [];
  let passesLeft = passes;
  let poolIds: readonly string[];
  try {
    poolIds = await economy.listPools();
  } catch (error) {
    logger.warn({ err: error }, 'projection warm-up: the pools could not be listed');
    return { read, notOpen, failed };
  }
  for (const poolId of poolIds) {
    if (stopped()) break;
    try {
      const answer = await economy.projection(poolId);
      if (answer.ok) {
        read.push(poolId);
        try {
          for (let pass = 1; pass < passesLeft && !stopped(); pass += 1) {
            // Requests that came in meanwhile go first: the warm-up only fills idle time.
            await new Promise((resolve) => setImmediate(resolve));
            await economy.projection(poolId, undefined, { again: true });
          }
        } catch (error) {
          // The pool was read; only the code's warming stopped.
          logger.warn({ poolId, err: error }, 'projection warm-up: a run again failed');
        }
        passesLeft = 1;
      } else if (answer.error.code === 'economy.no_open_period') notOpen.push(poolId);
      else {
        failed.push(poolId);
        logger.warn({ poolId, error: answer.error }, 'projection warm-up: the read was refused');
      }
    } catch (error) {
      failed.push(poolId);
      logger.warn({ poolId, err: error }, 'projection warm-up: the read failed');
    }
  }
  logger.info(
    { read: read.length, notOpen: notOpen.length, failed: failed.length },
    'projection warm-up done',
  );
  return { read, notOpen, failed };
}
