// Tests of the CLI dispatcher and the build/package commands: exit codes, help, errors, packaging (Node).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, readPackageVersion } from '../../packaging/build-bundles';
import { main, type CliIo } from '../../cli/cli';
import { PROJECT_ROOT } from '../../packaging/entries';
import { FIXTURE_ENTRIES, listTarball } from '../packaging/build-helpers';
import { buildAkanaConfigJs } from '../../config/config-js-build';

let work = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-test-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: { write: (text: string) => (out += text) }, err: { write: (text: string) => (err += text) } };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('the dispatcher', () => {
  it('without a command: one line naming the help command on stderr, exit 2', async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toBe('pi-akana: name a command (run "pi-akana --help" for the commands)\n');
  });

  it('prints the usage with every command on stdout for --help', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^usage: pi-akana <command> \[options\]/);
    expect(run.out).toMatch(/^ {2}build +build the Akana policy scripts/m);
    expect(run.out).toMatch(/^ {2}package +pack the built/m);
  });

  it('prints the version for --version and -V, for the program and for every command', async () => {
    const version = await readPackageVersion();
    for (const argv of [['--version'], ['-V'], ['build', '--version'], ['validate', '--version'], ['upload', '-V']]) {
      const run = await cli(...argv);
      expect(run.code).toBe(0);
      expect(run.out).toBe(`pi-akana ${version}\n`);
      expect(run.err).toBe('');
    }
  });

  it('rejects an unknown command with one line on stderr and exit 2', async () => {
    for (const name of ['nope', '../cli', 'Build']) {
      const run = await cli(name);
      expect(run.code).toBe(2);
      expect(run.err).toBe(`pi-akana: unknown command "${name}" (run "pi-akana --help" for the commands)\n`);
    }
  });

  it.each([
    ['build', '[--config <file.json>] [--apigee-config <file.json>] [--dist <dir>]'],
    ['package', '[--dist <dir>]']
  ])('shows the %s usage for --help and -h', async (name, options) => {
    for (const flag of ['--help', '-h']) {
      const run = await cli(name, flag);
      expect(run.code).toBe(0);
      expect(run.out.startsWith(`usage: pi-akana ${name} ${options}\n`)).toBe(true);
      expect(run.err).toBe('');
    }
  });

  it('exits 2 with one line naming the option and the help command on an unknown option', async () => {
    const run = await cli('package', '--bogus');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^pi-akana package: Unknown option '--bogus'.* \(run "pi-akana package --help" for the options\)\n$/);
    expect(run.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('turns a failure into one error line and exit 1', async () => {
    const run = await cli('package', '--dist', join(work, 'empty'));
    expect(run.code).toBe(1);
    expect(run.err.endsWith('\n')).toBe(true);
    expect(run.err.trimEnd().split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/^pi-akana package: error: .*pi_policy\.js.* missing: run "npm run build" \(or "pi-akana build"\) first$/m);
  });

  it('runs as a program: exit 2 for an unknown command, 0 for --help', () => {
    const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const unknown = spawnSync(tsx, ['cli/cli.ts', 'nope'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60000 });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "nope"');
    const help = spawnSync(tsx, ['cli/cli.ts', 'build', '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: pi-akana build');
  });
});

describe('the package command', () => {
  it('packs built scripts and INSTALL.md into the versioned tarball', async () => {
    const distDir = join(work, 'dist');
    await buildBundles({ entries: FIXTURE_ENTRIES, outDir: join(distDir, 'akana'), version: '0.0.1' });
    await buildAkanaConfigJs({ outDir: join(distDir, 'akana'), version: '0.0.1' });
    const run = await cli('package', '--dist', distDir);
    expect(run.code).toBe(0);
    // The example's config.js is valid but risky: its warnings are printed, in config.js's names, and do not fail.
    expect(run.err.split('\n')).toEqual([
      'config.js: 3 warnings (not errors; validate --strict fails on them):',
      expect.stringMatching(/^ {2}warning: ase_token: is empty/),
      expect.stringMatching(/^ {2}warning: primary_ase_service: is the example's placeholder/),
      expect.stringMatching(/^ {2}warning: secondary_ase_service: is the example's placeholder/),
      ''
    ]);
    const version = await readPackageVersion();
    const listed = await listTarball(join(distDir, `pi-api-akana-policy-${version}.tar.gz`));
    expect(listed.map((entry) => entry.path)).toEqual(
      ['INSTALL.md', 'config.js', 'pi_policy.js', 'retain-header-policy.js'].map((name) => `pi-api-akana-policy-${version}/${name}`)
    );
  });

  it('refuses a hand-edited config.js that pi_policy.js would reject, naming the variable and the fix', async () => {
    const distDir = join(work, 'broken-dist');
    await buildBundles({ entries: FIXTURE_ENTRIES, outDir: join(distDir, 'akana'), version: '0.0.1' });
    const file = (await buildAkanaConfigJs({ outDir: join(distDir, 'akana'), version: '0.0.1' })).file;
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/var primary_ase_request_operation = "[^"]*";/, 'var primary_ase_request_operation = "";'));
    const run = await cli('package', '--dist', distDir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/config\.js does not validate: in Akana pi_policy\.js would log CONFIG_INVALID/);
    expect(run.err).toMatch(/primary_ase_request_operation: /);
    expect(run.err).toMatch(/pi-akana validate .*config\.js/);
    expect(run.err).toMatch(/pi-akana build --config/);
    const version = await readPackageVersion();
    await expect(readFile(join(distDir, `pi-api-akana-policy-${version}.tar.gz`))).rejects.toThrow(/ENOENT/);
  });
});
