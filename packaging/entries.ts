// The policy entries the build turns into Akana scripts, where the project root is, and whether their sources are there (Node only).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRootOf } from './package-root';
import type { RareFactorySpec } from './rare-factory';
// Type only (erased): es5-bundle.ts loads esbuild, which an installed CLI does not have.
import type { Es5BundleEntry } from './es5-bundle';

/**
 * Absolute path of the project root (the folder holding package.json); sources and outputs are
 * relative to it. From an installed package it is the package's folder in node_modules.
 */
export const PROJECT_ROOT = packageRootOf(import.meta.url);

export interface PolicyEntry {
  /** TypeScript entry, relative to the project root. */
  source: string;
  /** Bundle path relative to the project root; its file name is the name operators know. */
  out: string;
  /** Short name shown in the banner. */
  title: string;
  /** One sentence for the banner: what the script does and where it goes in the gateway. */
  purpose: string;
  /** The gateway named in the banner (default Akana). */
  gateway?: string;
  /** Core modules the bundle takes from the gateway's own modules (packaging/host-modules.ts), by project path. */
  hostModules?: Readonly<Record<string, string>>;
  /** Top-level functions of the bundle made with their exclusive callees on first call (packaging/phase-factories.ts). */
  phaseFactories?: readonly string[];
  /** Rare roots of the bundle, whose functions a usual message never makes (packaging/rare-factory.ts). */
  rareFactory?: RareFactorySpec;
  /** Top-level tables of constants the bundle reads as literals (packaging/inline-constants.ts). */
  inlineConstants?: readonly string[];
  /** Top-level string and number vars the bundle reads as literals (packaging/inline-constants.ts). */
  inlineLiteralVars?: boolean;
  /** Function declarations made properties of one object per function body, out of Rhino's name tables (packaging/function-tables.ts). */
  functionTables?: boolean;
}

/** What bundleEs5 takes for an entry: its source and every shaping step, as the build ships it. */
export function bundleOptionsOf(entry: PolicyEntry, banner: string): Es5BundleEntry {
  return {
    entryPath: resolve(PROJECT_ROOT, entry.source),
    banner: banner,
    hostModules: entry.hostModules,
    phaseFactories: entry.phaseFactories,
    rareFactory: entry.rareFactory,
    inlineConstants: entry.inlineConstants,
    inlineLiteralVars: entry.inlineLiteralVars,
    functionTables: entry.functionTables
  };
}

