// Where pi_policy.js spends a message in Rhino: a JFR sampling run, each sample given to the part of the policy on its stack (Node, bench).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSTANTIATION = 'instantiating the bundle (its top-level functions and constants)';
export const OTHER = 'other policy code (entry, phase glue, logging)';

/** The parts of a message, each named by the policy functions whose samples it takes (the outermost match on a stack wins). */
export const PARTS: Array<[string, string[]]> = [
  ['config.js: reading and validating its variables', ['loadAkanaConfig', 'readAkanaConfigGlobals', 'checkAkanaConfig']],
  ['host reads: message, exchange, subjects, retained Authorization, correlation id', [
    'readRequest', 'readResponse', 'readIdentity', 'takeRetainedAuthorization', 'readAkanaBindings', 'javaRandomUuid', 'newCorrelationId', 'javaRandomBytes'
  ]],
  ['payload: building and serialising the ASE body', ['requestMessage', 'responseMessage']],
  ['exchange, send through msgrService, state machine, decision', ['sendPhase', 'answerBlocked']]
];

const JS_FRAME = /_c_([A-Za-z0-9_$]+)_(\d+)\(/;

/**
 * The bundle's function names by Rhino's numbering (packaging/function-tables.ts rhinoFunctionNames):
 * its functions made as table properties are anonymous to Rhino, _c_anonymous_<n>. `classPart` tells
 * the bundle's frames from config.js's (Rhino names a script's class after its file).
 */
export interface BundleNames {
  classPart: string;
  names: readonly string[];
}

/** The JS functions of a stack, outermost first (`jfr print` lists frames top first); the bundle's IIFE is '<bundle>'. */
function jsFunctions(framesTopFirst: readonly string[], bundle?: BundleNames): string[] {
  const names: string[] = [];
  for (let i = framesTopFirst.length - 1; i >= 0; i--) {
    const match = JS_FRAME.exec(framesTopFirst[i]);
    if (!match) continue;
    if (match[2] === '1' && match[1] === 'anonymous') names.push('<bundle>');
    else if (match[1] === 'anonymous' && bundle && framesTopFirst[i].includes(bundle.classPart)) names.push(bundle.names[Number(match[2])] ?? 'anonymous');
    else names.push(match[1].replace(/\d+$/, ''));
  }
  return names;
}

/** The part of one sample, or null when the bundle is not on its stack (config.js's own run, the harness); instantiation when only the top level or a phase factory runs. */
export function classifySample(framesTopFirst: readonly string[], bundle?: BundleNames): string | null {
  const names = jsFunctions(framesTopFirst, bundle);
  const top = names.indexOf('<bundle>');
  if (top < 0) return null;
  const inner = names.slice(top + 1);
  for (const name of inner) for (const [part, functions] of PARTS) if (functions.includes(name)) return part;
  // A phase factory's own frame (packaging/phase-factories.ts) is the bundle's top level made late.
  return inner.length === 0 || /PhaseFactory$/.test(inner[inner.length - 1]) ? INSTANTIATION : OTHER;
}

export interface Profile {
  /** Samples with the bundle on the stack. */
  samples: number;
  /** Share of those samples per part, in PARTS order, instantiation and other code last. */
  parts: Array<{ part: string; share: number }>;
  /** Cross-cutting shares: inside JSON.stringify, inside a Java method called from the script. */
  stringifyShare: number;
  javaShare: number;
}

/** Splits `jfr print --events jdk.ExecutionSample` text into samples, each its frames top first. */
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

/** The frame of fake.akana.BenchRunner that runs one phase's scripts: a sample belongs to that phase when it is on its stack. */
export const PHASE_FRAMES = { request: 'fake.akana.BenchRunner.execRequest', response: 'fake.akana.BenchRunner.execResponse' } as const;

/** The parts of the samples; with `phase`, only of the samples taken while that phase's scripts ran. */
export function summarizeProfile(samples: readonly string[][], phase?: keyof typeof PHASE_FRAMES, bundle?: BundleNames): Profile {
  const counts = new Map<string, number>();
  let inBundle = 0;
  let java = 0;
  let stringify = 0;
  for (const frames of samples) {
    if (phase && !frames.some((f) => f.startsWith(PHASE_FRAMES[phase] + '('))) continue;
    const part = classifySample(frames, bundle);
    if (part === null) continue;
    inBundle += 1;
    counts.set(part, (counts.get(part) ?? 0) + 1);
    if (frames.some((f) => f.startsWith('org.mozilla.javascript.NativeJavaMethod.call'))) java += 1;
    if (frames.some((f) => f.startsWith('org.mozilla.javascript.NativeJSON.stringify'))) stringify += 1;
  }
  const share = (n: number) => (inBundle ? n / inBundle : 0);
  const order = [...PARTS.map(([part]) => part), INSTANTIATION, OTHER];
  return { samples: inBundle, parts: order.map((part) => ({ part, share: share(counts.get(part) ?? 0) })), stringifyShare: share(stringify), javaShare: share(java) };
}

/** Runs `work` with JFR sampling every millisecond into a file, then reads the samples back with the JDK's `jfr` tool; `phase` and `bundle` as in summarizeProfile. */
export async function withJfr(work: (javaArgs: string[]) => Promise<unknown>, phase?: keyof typeof PHASE_FRAMES, bundle?: BundleNames): Promise<Profile> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-jfr-'));
  const file = join(dir, 'policy.jfr');
  try {
    await work(['-Xlog:jfr+startup=off', `-XX:StartFlightRecording=filename=${file},settings=profile,jdk.ExecutionSample#period=1ms`]);
    const printed = spawnSync('jfr', ['print', '--events', 'jdk.ExecutionSample', '--stack-depth', '256', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (printed.status !== 0) throw new Error(`jfr print failed: ${printed.stderr || printed.error?.message}`);
    return summarizeProfile(parseJfrSamples(printed.stdout), phase, bundle);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
