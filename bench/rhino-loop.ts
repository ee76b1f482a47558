// Timing inside Rhino: loop scripts that time each iteration with System.nanoTime, and interleaved rounds in one JVM (Node, bench).
import { rotation } from './stats';
import { runScenarioDocument, type EngineInfo, type RunOptions, type Scenario, type ScriptRef, type Step, type StepResult } from '../emulators/akana';

/** Context property the loop script leaves its per-iteration nanoseconds in (comma-separated). */
export const NANOS_PROPERTY = 'bench.nanos';

export interface LoopSpec {
  name: string;
  iterations: number;
  /** Timed: runs once per iteration (e.g. the whole bundle text, or one JSON.stringify). */
  body: string;
  /** Once, before the loop, untimed. */
  setup?: string;
  /** Before each iteration, untimed (e.g. restore exchange state an earlier gateway step would leave). */
  beforeEach?: string;
  /** Sleep after each iteration, untimed: paces calls (failover windows, async mode). */
  pauseMs?: number;
}

/**
 * One script execution that runs `body` N times and records each iteration's time. Harness costs
 * (fresh scope, bindings, result snapshots) happen once per execution, outside every timed region;
 * the two System.nanoTime calls per iteration (about a microsecond through Rhino's Java bridge) are
 * inside it, equally for a variant and its floor.
 */
export function loopScript(spec: LoopSpec): ScriptRef {
  if (!(spec.iterations >= 1)) throw new Error('a loop needs at least one iteration');
  const source = [
    spec.setup ?? '',
    'var __benchTimes = [];',
    'var __benchClock = java.lang.System;',
    `for (var __benchI = 0; __benchI < ${spec.iterations}; __benchI++) {`,
    spec.beforeEach ?? '',
    '  var __benchT0 = __benchClock.nanoTime();',
    spec.body,
    '  __benchTimes.push(__benchClock.nanoTime() - __benchT0);',
    spec.pauseMs ? `  java.lang.Thread.sleep(${Math.round(spec.pauseMs)});` : '',
    '}',
    `messageContext.setProperty(${JSON.stringify(NANOS_PROPERTY)}, __benchTimes.join(','));`
  ].join('\n');
  return { name: `${spec.name}.js`, source };
}

/** Per-iteration times of a loop step, in microseconds; throws when the script failed. */
export function iterationMicros(step: StepResult): number[] {
  if (step.exception) throw new Error(`step ${step.name} threw ${step.exception.class}: ${step.exception.message}`);
  const raw = step.contextProperties[NANOS_PROPERTY];
  if (typeof raw !== 'string' || raw === '') throw new Error(`step ${step.name} left no ${NANOS_PROPERTY}`);
  return raw.split(',').map((n) => Number(n) / 1000);
}

export interface RhinoRoundsOptions {
  name: string;
  routes?: Scenario['routes'];
  logLevels?: Scenario['logLevels'];
  /** Each arm's step for a round; its exchange id is set here (one fresh exchange per step). */
  arms: Record<string, (round: number) => Step>;
  warmupRounds: number;
  rounds: number;
  /** Steps after the last round (e.g. a pause so background sends finish before the JVM exits). */
  tail?: Step[];
  run?: RunOptions;
}

export interface RhinoRounds {
  engine: EngineInfo;
  /** Measured rounds only (warm-up dropped), each arm's step result by arm name. */
  rounds: Array<Record<string, StepResult>>;
}

/** Every round of every arm in ONE JVM and one Rhino Context, interleaved, warm-up rounds first. */
export async function runRhinoRounds(options: RhinoRoundsOptions): Promise<RhinoRounds> {
  const names = Object.keys(options.arms);
  const steps: Step[] = [];
  const total = options.warmupRounds + options.rounds;
  for (let round = 0; round < total; round++) {
    for (const arm of rotation(names, round)) {
      steps.push({ ...options.arms[arm](round), name: `${arm}#${round}`, exchange: `${arm}#${round}` });
    }
  }
  steps.push(...(options.tail ?? []));
  const scenario: Scenario = { name: options.name, routes: options.routes, logLevels: options.logLevels, steps };
  const doc = await runScenarioDocument([scenario], { timeoutMs: 600000, ...options.run });
  const results = doc.scenarios[0].steps;
  const rounds: Array<Record<string, StepResult>> = [];
  for (let round = options.warmupRounds; round < total; round++) {
    const byArm: Record<string, StepResult> = {};
    for (const arm of names) {
      const found = results.find((s) => s.name === `${arm}#${round}`);
      if (!found) throw new Error(`no result for ${arm}#${round}`);
      byArm[arm] = found;
    }
    rounds.push(byArm);
  }
  return { engine: doc.engine, rounds };
}
