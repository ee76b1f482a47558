// Tests of the CLI dispatcher and the build/package commands: exit codes, help, errors, packaging (Node).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, readPackageVersion } from '../../packaging/build-bundles';
import { main, type CliIo } from '../../cli/cli';
import { PROJECT_ROOT } from '../../packaging/entries';
import { FIXTURE_ENTRIES, listTarball } from '../packaging/build-helpers';

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
  it('prints the usage with every command on stderr and exits 2 without a command', async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/^usage: tsx cli\/cli\.ts <command> \[options\]/);
    expect(run.err).toMatch(/^ {2}build +build the Akana policy scripts/m);
    expect(run.err).toMatch(/^ {2}package +pack the built/m);
  });

  it('prints the usage on stdout for --help', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.out).toContain('commands:');
  });

  it('rejects an unknown command with the usage on stderr and exit 2', async () => {
    for (const name of ['nope', '../cli', 'Build']) {
      const run = await cli(name);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`unknown command "${name}"`);
      expect(run.err).toContain('commands:');
    }
  });

  it.each([
    ['build', '[--config <file.json>] [--dist <dir>]'],
    ['package', '[--dist <dir>]']
  ])('shows the %s usage for --help and -h', async (name, options) => {
    for (const flag of ['--help', '-h']) {
      const run = await cli(name, flag);
      expect(run.code).toBe(0);
      expect(run.out.startsWith(`usage: tsx cli/cli.ts ${name} ${options}\n`)).toBe(true);
      expect(run.err).toBe('');
    }
  });

  it('exits 2 with the command usage on an unknown option', async () => {
    const run = await cli('package', '--bogus');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^tsx cli\/cli\.ts package: Unknown option '--bogus'/);
    expect(run.err).toContain('usage: tsx cli/cli.ts package');
  });

  it('turns a failure into one error line and exit 1', async () => {
    const run = await cli('package', '--dist', join(work, 'empty'));
    expect(run.code).toBe(1);
    expect(run.err.endsWith('\n')).toBe(true);
    expect(run.err.trimEnd().split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/^tsx cli\/cli\.ts package: error: .*pi_policy\.js.* missing: run "tsx cli\/cli\.ts build" first$/m);
  });

  it('runs as a program: exit 2 for an unknown command, 0 for --help', () => {
    const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const unknown = spawnSync(tsx, ['cli/cli.ts', 'nope'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60000 });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "nope"');
    const help = spawnSync(tsx, ['cli/cli.ts', 'build', '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: tsx cli/cli.ts build');
  });
});

describe('the package command', () => {
  it('packs built scripts and INSTALL.md into the versioned tarball', async () => {
    const distDir = join(work, 'dist');
    await buildBundles({ entries: FIXTURE_ENTRIES, outDir: join(distDir, 'akana'), version: '0.0.1' });
    const run = await cli('package', '--dist', distDir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const version = await readPackageVersion();
    const listed = await listTarball(join(distDir, `pi-api-akana-policy-${version}.tar.gz`));
    expect(listed.map((entry) => entry.path)).toEqual(
      ['INSTALL.md', 'config.js', 'pi_policy.js', 'retain-header-policy.js'].map((name) => `pi-api-akana-policy-${version}/${name}`)
    );
  });
});
