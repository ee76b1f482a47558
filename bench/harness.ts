// The harness every benchmark section shares: its context, run sizes, interleaved closed-loop rounds on Node, the shipped Node host (Node, bench).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { EngineInfo } from '../emulators/akana';
import { PROJECT_ROOT } from '../packaging/entries';
import type { StandinFarm } from './standin-farm';
import { rotation, type Rounds } from './stats';

/** The Node entry's shape; at run time it is the shipped build dist/node/index.js, never the sources. */
export type NodeEntry = typeof import('../node/index');

export interface BenchContext {
  /** full; quick (--quick): fewer messages and rounds; smoke (--smoke, for the test): a fifth of quick, only to show every path runs. */
  mode: 'full' | 'quick' | 'smoke';
  bundles: { piPolicy: string; retainHeader: string };
  farm: StandinFarm;
  /** One progress line on stderr. */
  progress(line: string): void;
  /** Set by the first section that starts a JVM. */
  engine?: EngineInfo;
  /** dist/node/index.js, built by `npm run build:node` at first use. */
  nodeHost(): Promise<NodeEntry>;
}

/** A count (messages, calls, rounds) for the run's mode. */
export function size(ctx: Pick<BenchContext, 'mode'>, full: number, quick: number): number {
  return ctx.mode === 'full' ? full : ctx.mode === 'quick' ? quick : Math.max(1, Math.ceil(quick / 5));
}

/** Builds the shipped Node entry as an operator does (npm run build:node) and imports it, once. */
export function shippedNodeHost(): () => Promise<NodeEntry> {
  let loaded: Promise<NodeEntry> | undefined;
  return () => {
    loaded ??= (async () => {
      const built = spawnSync('npm', ['run', 'build:node'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`npm run build:node failed: ${built.stderr || built.stdout}`);
      return (await import(pathToFileURL(join(PROJECT_ROOT, 'dist', 'node', 'index.js')).href)) as NodeEntry;
    })();
    return loaded;
  };
}

export interface LoadResult {
  /** Per-call latency in microseconds, in completion order. */
  latencies: number[];
  wallMs: number;
  /** Calls per second over the whole round. */
  throughput: number;
  /** CPU time of this whole process (user + system) per call over the round, in microseconds. */
  cpuPerCall: number;
}

export interface LoadOptions {
  calls: number;
  concurrency: number;
  /** Pause of each worker after each call (paces the load). */
  pauseMs?: number;
}

/** Closed loop: `concurrency` workers, each sending its next call when the last one is answered; a call that throws fails the round. */
export async function runLoad(options: LoadOptions, call: () => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let issued = 0;
  async function worker(): Promise<void> {
    while (issued < options.calls) {
      issued++;
      const t0 = performance.now();
      await call();
      latencies.push((performance.now() - t0) * 1000);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.calls) }, () => worker()));
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - start;
  return { latencies, wallMs, throughput: (options.calls * 1000) / wallMs, cpuPerCall: (used.user + used.system) / options.calls };
}

/** Interleaved rounds of closed-loop load, arm order rotated each round, warm-up rounds dropped. */
export async function nodeRounds<A extends string>(
  arms: Record<A, () => Promise<void>>,
  options: LoadOptions & { rounds: number; warmupRounds: number }
): Promise<Rounds<A, LoadResult>> {
  const kept: Rounds<A, LoadResult> = [];
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    const got = {} as Record<A, LoadResult>;
    for (const arm of rotation(Object.keys(arms) as A[], round)) got[arm] = await runLoad(options, arms[arm]);
    if (round >= options.warmupRounds) kept.push(got);
  }
  return kept;
}

/**
 * Node host timeouts for the sections that measure answered calls: long enough that an answer slowed
 * by the shared cores is measured rather than timed out (the host still arms its timer per attempt).
 */
export const PATIENT = { connectTimeoutMs: 5000, attemptTimeoutMs: 5000, callBudgetMs: 10000 };

/** A logger that keeps warn and error lines (a benchmark expects none) and drops debug. */
export function countingLogger(): { logger: { debug(m: string): void; warn(m: string): void; error(m: string): void }; lines: string[] } {
  const lines: string[] = [];
  return { lines, logger: { debug: () => undefined, warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) } };
}
