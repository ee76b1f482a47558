// Akana arms in one JVM through fake.akana.BenchRunner (scripts compiled once, a fresh top-level object per message), and the floor's byte check (Node, bench).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { akanaNode, compileFakeAkana, configScript, rhinoJar, serviceName } from '../emulators/akana';
import type { EngineInfo, PresentedMessage, PropertyValue, RouteConfig, ScriptRef, SendRecord } from '../emulators/akana';
import { PROJECT_ROOT } from '../packaging/entries';
import { p50, type Rounds } from './stats';
import { BENCH_TOKEN, typicalAkanaPhases } from './typical-call';

/** The hand-written floor policy (bench/hand-written-policy.js). */
export const HAND_WRITTEN = fileURLToPath(new URL('./hand-written-policy.js', import.meta.url));

export interface PhaseSpec {
  scripts: ScriptRef[];
  message: PresentedMessage;
  /** Set on the exchange before the scripts run (what earlier gateway steps leave). */
  exchangeProperties?: Record<string, PropertyValue>;
}

export interface ArmSpec {
  name: string;
  request?: PhaseSpec;
  /** Runs on the same exchange after the request phase. */
  response?: PhaseSpec;
  /** Sleep after each message, untimed (paces calls). */
  pauseMs?: number;
  /** Log lines containing this text are counted (logMatches). */
  countLog?: string;
}

/** One arm in one round, as BenchRunner reports it: per-message times and outcome counts. */
export interface ArmRound {
  requestCpuNanos: number[];
  requestWallNanos: number[];
  responseCpuNanos: number[];
  responseWallNanos: number[];
  sends: number;
  answered200: number;
  blocked: number;
  exceptions: number;
  logLines: number;
  logMatches: number;
  firstProblem: string | null;
}

export interface RhinoBenchSpec {
  routes: Record<string, RouteConfig>;
  arms: ArmSpec[];
  rounds: number;
  warmupRounds: number;
  /** Messages per arm per round. */
  messages: number;
  /** Run once in the shared scope of standard objects, before any message. */
  shared?: ScriptRef[];
  /** After the last round, wait up to this long for the async pool to drain (background sends finish before the JVM exits). */
  tailMs?: number;
  javaArgs?: string[];
}

export interface RhinoBench {
  engine: EngineInfo;
  /** Measured rounds (warm-up dropped). */
  rounds: Rounds<string, ArmRound>;
  /** What the first message of each arm sent, per phase. */
  captured: Record<string, { request: SendRecord[]; response: SendRecord[] | null }>;
}

const execFileAsync = promisify(execFile);

/**
 * Every bench JVM compiles in the foreground (-Xbatch): what HotSpot compiles and inlines then follows
 * the messages run, not the timing of a background compiler starved on shared cores (a gateway's JVM,
 * not starved, compiles soon after a method turns hot too). Measured on this project's 2-core machine,
 * the same bundle beside the floor in eight JVMs: 2.7x to 5.1x with background compilation (median
 * 3.8x), 3.3x to 3.6x with -Xbatch (median 3.5x; one JVM at 2.0x). The warm-up rounds are thrown away
 * either way.
 */
export const BENCH_JVM_ARGS = ['-Xbatch'];

