// Builds the Apigee shared flow: the ES5 script (same pipeline and gates as Akana's), pi-config.js, the XML, the unpacked bundle and its zip (Node only).
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bannerFor, buildBundles } from '../build-bundles';
import { APIGEE_BUILD, APIGEE_ENTRIES, PROJECT_ROOT } from '../entries';
import { readConfigFile } from '../../config/config-js-build';
import type { PolicyConfig } from '../../policies/core/config-types';
import { apigeeOptions, type ApigeeOptions } from './apigee-options';
import { APIGEE_RESOURCES, scriptTimeLimit, sharedFlowFiles } from './bundle-files';
import { checkPiConfigJs, renderPiConfigJs } from './config-resource';
import { zipFiles } from './zip';

export interface ApigeeBuildInput {
  /** JSON config (default examples/apigee-config.json); every node needs a url. */
  configFile?: string;
  /** Default dist/apigee of the project. */
  outDir?: string;
  version: string;
  options?: Partial<ApigeeOptions>;
}

export interface ApigeeBuild {
  /** The importable zip: <outDir>/<name>.zip. */
  zip: string;
  zipBytes: number;
  /** The same files unpacked: <outDir>/sharedflowbundle. */
  bundleDir: string;
  /** Paths inside the zip, sorted. */
  files: string[];
  config: PolicyConfig;
  options: ApigeeOptions;
  timeLimitMs: number;
}

const PI_CONFIG_ENTRY = {
  title: APIGEE_RESOURCES.config,
  purpose: 'IncludeURL of the Javascript step: the ASE nodes and options, without secrets (the token is in the KVM).',
  gateway: 'Apigee'
};

/**
 * apigeelint's ESLint rule (PO025) applies hand-written style (double quotes, unquoted keys,
 * function-level "use strict") to every script; the compiled script turns it off for itself and
 * tells JSHint (PO013) that quoted reserved-word keys are wanted. Syntax stays checked by both.
 */
const LINT_DIRECTIVES =
  '/* eslint-disable -- generated ES5 (esbuild + TypeScript), checked by the build\'s ES5 gates */\n/* jshint sub: true */\n';

function withLintDirectives(script: string): string {
  const end = script.indexOf('*/') + 2;
  return `${script.slice(0, end)}\n${LINT_DIRECTIVES}${script.slice(end).replace(/^\n/, '')}`;
}

/** The config file, validated, with a url on every node (Apigee's script calls ASE by URL). */
export async function readApigeeConfig(file: string): Promise<PolicyConfig> {
  const config = await readConfigFile(file);
  const missing = config.nodes.findIndex((node) => !node.url);
  if (missing >= 0) {
    throw new Error(`config ${file}: nodes[${missing}] has no url: on Apigee the script calls ASE by URL (e.g. "https://ase.example.com:8443")`);
  }
  return config;
}

const compiledScripts = new Map<string, Promise<string>>();

/**
 * pi-sideband.js through the same pipeline and gates as the Akana bundles (the smoke run has no
 * Apigee objects at all); compiled once per process and version, since it holds no config.
 */
function compiledScript(version: string): Promise<string> {
  let pending = compiledScripts.get(version);
  if (pending === undefined) {
    pending = (async () => {
      const scratch = await mkdtemp(join(tmpdir(), 'pi-apigee-script-'));
      try {
        const [built] = await buildBundles({ entries: APIGEE_ENTRIES, outDir: scratch, version, smokeGlobals: () => ({}) });
        return withLintDirectives(await readFile(built.file, 'utf8'));
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    })();
    compiledScripts.set(version, pending);
    pending.catch(() => compiledScripts.delete(version));
  }
  return pending;
}

/** The bundle's files as text, path -> content, plus what they were made from. */
export async function renderSharedFlow(input: ApigeeBuildInput): Promise<{ files: Record<string, string>; config: PolicyConfig; options: ApigeeOptions }> {
  const options = apigeeOptions(input.options);
  const config = await readApigeeConfig(resolve(input.configFile ?? join(PROJECT_ROOT, APIGEE_BUILD.defaultSource)));
  const script = await compiledScript(input.version);
  const configJs = renderPiConfigJs(config, options, bannerFor(PI_CONFIG_ENTRY, input.version));
  checkPiConfigJs(configJs, config);
  return { files: sharedFlowFiles(config, options, input.version, { script, config: configJs }), config, options };
}

/** Writes <outDir>/sharedflowbundle/ (replaced whole) and <outDir>/<name>.zip. */
export async function buildApigeeSharedFlow(input: ApigeeBuildInput): Promise<ApigeeBuild> {
  const { files, config, options } = await renderSharedFlow(input);
  const outDir = resolve(input.outDir ?? join(PROJECT_ROOT, APIGEE_BUILD.outDir));
  const bundleDir = join(outDir, 'sharedflowbundle');
  await rm(bundleDir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    const file = join(outDir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
  }
  const zipBytes = zipFiles(files);
  const zip = join(outDir, `${options.name}.zip`);
  await writeFile(zip, zipBytes);
  return { zip, zipBytes: zipBytes.length, bundleDir, files: Object.keys(files).sort(), config, options, timeLimitMs: scriptTimeLimit(config) };
}
