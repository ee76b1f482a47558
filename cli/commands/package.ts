// `package` command: packs the built Akana scripts and INSTALL.md into the release tarball (Node only).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../cli';
import { defaultDistDir, startCommand, userPath, type LineIo } from '../command-io';
import { readPackageVersion } from '../../packaging/build-bundles';
import { AKANA_SCRIPTS, PROJECT_ROOT } from '../../packaging/entries';
import { writeTarball } from '../../packaging/package-tarball';
import { renderInstallNote } from '../../packaging/install-note';
import { refuseInvalidConfigJs } from '../../config/config-js-refusal';
import { formatProblem } from '../../config/config-file';
import type { ConfigProblem } from '../../policies/core/config';

export const PACKAGE_NAME = 'pi-api-akana-policy';
const INSTALL_NOTE = join(PROJECT_ROOT, 'packaging', 'install-note.md');
/** INSTALL.md carries the README's deployment guide and configuration reference (packaging/install-note.ts). */
const README = join(PROJECT_ROOT, 'README.md');

/** Default output folder: dist/ under the project root in a checkout, dist/ in your folder from an installed package. */
export const DEFAULT_DIST = defaultDistDir();

export interface PackageResult {
  /** The .tar.gz written. */
  file: string;
  /** Paths inside the archive. */
  entries: string[];
  /** What config.js holds that is valid but risky (config/config-warnings.ts), in config.js's names. */
  warnings: ConfigProblem[];
}

/**
 * Packs <distDir>/akana/{pi_policy.js, retain-header-policy.js, config.js} and INSTALL.md (from
 * packaging/install-note.md, with the version, the README's "Deploying on Akana" section and its
 * configuration reference filled in) into <distDir>/pi-api-akana-policy-<version>.tar.gz.
 * Refuses a config.js (say, edited by hand) that pi_policy.js would reject with CONFIG_INVALID.
 */
export async function packageAkana(opts: { distDir: string; version: string }): Promise<PackageResult> {
  const akanaDir = join(opts.distDir, 'akana');
  const scripts = AKANA_SCRIPTS;
  const missing = scripts.filter((name) => !existsSync(join(akanaDir, name)));
  if (missing.length > 0) {
    throw new Error(`${missing.map((name) => join(akanaDir, name)).join(', ')} missing: run "npm run build" (or "pi-akana build") first`);
  }
  const warnings = refuseInvalidConfigJs(await readFile(join(akanaDir, 'config.js'), 'utf8'), shown(join(akanaDir, 'config.js')));
  const note = renderInstallNote(await readFile(INSTALL_NOTE, 'utf8'), await readFile(README, 'utf8'), opts.version);
  await writeFile(join(akanaDir, 'INSTALL.md'), note, 'utf8');
  const prefix = `${PACKAGE_NAME}-${opts.version}`;
  const files = [...scripts, 'INSTALL.md'];
  const file = join(opts.distDir, `${prefix}.tar.gz`);
  await writeTarball({ outFile: file, baseDir: akanaDir, files, prefix });
  return { file, entries: files.map((name) => `${prefix}/${name}`).sort(), warnings };
}

/** Prints valid-but-risky settings after a build or package: they do not fail it (validate --strict does). */
export function printWarnings(warnings: ConfigProblem[], what: string, err: (line: string) => void): void {
  if (warnings.length === 0) return;
  err(`${what}: ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (not errors; validate --strict fails on them):`);
  for (const warning of warnings) err(`  warning: ${formatProblem(warning)}`);
}

/** Path for messages: relative to the user's folder (npm's INIT_CWD, else the working folder) when inside it. */
export function shown(path: string): string {
  const rel = relative(process.env.INIT_CWD || process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

const command: Command = {
  name: 'package',
  summary: 'pack the built dist/akana scripts and INSTALL.md into dist/pi-api-akana-policy-<version>.tar.gz',
  usage: [
    'package [--dist <dir>]',
    '',
    'Packs the scripts that "build" wrote, without building them again. A config.js that does not',
    'validate (see "validate", which reads config.js too) is refused, naming the variable and the fix;',
    'its warnings (an empty token, one node, placeholders) are printed.',
    '',
    'options:',
    '  --dist <dir>  build output folder holding akana/ (default: dist/ of the project; from an installed',
    '                package, dist/ in your folder)',
    '  -h, --help    show this help'
  ].join('\n'),
  async run(argv: string[], io: LineIo = {}) {
    const start = startCommand(argv, io, command, (args) => parseArgs({ args, options: { dist: { type: 'string' } }, allowPositionals: false, strict: true }).values);
    if ('exitCode' in start) return start.exitCode;
    const distDir = start.parsed.dist === undefined ? DEFAULT_DIST : userPath(start.parsed.dist);
    const result = await packageAkana({ distDir, version: await readPackageVersion() });
    start.out(`wrote ${shown(result.file)}: ${result.entries.join(', ')}`);
    printWarnings(result.warnings, 'config.js', start.err);
    return 0;
  }
};

export default command;