export async function runRhinoBench(spec: RhinoBenchSpec): Promise<RhinoBench> {
  const classes = await compileFakeAkana();
  const file = join(tmpdir(), `pi-bench-${process.pid}-${randomBytes(6).toString('hex')}.json`);
  // Production log levels: debug lines off, as on a busy gateway.
  writeFileSync(file, JSON.stringify({ options: { baseDir: PROJECT_ROOT }, logLevels: { auditLog: 'warn', systemLog: 'warn' }, ...spec }));
  try {
    const args = [...BENCH_JVM_ARGS, ...(spec.javaArgs ?? []), '-cp', `${classes}:${rhinoJar()}`, 'fake.akana.BenchRunner', file];
    const { stdout } = await execFileAsync('java', args, { maxBuffer: 1 << 30, timeout: 600000 });
    return JSON.parse(stdout) as RhinoBench;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Per-message microseconds of one phase of one arm round. */
export const micros = (nanos: number[]): number[] => nanos.map((n) => n / 1000);

/** A phase's CPU per message in one arm's round, its p50 in µs: the figure every Akana CPU comparison takes. */
export const phaseCpuP50 = (phase: 'request' | 'response') => (round: ArmRound): number =>
  p50(micros(phase === 'request' ? round.requestCpuNanos : round.responseCpuNanos));

/** config.js for these nodes (each an API registered in Akana, its service name tagged), with the bench token. */
export function akanaConfig(tag: string, nodes: string[], options: Record<string, unknown> = {}): ScriptRef {
  return configScript({ aseToken: BENCH_TOKEN, nodes: nodes.map((n) => akanaNode(n, tag)), ...options });
}

/** The Messenger's routing table for one tag: node name -> route (base URL, container timeouts). */
export function akanaRoutes(tag: string, nodes: Record<string, Omit<RouteConfig, 'interfaceName'>>): Record<string, RouteConfig> {
  const routes: Record<string, RouteConfig> = {};
  for (const [node, route] of Object.entries(nodes)) routes[serviceName(node, tag)] = route;
  return routes;
}

/** An arm that runs `scripts` on the typical call: the request phase, and the response phase unless requestOnly. */
export function typicalArm(name: string, scripts: ScriptRef[], extra: Partial<ArmSpec> & { requestOnly?: boolean } = {}): ArmSpec {
  const { requestOnly, ...rest } = extra;
  const phases = typicalAkanaPhases();
  return {
    name,
    request: { scripts, ...phases.request },
    response: requestOnly ? undefined : { scripts, ...phases.response },
    ...rest
  };
}

export interface ArmExpectation {
  /** Sends answered 200 per message; default sendsPerMessage. */
  answeredPerMessage?: number;
  /** Sends per round beyond sendsPerMessage x messages that are fine (a down node probed again). */
  extraSends?: number;
  /** Warn and error lines are expected (failover notes). */
  logs?: boolean;
}

/** Throws unless every message of the arm ran without an exception, was let through, sent what was expected and logged nothing (unless allowed). */
export function expectArm(run: RhinoBench, arm: string, messages: number, sendsPerMessage: number, options: ArmExpectation = {}): void {
  for (const round of run.rounds) {
    const r = round[arm];
    const problem = r.firstProblem ? ` (first: ${r.firstProblem})` : '';
    const sends = messages * sendsPerMessage;
    const answered = messages * (options.answeredPerMessage ?? sendsPerMessage);
    if (r.exceptions > 0) throw new Error(`${arm}: ${r.exceptions} messages threw${problem}`);
    if (r.blocked > 0) throw new Error(`${arm}: ${r.blocked} messages were blocked${problem}`);
    if (r.sends < sends || r.sends > sends + (options.extraSends ?? 0) || r.answered200 !== answered) {
      throw new Error(`${arm}: ${r.sends} sends, ${r.answered200} answered 200, expected ${sends} and ${answered}${problem}`);
    }
    if (!options.logs && r.logLines > 0) throw new Error(`${arm}: ${r.logLines} warn/error lines${problem}`);
  }
}

/** pi_policy.js and a floor (each with the same config.js) on the typical call, both phases, ASE at `baseUrl`, plus extra arms; every message checked. */
export async function policyAndFloor(
  piPolicy: string,
  tag: string,
  baseUrl: string,
  spec: Pick<RhinoBenchSpec, 'messages' | 'rounds' | 'warmupRounds' | 'shared'>,
  extra: ArmSpec[] = [],
  floorPolicy: ScriptRef = HAND_WRITTEN
): Promise<RhinoBench> {
  const config = akanaConfig(tag, ['primary']);
  const arms = [typicalArm('bundle', [config, piPolicy]), typicalArm('floor', [config, floorPolicy]), ...extra];
  const run = await runRhinoBench({ routes: akanaRoutes(tag, { primary: { baseUrl } }), arms, ...spec });
  expectArm(run, 'bundle', spec.messages, 2);
  expectArm(run, 'floor', spec.messages, 2);
  return run;
}

export interface FloorCheck {
  requestBody: string;
  responseBody: string;
}

function sendOf(run: RhinoBench, arm: string, phase: 'request' | 'response'): SendRecord {
  const send = run.captured[arm]?.[phase]?.[0];
  if (!send || send.body === null || send.status !== 200) throw new Error(`${arm} sent no answered ${phase} call for the typical call`);
  return send;
}

/** The sideband headers of a send, the correlation id's value aside (it is random per call). */
function headerShape(send: SendRecord): string {
  return JSON.stringify({ contentType: send.contentType, headers: (send.requestHeaders ?? []).map(([n, v]) => [n, n === 'X-CorrelationID' ? '<id>' : v]) });
}

/**
 * Runs the bundle and the hand-written floor once each on the typical call (ASE answered in-process)
 * and throws unless the floor sent exactly the bundle's bytes and headers in both phases.
 */
export async function checkFloor(piPolicy: string, floorPolicy: ScriptRef = HAND_WRITTEN): Promise<FloorCheck> {
  const run = await policyAndFloor(piPolicy, 'floor-check', 'inproc:200', { messages: 1, rounds: 1, warmupRounds: 0 }, [], floorPolicy);
  for (const phase of ['request', 'response'] as const) {
    const ours = sendOf(run, 'bundle', phase);
    const floor = sendOf(run, 'floor', phase);
    if (floor.body !== ours.body) {
      throw new Error(`the hand-written floor's /ase/${phase} body differs from the bundle's:\n  bundle: ${ours.body}\n  floor:  ${floor.body}`);
    }
    if (headerShape(floor) !== headerShape(ours)) {
      throw new Error(`the hand-written floor's /ase/${phase} headers differ from the bundle's:\n  bundle: ${headerShape(ours)}\n  floor:  ${headerShape(floor)}`);
    }
  }
  return { requestBody: sendOf(run, 'bundle', 'request').body as string, responseBody: sendOf(run, 'bundle', 'response').body as string };
}