export const AKANA_ENTRIES: PolicyEntry[] = [
  {
    source: 'policies/pi-policy.ts',
    out: 'dist/akana/pi_policy.js',
    title: 'pi_policy.js',
    purpose:
      'Operational script policy (request and response): sends each call\'s metadata to ASE and blocks what ASE blocks; imports config.js.',
    // hashSecrets: the JVM's SHA-256 (the core's ES5 digest as its fallback).
    hostModules: { 'policies/core/sha256.ts': 'policies/hosts/akana/jvm-sha256.ts' },
    // A message makes only its own phase's functions.
    phaseFactories: ['requestPhase', 'responsePhase'],
    // The outcome codes and the string and number constants as literals: no 21-property object and
    // fewer top-level slots made per message.
    inlineConstants: ['Codes'],
    inlineLiteralVars: true,
    // Rhino's name tables (getParamOrVarName, getParamOrVarConst) under HotSpot's 8000-byte limit:
    // the functions are properties of one object per body, not names of it.
    functionTables: true,
    // What a usual message never runs (test/packaging/rare-factory.test.ts holds it in Rhino): made
    // together on the first rare call of a message. Methods (they read this) and what a top-level
    // statement uses cannot be roots.
    rareFactory: {
      name: 'rarePaths',
      roots: [
        // a node failing, the failover's end, a broken transport or host, an answer without a status
        'describeError', 'failoverNote', 'giveUp', 'thrownAttempt', 'loopDidNotEnd', 'internalLine', 'failureCode', 'member',
        'writeKey', 'passDecision', 'answerOf',
        // config.js seen for the first time in this JVM
        'checkAkanaConfig', 'configMarker', 'keepMarker',
        // asyncMode, hashSecrets, diagnostics (off by default)
        'asyncWorkerKit', 'submitBounded', 'runInBackground', 'sendInBackground', 'countForReport', 'droppedLine', 'noteAsyncDropped',
        'secretHashKit', 'secretHasher', 'hashAuthorization', 'hashCookieHeader', 'hashSecret', 'hashSetCookieHeader', 'diagnosticsKit', 'logDiagnostics',
        // unusual calls: IPv6 or bracketed client addresses, query tokens, odd headers, no request properties, a block
        'parseBracketed', 'parsePort', 'parseIpv6WithZone', 'ipv6Groups', 'groupList', 'formatIpv6', 'peerEndpoint', 'queryParameter',
        'replaceQueryValues', 'queryPairs', 'decodeQueryComponent', 'hashQuerySecrets', 'normalizeHeaderName', 'boundHeaderTexts', 'removeExcluded',
        'parseRequestLine', 'answerBlocked', 'clientAnswer', 'javaInteger',
        // a host read that threw when made directly, done again guarded (hosts/akana/read.ts)
        'guardedProperty', 'guardedHeaders', 'guardedPrincipal'
      ]
    }
  },
  {
    source: 'policies/retain-header.ts',
    out: 'dist/akana/retain-header-policy.js',
    title: 'retain-header-policy.js',
    purpose:
      'Operational script policy for Pre-policy Auditing: keeps the Authorization header in the exchange before OAuth removes it.'
  }
];

/**
 * config.js is not bundled: it is rendered from a validated JSON config (build --config FILE, default
 * the example below), so operators' values land in the very variables pi_policy.js reads.
 */
export const AKANA_CONFIG = {
  out: 'dist/akana/config.js',
  title: 'config.js',
  purpose: 'Policy Manager script imported by pi_policy.js: the ASE token, the ASE nodes (registered APIs) and options.',
  defaultSource: 'examples/akana-config.json'
};

/** The three scripts an operator adds to Policy Manager, as named in the tarball. */
export const AKANA_SCRIPTS = ['pi_policy.js', 'retain-header-policy.js', 'config.js'];

/**
 * The Apigee shared flow's one script (request and response flows, told apart by context.flow).
 * Its out path is inside the unpacked bundle; pi-config.js beside it is rendered, not bundled.
 */
export const APIGEE_ENTRIES: PolicyEntry[] = [
  {
    source: 'policies/apigee-sideband.ts',
    out: 'dist/apigee/sharedflowbundle/resources/jsc/pi-sideband.js',
    title: 'pi-sideband.js',
    purpose: 'Javascript step of the shared flow (request and response flows): sends each call\'s metadata to ASE and leaves a block to the RaiseFault steps; includes pi-config.js.',
    gateway: 'Apigee',
    // Apigee runs the step from its top level on every flow too: the outcome codes as literals, and
    // the functions out of Rhino's name tables (as pi_policy.js).
    inlineConstants: ['Codes'],
    functionTables: true
  }
];

/** The Apigee build's default config and where the shared flow goes. */
export const APIGEE_BUILD = {
  outDir: 'dist/apigee',
  defaultSource: 'examples/apigee-config.json'
};

/**
 * True in a source checkout: the policy sources are there, so `build` compiles them. An installed
 * package ships only the prebuilt bundles (dist/akana), never policies/.
 */
export function hasPolicySources(root: string = PROJECT_ROOT): boolean {
  return AKANA_ENTRIES.every((entry) => existsSync(join(root, entry.source)));
}

/** Where an installed package keeps its prebuilt Akana bundles (npm pack builds them: packaging/build-package.ts). */
export const PREBUILT_AKANA_DIR = join(PROJECT_ROOT, 'dist', 'akana');
