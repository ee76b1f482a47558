// Closed-loop load for the Node sections: N calls through C concurrent workers, each call's latency and the round's throughput (Node, bench).
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadResult {
  /** Per-call latency in microseconds, in completion order. */
  latencies: number[];
  wallMs: number;
  /** Calls per second over the whole round. */
  throughput: number;
}

export interface LoadOptions {
  total: number;
  concurrency: number;
  /** Pause of each worker after each call (paces the load); default none. */
  pauseMs?: number;
}

/** Runs `call` `total` times with `concurrency` workers; a call that throws fails the round. */
export async function runLoad(options: LoadOptions, call: (index: number) => Promise<void>): Promise<LoadResult> {
  const { total, concurrency } = options;
  if (!(total >= 1 && concurrency >= 1)) throw new Error('load needs at least one call and one worker');
  const latencies: number[] = [];
  let issued = 0;
  async function worker(): Promise<void> {
    while (issued < total) {
      const index = issued++;
      const t0 = performance.now();
      await call(index);
      latencies.push((performance.now() - t0) * 1000);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, () => worker()));
  const wallMs = performance.now() - start;
  return { latencies, wallMs, throughput: (total * 1000) / wallMs };
}

/** A logger that counts warn and error lines (a benchmark expects none) and drops everything. */
export function countingLogger(): { logger: { debug(m: string): void; warn(m: string): void; error(m: string): void }; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      debug: () => undefined,
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${m}`)
    }
  };
}
