// Where pi_policy.js spends its time in Rhino: a JFR sampling run, samples grouped by the policy function on their stack (Node, bench).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CONFIG_GROUP = 'config.js: reading and validating the variables';
export const READ_GROUP = 'reading the Akana host objects (headers, properties, subjects)';
export const BODY_GROUP = 'building and serialising the /ase/request body';
export const SEND_GROUP = 'exchange, send through msgrService, state machine, decision';

/** First policy function met walking a stack outwards-in decides the sample's group. */
const GROUPS: Array<[string, string[]]> = [
  [CONFIG_GROUP, ['loadAkanaConfig', 'readAkanaConfigGlobals']],
  [READ_GROUP, ['readRequest', 'readIdentity', 'takeRetainedAuthorization', 'readAkanaBindings']],
  ['correlation id (java.util.UUID)', ['javaRandomUuid', 'newCorrelationId', 'javaRandomBytes']],
  [BODY_GROUP, ['requestMessage']],
  [SEND_GROUP, ['sendPhase']],
  ['logging', ['akanaLogger', 'logDecision']]
];
export const INSTANTIATION = 'instantiating the bundle (its top-level function and variable definitions)';
export const GLUE = 'other policy code (runPiPolicy, requestPhase)';

const JS_FRAME = /_c_([A-Za-z0-9_$]+)_(\d+)\(/;

/** The JS functions of a stack, outermost first; frames are top-first as `jfr print` lists them. */
export function jsFunctions(framesTopFirst: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = framesTopFirst.length - 1; i >= 0; i--) {
    const match = JS_FRAME.exec(framesTopFirst[i]);
    if (match) names.push(match[2] === '1' && match[1] === 'anonymous' ? '<bundle>' : match[1]);
  }
  return names;
}

/** The group of one sample, or null when the bundle is not on its stack (loop, timer, harness). */
export function classifySample(framesTopFirst: readonly string[]): string | null {
  const names = jsFunctions(framesTopFirst);
  const bundle = names.indexOf('<bundle>');
  if (bundle < 0) return null;
  const inner = names.slice(bundle + 1);
  for (const name of inner) {
    const base = name.replace(/\d+$/, '');
    for (const [group, functions] of GROUPS) if (functions.includes(base)) return group;
  }
  return inner.length === 0 ? INSTANTIATION : GLUE;
}

export interface ProfileShare {
  group: string;
  samples: number;
  /** Of the samples with the bundle on the stack. */
  share: number;
}

/** Share of one group (0 when no sample fell in it). */
export function shareOf(profile: PolicyProfile, group: string): number {
  return profile.groups.find((g) => g.group === group)?.share ?? 0;
}

export interface PolicyProfile {
  samples: number;
  groups: ProfileShare[];
  /** Samples inside a Java method called from the script (Rhino's reflection bridge and the host objects). */
  javaCallShare: number;
  /** Samples inside JSON.stringify (the floor's own work). */
  stringifyShare: number;
  /**
   * Samples at the top of the stack in the script class's getParamOrVarName: the name table of every
   * function's parameters and variables, read for each slot of every activation object Rhino builds.
   */
  nameTableShare: number;
}

/** Splits `jfr print --events jdk.ExecutionSample` text into samples, each its frames top-first. */
export function parseJfrSamples(text: string): string[][] {
  return text
    .split('jdk.ExecutionSample {')
    .slice(1)
    .map((event) => {
      const start = event.indexOf('stackTrace = [');
      if (start < 0) return [];
      const end = event.indexOf('\n  ]', start);
      return event.slice(start, end < 0 ? undefined : end).split('\n').slice(1).map((l) => l.trim()).filter((l) => l && l !== '...');
    })
    .filter((frames) => frames.length > 0);
}

export function summarizeProfile(samples: readonly string[][]): PolicyProfile {
  const counts = new Map<string, number>();
  let inBundle = 0;
  let java = 0;
  let stringify = 0;
  let nameTable = 0;
  for (const frames of samples) {
    const group = classifySample(frames);
    if (group === null) continue;
    inBundle += 1;
    counts.set(group, (counts.get(group) ?? 0) + 1);
    if (frames.some((f) => f.startsWith('org.mozilla.javascript.NativeJavaMethod.call') || f.startsWith('org.mozilla.javascript.NativeJavaObject.get('))) java += 1;
    if (frames.some((f) => f.startsWith('org.mozilla.javascript.NativeJSON.stringify'))) stringify += 1;
    if (/^org\.mozilla\.javascript\.gen\.[\w$]+\.getParamOrVarName\(/.test(frames[0])) nameTable += 1;
  }
  const groups = [...counts.entries()]
    .map(([group, n]) => ({ group, samples: n, share: inBundle ? n / inBundle : 0 }))
    .sort((a, b) => b.samples - a.samples);
  const share = (n: number): number => (inBundle ? n / inBundle : 0);
  return { samples: inBundle, groups, javaCallShare: share(java), stringifyShare: share(stringify), nameTableShare: share(nameTable) };
}

/** JVM flags for a 1 ms JFR sampling recording into `file` (its startup line kept off stdout, which carries the results). */
export function jfrArgs(file: string): string[] {
  return ['-Xlog:jfr+startup=off', `-XX:StartFlightRecording=filename=${file},settings=profile,jdk.ExecutionSample#period=1ms`];
}

/** Runs `work` with JFR flags, then reads the samples back with the JDK's `jfr` tool. */
export async function withJfr(work: (javaArgs: string[]) => Promise<void>): Promise<PolicyProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-jfr-'));
  const file = join(dir, 'policy.jfr');
  try {
    await work(jfrArgs(file));
    const printed = spawnSync('jfr', ['print', '--events', 'jdk.ExecutionSample', '--stack-depth', '256', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (printed.status !== 0) throw new Error(`jfr print failed: ${printed.stderr || printed.error?.message}`);
    return summarizeProfile(parseJfrSamples(printed.stdout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
