// What every pi_policy.js message pays before its phase's own work (the bundle's top level and config.js's load, measured with scripts derived from the bundle), and what hashSecrets adds (Node, bench).
//
// Akana runs the compiled script from its top level for every message (shared/akana.md), so these
// two costs come with each request and each response message whatever the call is. The JFR breakdown
// attributes samples to parts; these arms measure the two parts directly, each script alone in its own
// JVM beside the hand-written floor (two copies of the bundle's class in one JVM slow both down).
import { readFileSync } from 'node:fs';
import type { ScriptRef } from '../emulators/akana';
import type { BenchContext } from './harness';
import { size } from './harness';
import { compareArms, type Compared } from './stats';
import { akanaConfig, akanaRoutes, expectArm, HAND_WRITTEN, runRhinoBench, typicalArm, phaseCpuP50 } from './rhino-bench';

/**
 * The bundle's one statement that runs a message (policies/pi-policy.ts, as esbuild writes it), its
 * functions called through `table` when the bundle's functions live in one (packaging/function-tables.ts).
 */
export const entryCall = (table = ''): string => `${table}runPiPolicy(${table}readAkanaBindings(), ${table}readAkanaConfigGlobals());`;

/**
 * The config load as piPolicy runs it (entries.ts): with the message's exchange and parameter type, so
 * a request carries the config on the exchange and its response takes it from there. The bound
 * messageContext's own methods, called in place: the derived script has no phase to read them for it.
 */
export const configLoad = (table = ''): string =>
  `${table}loadAkanaConfig(${table}readAkanaConfigGlobals(), messageContext.getExchange(), ${table}jsInt(messageContext.getParameterType()));`;

// Not after a dot or a name character: the whole call, its table prefix included.
const ENTRY_CALLS = /(?<![\w$.])(__fns\d+\.)?runPiPolicy\(\1readAkanaBindings\(\), \1readAkanaConfigGlobals\(\)\);/g;

export type FixedPart = 'top level' | 'top level + config load';

/** The bundle with its entry call taken out (its top level only) or cut to the config load (loadAkanaConfig, no phase). */
export function fixedCostScripts(bundleSource: string): Record<FixedPart, ScriptRef> {
  const calls = [...bundleSource.matchAll(ENTRY_CALLS)];
  if (calls.length !== 1) throw new Error(`pi_policy.js must hold its entry call exactly once to derive the fixed-cost scripts: ${entryCall()} (found ${calls.length})`);
  const [call] = calls;
  const at = call.index ?? 0;
  const derive = (name: string, replacement: string) => ({ name, source: bundleSource.slice(0, at) + replacement + bundleSource.slice(at + call[0].length) });
  return {
    'top level': derive('pi-policy-top-level.js', ''),
    'top level + config load': derive('pi-policy-config-load.js', configLoad(call[1] ?? ''))
  };
}

export interface FixedCost {
  part: FixedPart;
  /** Per phase: the derived script's CPU per message against the hand-written floor's, same JVM and rounds. */
  request: Compared;
  response: Compared;
}

/** Each derived script with config.js on the typical call, in its own JVM with the floor; every message checked (no send, no log line). */
export async function measureFixedCosts(ctx: BenchContext): Promise<FixedCost[]> {
  const scripts = fixedCostScripts(readFileSync(ctx.bundles.piPolicy, 'utf8'));
  const messages = size(ctx, 300, 200);
  const out: FixedCost[] = [];
  for (const part of Object.keys(scripts) as FixedPart[]) {
    const config = akanaConfig('fixed', ['primary']);
    const arms = [typicalArm('derived', [config, scripts[part]]), typicalArm('floor', [config, HAND_WRITTEN])];
    const run = await runRhinoBench({ routes: akanaRoutes('fixed', { primary: { baseUrl: 'inproc:200' } }), arms, messages, rounds: size(ctx, 8, 4), warmupRounds: size(ctx, 10, 8) });
    expectArm(run, 'derived', messages, 0);
    expectArm(run, 'floor', messages, 2);
    out.push({ part, request: compareArms(run.rounds, 'derived', 'floor', phaseCpuP50('request')), response: compareArms(run.rounds, 'derived', 'floor', phaseCpuP50('response')) });
  }
  return out;
}

/** A salt of the length validation demands: the bench's own, never a real one. */
const BENCH_HASH_SALT = 'bench-hash-salt-0123456789abcdef';

/**
 * pi_policy.js with hashSecrets on (the typical call hashes its Authorization, three cookies and its API
 * key), in its own JVM beside the hand-written floor, which hashes nothing: the floor only scales the figure.
 */
export async function measureHashSecrets(ctx: BenchContext): Promise<Record<'request' | 'response', Compared>> {
  const messages = size(ctx, 300, 200);
  const config = akanaConfig('hash', ['primary'], { hashSecrets: true, hashSalt: BENCH_HASH_SALT });
  const arms = [typicalArm('hashing', [config, ctx.bundles.piPolicy]), typicalArm('floor', [config, HAND_WRITTEN])];
  const run = await runRhinoBench({ routes: akanaRoutes('hash', { primary: { baseUrl: 'inproc:200' } }), arms, messages, rounds: size(ctx, 8, 4), warmupRounds: size(ctx, 10, 8) });
  expectArm(run, 'hashing', messages, 2);
  expectArm(run, 'floor', messages, 2);
  return { request: compareArms(run.rounds, 'hashing', 'floor', phaseCpuP50('request')), response: compareArms(run.rounds, 'hashing', 'floor', phaseCpuP50('response')) };
}
