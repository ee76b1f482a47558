// Builds the policy entries into banner-stamped, gated ES5 scripts on disk (Node only).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PROJECT_ROOT, bundleOptionsOf, type PolicyEntry } from './entries';

export interface BuildBundlesOptions {
  entries: PolicyEntry[];
  /** Folder for every bundle (default: each entry's `out` folder under the project root). */
  outDir?: string;
  /** Stamped into each banner. */
  version: string;
  /** Globals for the smoke run (default: akanaSmokeGlobals()). */
  smokeGlobals?: () => Record<string, unknown>;
}

/**
 * The smoke run's globals: no-op loggers and nothing else. messageContext, result, msgrService and
 * msgFactory are absent on purpose: an entry must not throw even then (it checks with typeof).
 */
export function akanaSmokeGlobals(): Record<string, unknown> {
  const logger = {
    debug: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    isDebugEnabled: () => false
  };
  return { auditLog: logger, systemLog: logger };
}

export function bannerFor(entry: Pick<PolicyEntry, 'title' | 'purpose' | 'gateway'>, version: string): string {
  return (
    `/* PingIntelligence API Security Enforcer sideband policy for ${entry.gateway ?? 'Akana'} — ${entry.title} v${version}\n` +
    ` * ${entry.purpose}\n` +
    ' * Built from the pi-api-akana-policy sources; ES5 for Mozilla Rhino. Do not edit by hand except config.js values. */'
  );
}

/** The version in the project's package.json. */
export async function readPackageVersion(root: string = PROJECT_ROOT): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || !/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(pkg.version)) {
    throw new Error(`package.json has no valid "version" (found ${JSON.stringify(pkg.version)})`);
  }
  return pkg.version;
}

/** The ES5 compiler and gates, or an error saying what to install when the dev dependencies are missing. */
async function loadCompiler(): Promise<{ bundleEs5: typeof import('./es5-bundle').bundleEs5; gateBundle: typeof import('./es5-gates').gateBundle }> {
  try {
    const [{ bundleEs5 }, { gateBundle }] = await Promise.all([import('./es5-bundle'), import('./es5-gates')]);
    return { bundleEs5, gateBundle };
  } catch (error) {
    throw new Error(
      `compiling the policies needs the dev dependencies esbuild, typescript and acorn (run "npm install" in the checkout): ${(error as Error).message}`
    );
  }
}

/** Bundles, gates (ES5 syntax, then a smoke run without ES2015+ built-ins) and writes every entry, in order. */
export async function buildBundles(opts: BuildBundlesOptions): Promise<{ file: string; bytes: number }[]> {
  const missing = opts.entries.filter((entry) => !existsSync(resolve(PROJECT_ROOT, entry.source)));
  if (missing.length > 0) {
    const list = missing.map((entry) => `${entry.source} (for ${basename(entry.out)})`).join(', ');
    throw new Error(`missing policy source${missing.length > 1 ? 's' : ''}: ${list}`);
  }
  const names = opts.entries.map((entry) => basename(entry.out));
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`two policy entries write ${twice}`);
  const smokeGlobals = opts.smokeGlobals ?? akanaSmokeGlobals;
  // Loaded here, not at the top: esbuild, TypeScript and acorn are dev dependencies, and the CLI
  // of an installed package imports this module (bannerFor, readPackageVersion) without them.
  const { bundleEs5, gateBundle } = await loadCompiler();
  const written: { file: string; bytes: number }[] = [];
  for (const entry of opts.entries) {
    const code = await bundleEs5(bundleOptionsOf(entry, bannerFor(entry, opts.version)));
    const name = basename(entry.out);
    gateBundle(code, name, smokeGlobals());
    const file = opts.outDir ? join(resolve(opts.outDir), name) : resolve(PROJECT_ROOT, entry.out);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, code, 'utf8');
    written.push({ file, bytes: Buffer.byteLength(code, 'utf8') });
  }
  return written;
}
