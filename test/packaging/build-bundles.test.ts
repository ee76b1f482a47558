// Tests of buildBundles and packaging: banners, gates, missing sources, byte-identical rebuilds (Node).
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerFor, buildBundles, readPackageVersion } from '../../packaging/build-bundles';
import { packageAkana } from '../../cli/commands/package';
import { AKANA_ENTRIES, PROJECT_ROOT, type PolicyEntry } from '../../packaging/entries';
import { FIXTURE_ENTRIES, listTarball } from './build-helpers';
import { buildAkanaConfigJs } from '../../config/config-js-build';
import { assertEs5Syntax } from '../../packaging/es5-gates';

let work = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'build-bundles-test-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function buildAndPackage(distDir: string): Promise<{ bundles: { file: string; bytes: number }[]; tarball: string }> {
  const bundles = await buildBundles({ entries: FIXTURE_ENTRIES, outDir: join(distDir, 'akana'), version: '9.8.7' });
  // package refuses a config.js that does not validate: a real one, rendered from the example.
  bundles.push(await buildAkanaConfigJs({ outDir: join(distDir, 'akana'), version: '9.8.7' }));
  const { file } = await packageAkana({ distDir, version: '9.8.7' });
  return { bundles, tarball: file };
}

describe('buildBundles', () => {
  it('builds twice into two folders with identical bytes, bundles and tarball', async () => {
    const one = await buildAndPackage(join(work, 'one'));
    const two = await buildAndPackage(join(work, 'two'));
    expect(one.bundles.map((bundle) => bundle.file)).toEqual(
      ['pi_policy.js', 'retain-header-policy.js', 'config.js'].map((name) => join(work, 'one', 'akana', name))
    );
    for (let i = 0; i < one.bundles.length; i++) {
      const [a, b] = [await readFile(one.bundles[i].file), await readFile(two.bundles[i].file)];
      expect(a.length).toBe(one.bundles[i].bytes);
      expect(a.equals(b)).toBe(true);
    }
    expect((await readFile(one.tarball)).equals(await readFile(two.tarball))).toBe(true);
    expect(one.tarball).toBe(join(work, 'one', 'pi-api-akana-policy-9.8.7.tar.gz'));
    const listed = await listTarball(one.tarball);
    expect(listed.map((entry) => entry.path)).toEqual(
      ['INSTALL.md', 'config.js', 'pi_policy.js', 'retain-header-policy.js'].map((name) => `pi-api-akana-policy-9.8.7/${name}`)
    );
    expect(listed[0].text).toContain('pi-api-akana-policy 9.8.7');
    expect(listed[0].text).not.toContain('{{version}}');
    expect(listed[2].text).toBe(await readFile(one.bundles[0].file, 'utf8'));
  });

  it('stamps each bundle with the banner: title, version, purpose', async () => {
    const [bundle] = await buildBundles({ entries: FIXTURE_ENTRIES.slice(0, 1), outDir: join(work, 'banner'), version: '1.2.3' });
    const code = await readFile(bundle.file, 'utf8');
    expect(code.startsWith(`${bannerFor(FIXTURE_ENTRIES[0], '1.2.3')}\n`)).toBe(true);
    expect(code.split('\n').slice(0, 3)).toEqual([
      '/* PingIntelligence API Security Enforcer sideband policy for Akana — fixture policy v1.2.3',
      ' * Exercises the ES5 pipeline.',
      ' * Built from the pi-api-akana-policy sources; ES5 for Mozilla Rhino. Do not edit by hand except config.js values. */'
    ]);
  });

  it('fails with one clear error naming every missing source, and writes nothing', async () => {
    const outDir = join(work, 'missing');
    const entries: PolicyEntry[] = [
      ...FIXTURE_ENTRIES.slice(0, 1),
      { source: 'test/packaging/fixtures/absent-one.ts', out: 'dist/akana/one.js', title: 'one', purpose: 'x' },
      { source: 'test/packaging/fixtures/absent-two.ts', out: 'dist/akana/two.js', title: 'two', purpose: 'x' }
    ];
    await expect(buildBundles({ entries, outDir, version: '1.0.0' })).rejects.toThrow(
      'missing policy sources: test/packaging/fixtures/absent-one.ts (for one.js), test/packaging/fixtures/absent-two.ts (for two.js)'
    );
    await expect(readdir(outDir)).rejects.toThrow(/ENOENT/);
  });

  it('fails a bundle that throws in the smoke run, naming it, and does not write it', async () => {
    const source = join(work, 'unguarded.ts');
    await writeFile(source, 'declare var messageContext: any;\nmessageContext.getMessage();\n', 'utf8');
    const outDir = join(work, 'smoke');
    const entries: PolicyEntry[] = [{ source, out: 'dist/akana/unguarded.js', title: 'unguarded', purpose: 'x' }];
    await expect(buildBundles({ entries, outDir, version: '1.0.0' })).rejects.toThrow(
      /^unguarded\.js threw in the ES5-only smoke run .*ReferenceError: messageContext is not defined/
    );
    await expect(readdir(outDir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses two entries with the same output name', async () => {
    const entries = [FIXTURE_ENTRIES[0], { ...FIXTURE_ENTRIES[1], out: 'elsewhere/pi_policy.js' }];
    await expect(buildBundles({ entries, outDir: join(work, 'twice'), version: '1.0.0' })).rejects.toThrow('two policy entries write pi_policy.js');
  });
});

describe('entries and version', () => {
  it('lists the two bundled Akana scripts (config.js is rendered)', () => {
    expect(AKANA_ENTRIES.map((entry) => [entry.source, entry.out])).toEqual([
      ['policies/pi-policy.ts', 'dist/akana/pi_policy.js'],
      ['policies/retain-header.ts', 'dist/akana/retain-header-policy.js']
    ]);
  });

  it('reads the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await readPackageVersion()).toBe(pkg.version);
  });
});

describe('buildAkanaConfigJs', () => {
  it('writes ES5 whatever the values hold (its own check is node:vm only, so this parse is the ES5 gate of config.js)', async () => {
    const configFile = join(work, 'odd-config.json');
    const nodes = ['alpha', 'beta', 'gamma'].map((name) => ({
      name,
      service: `{urn:test}ase-${name}`,
      interface: `{urn:test}ase-${name}_PortType`,
      requestOperation: 'postRequestMetadata',
      responseOperation: 'postResponseMetadata'
    }));
    // U+2028 and U+2029 end an ES5 string literal when written raw; quotes and backslashes must be escaped.
    const odd = { aseToken: 'tok"en\\x', nodes, usernameSubjectCategory: 'line\u2028sep\u2029para', queryTokenParams: ['a"b', 'ünï'], propertyNames: { method: 'm\u2028' } };
    await writeFile(configFile, JSON.stringify(odd), 'utf8');
    const { file } = await buildAkanaConfigJs({ configFile, outDir: join(work, 'odd'), version: '9.8.7' });
    const code = await readFile(file, 'utf8');
    expect(() => assertEs5Syntax(code, 'config.js')).not.toThrow();
    expect(code).toContain('line\\u2028sep\\u2029para');
  });
});
