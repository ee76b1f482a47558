// `npm run bench:compare -- BASE.js CANDIDATE.js [...]`: an A/B of pi_policy.js builds, each in its own JVMs beside the hand-written floor, the JVMs alternated (Node, bench).
//
// Why its own command: a change to the bundle moves its CPU per message by a few percent, while one
// JVM's JIT decisions move it by more (bench/rhino-bench.ts), and two copies of the bundle's class in
// one JVM slow each other down. So each bundle runs alone in a JVM beside the floor, and the bundles
// take turns over several JVMs, so that load on the machine hits them alike; what compares them is
// each one's ratio to the floor, pooled over its JVMs' rounds. Every bundle must send the bytes the
// floor sends (checkFloor), so a change that alters the payload stops the run. Nothing is written.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rhinoAvailable } from '../emulators/akana';
import { checkFloor, phaseCpuP50, policyAndFloor, type ArmRound } from './rhino-bench';
import { compareArms, type Compared, type Rounds } from './stats';

const PHASES = ['request', 'response'] as const;
type Phase = (typeof PHASES)[number];


export interface BundleComparison {
  bundle: string;
  /** Per phase: the bundle's CPU per message against the floor's, its JVMs' rounds pooled. */
  phases: Record<Phase, Compared>;
  /** Per JVM, the median ratio of each phase, in the order the JVMs ran. */
  perJvm: Array<Record<Phase, number>>;
}

export interface CompareOptions {
  jvms: number;
  messages: number;
  rounds: number;
  warmupRounds: number;
  progress?: (line: string) => void;
}

/** Runs the A/B: for each JVM turn, every bundle in turn in a JVM of its own beside the floor. */
export async function compareBundles(bundles: readonly string[], options: CompareOptions): Promise<BundleComparison[]> {
  for (const bundle of bundles) await checkFloor(bundle);
  // Per bundle, per JVM: that JVM's measured rounds of the bundle and the floor.
  const runs: JvmRounds[][] = bundles.map(() => []);
  for (let jvm = 0; jvm < options.jvms; jvm++) {
    for (let b = 0; b < bundles.length; b++) {
      const run = await policyAndFloor(bundles[b], 'compare', 'inproc:200', { messages: options.messages, rounds: options.rounds, warmupRounds: options.warmupRounds });
      const rounds: JvmRounds = run.rounds.map((round) => ({ bundle: round.bundle, floor: round.floor }));
      runs[b].push(rounds);
      options.progress?.(`JVM ${jvm + 1}/${options.jvms} ${bundles[b]}: request ${ratioOf(rounds, 'request').toFixed(2)}x, response ${ratioOf(rounds, 'response').toFixed(2)}x`);
    }
  }
  return bundles.map((bundle, b) => {
    const pooled = runs[b].flat();
    return {
      bundle,
      phases: { request: compareArms(pooled, 'bundle', 'floor', phaseCpuP50('request')), response: compareArms(pooled, 'bundle', 'floor', phaseCpuP50('response')) },
      perJvm: runs[b].map((rounds) => ({ request: ratioOf(rounds, 'request'), response: ratioOf(rounds, 'response') }))
    };
  });
}

type JvmRounds = Rounds<'bundle' | 'floor', ArmRound>;

/** The median ratio of the bundle's CPU to the floor's over one JVM's rounds. */
function ratioOf(rounds: JvmRounds, phase: Phase): number {
  return compareArms(rounds, 'bundle', 'floor', phaseCpuP50(phase)).result.median;
}

/** One line per bundle and phase: the ratio to the floor (range over rounds), the bundle's and the floor's µs. */
export function describeComparison(results: readonly BundleComparison[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    for (const phase of PHASES) {
      const c = result.phases[phase];
      lines.push(`${result.bundle} ${phase}: ${c.result.median.toFixed(2)}x the floor (rounds ${c.result.lo.toFixed(2)}-${c.result.hi.toFixed(2)}), ` +
        `${c.variant.median.toFixed(1)} µs against ${c.floor.median.toFixed(1)} µs; per JVM ${result.perJvm.map((j) => j[phase].toFixed(2)).join(' ')}`);
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      jvms: { type: 'string', default: '4' },
      messages: { type: 'string', default: '500' },
      rounds: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '20' }
    }
  });
  const engine = rhinoAvailable();
  if (!engine.ok) throw new Error(`bench:compare needs Rhino and a JDK: ${engine.reason}`);
  if (positionals.length < 2) throw new Error('usage: npm run bench:compare -- BASE.js CANDIDATE.js [more.js] [--jvms 4] [--messages 500] [--rounds 4] [--warmup 20]');
  const bundles = positionals.map((file) => resolve(file));
  for (const file of bundles) if (!existsSync(file)) throw new Error(`no such bundle: ${file}`);
  const whole = (name: keyof typeof values, least = 1) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < least) throw new Error(`--${name} must be a whole number of at least ${least} (got ${values[name]})`);
    return n;
  };
  const options = { jvms: whole('jvms'), messages: whole('messages'), rounds: whole('rounds'), warmupRounds: whole('warmup', 0), progress: (line: string) => console.error(line) };
  for (const line of describeComparison(await compareBundles(bundles, options))) console.log(line);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`bench:compare: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
