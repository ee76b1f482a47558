// What every benchmark section gets from bench/run.ts: mode, built bundles, the stand-in farm, progress output (Node, bench).
import type { EngineInfo } from '../emulators/akana';
import type { AkanaBundles } from './akana-bench';
import type { StandinFarm } from './standin-farm';

export interface BenchContext {
  /** --quick: fewer iterations and rounds, every section still runs. */
  quick: boolean;
  bundles: AkanaBundles;
  farm: StandinFarm;
  /** One progress line on stderr. */
  progress(line: string): void;
  /** Set by the first section that starts a JVM: the engine the Rhino figures come from. */
  engine?: EngineInfo;
}

/** The full-run value or the quick one. */
export function size<T>(ctx: Pick<BenchContext, 'quick'>, full: T, quick: T): T {
  return ctx.quick ? quick : full;
}
