// Renders, checks and writes Akana's config.js from a JSON config file (Node only).
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { renderAkanaConfigJs } from './config-js-render';
import { bannerFor } from '../packaging/build-bundles';
import { smokeRun } from '../packaging/es5-context';
import { AKANA_CONFIG, PROJECT_ROOT } from '../packaging/entries';
import { validateConfigWithZod } from './config-schema';
import { loadAkanaConfig } from '../policies/hosts/akana';
import { configJsVariables } from '../policies/hosts/akana/config-js';
import { PING_NODE_PREFIXES } from '../policies/core/config-fields';
import type { PolicyConfig } from '../policies/core/config-types';

const AKANA_VARIABLES = configJsVariables();

/** The first two nodes take Akana's fixed names, as config.js's primary_/secondary_ variables imply. */
function withAkanaNodeNames(config: PolicyConfig): PolicyConfig {
  const names: readonly string[] = PING_NODE_PREFIXES;
  return { ...config, nodes: config.nodes.map((node, i) => (i < names.length ? { ...node, name: names[i] } : node)) };
}

/** Reads and validates a JSON config file; throws one error listing every problem with its path. */
export async function readConfigFile(file: string): Promise<PolicyConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read config ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const checked = validateConfigWithZod(raw);
  if (!checked.ok) {
    throw new Error(`config ${file} is invalid:\n${checked.problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
  }
  return checked.config;
}

/**
 * Writes <outDir>/config.js from the config file and proves the round trip: the written script,
 * evaluated without ES2015+ built-ins, must yield the same validated config through the very loader
 * pi_policy.js uses.
 */
export async function buildAkanaConfigJs(opts: { configFile?: string; outDir: string; version: string }): Promise<{ file: string; bytes: number }> {
  const source = resolve(opts.configFile ?? join(PROJECT_ROOT, AKANA_CONFIG.defaultSource));
  const config = withAkanaNodeNames(await readConfigFile(source));
  const code = renderAkanaConfigJs(config, bannerFor(AKANA_CONFIG, opts.version));
  // node:vm only (no ES5 parser): this runs from an installed package too. The text is comments, var
  // statements and JSON literals, ES5 by construction; the test suite parses it as ES5 as well.
  const globals = smokeRun(`${code}\n;({${AKANA_VARIABLES.map((name) => `${name}: ${name}`).join(', ')}})`, 'config.js', {});
  const loaded = loadAkanaConfig(globals as Record<string, unknown>);
  if (!loaded.ok) throw new Error(`rendered config.js does not load: ${loaded.line}`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(loaded.config)), JSON.parse(JSON.stringify(config)))) {
    throw new Error('rendered config.js loads into a different config than the JSON it came from');
  }
  const file = join(resolve(opts.outDir), 'config.js');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, code, 'utf8');
  return { file, bytes: Buffer.byteLength(code, 'utf8') };
}
