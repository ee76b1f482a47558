// Tests of bundleEs5 on the fixture entries: gates, exposure modes, readability, determinism, Rhino (Node + Rhino).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEs5 } from '../../packaging/es5-bundle';
import { CODE_MEANINGS } from '../../policies/core/errors';
import { assertEs5Syntax, gateBundle, runInStrippedContext } from '../../packaging/es5-gates';
import { AKANA_CONFIG, PROJECT_ROOT } from '../../packaging/entries';
import { describeFixture, EXPECTED_LINE } from './fixtures/es5-fixture';
import { FIXTURE_SOURCE, HAS_RHINO, NO_RHINO_REASON, runRhino } from './build-helpers';
import { renderAkanaConfigJs } from '../../config/config-js-render';
import { validateConfig } from '../../policies/core/config';

const BANNER = '/* fixture banner — v0.0.0\n * second line */';
const fixturePath = resolve(PROJECT_ROOT, FIXTURE_SOURCE);
let fixture = '';
let work = '';

beforeAll(async () => {
  fixture = await bundleEs5({ entryPath: fixturePath, banner: BANNER });
  work = await mkdtemp(join(tmpdir(), 'es5-bundle-test-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function printed(code: string): string[] {
  const lines: string[] = [];
  gateBundle(code, 'fixture.js', { print: (line: string) => lines.push(String(line)) });
  return lines;
}

describe('bundleEs5 on the fixture entry', () => {
  it('gives the same answer as the TypeScript source', () => {
    expect(describeFixture()).toBe(EXPECTED_LINE);
  });

  it('starts with the banner and is an IIFE that passes both gates and prints the expected line', () => {
    expect(fixture.startsWith(`${BANNER}\n(function() {\n`)).toBe(true);
    expect(printed(fixture)).toEqual([EXPECTED_LINE]);
  });

  it('runs with no globals at all without throwing, and leaves no global behind', () => {
    expect(runInStrippedContext(`${fixture}\n;typeof describeFixture + typeof Counter + typeof CONFIG_DEFAULTS`, {})).toBe(
      'undefinedundefinedundefined'
    );
  });

  it('is readable: not minified, indented, with the core names kept', () => {
    const lines = fixture.split('\n');
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.filter((line) => line.startsWith('    ')).length).toBeGreaterThan(10);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(300);
    expect(fixture).toContain('var CONFIG_DEFAULTS = ');
    expect(fixture).toContain('function buildConfigFields()');
    expect(fixture).toContain('function describeFixture()');
    // One plain IIFE: no CommonJS emulation (esbuild adds it when it mistakes the input for CommonJS).
    expect(fixture).not.toMatch(/__commonJS|require_|__toCommonJS/);
  });

  it('is deterministic and holds no absolute path', async () => {
    expect(await bundleEs5({ entryPath: FIXTURE_SOURCE, banner: BANNER })).toBe(fixture);
    expect(fixture).not.toContain(PROJECT_ROOT);
    expect(fixture).not.toContain(tmpdir());
  });

  it('drops unused core code (tree shaking)', () => {
    expect(fixture).not.toContain('DEFAULT_PROPERTY_NAMES');
    // The codes' meanings sit beside Codes (which the fixture uses) and are for the docs only: a
    // bundle evaluates its whole top level on every message, so they must not ride along.
    expect(fixture).not.toContain('CODE_MEANINGS');
    expect(fixture).not.toContain(CODE_MEANINGS.ASE_TIMEOUT.meaning);
  });

  it('with globalName, assigns the exports to one top-level var', async () => {
    const code = await bundleEs5({ entryPath: fixturePath, banner: BANNER, globalName: 'PiFixture' });
    assertEs5Syntax(code, 'named.js');
    expect(code).toContain('var PiFixture = (function() {');
    expect(runInStrippedContext(`${code}\n;PiFixture.describeFixture()`, {})).toBe(EXPECTED_LINE);
  });
});

describe('bundleEs5 refuses what would break in Rhino', () => {
  async function entry(name: string, source: string): Promise<string> {
    const file = join(work, name);
    await writeFile(file, source, 'utf8');
    return file;
  }

  it('keeps a non-ES5 regex literal literal, so the syntax gate rejects it', async () => {
    const code = await bundleEs5({ entryPath: await entry('regex.ts', 'export var r = /a.b/s;\n(globalThis as any).x = r;\n'), banner: BANNER });
    expect(() => assertEs5Syntax(code, 'regex.js')).toThrow(/regex\.js is not ES5: Invalid regular expression flag/);
  });

  it('lets an ES2015 API through the syntax gate and fails the smoke run', async () => {
    const code = await bundleEs5({
      entryPath: await entry('assign.ts', 'var merged = Object.assign({}, { a: 1 });\nexport var a = merged.a;\n'),
      banner: BANNER
    });
    expect(() => assertEs5Syntax(code, 'assign.js')).not.toThrow();
    expect(() => gateBundle(code, 'assign.js', {})).toThrow(/assign\.js threw .*Object\.assign is not a function/);
  });

  it('fails on a missing import with the entry named', async () => {
    const file = await entry('broken.ts', "import { nothing } from './does-not-exist';\nexport var x = nothing;\n");
    await expect(bundleEs5({ entryPath: file, banner: BANNER })).rejects.toThrow(/broken\.ts: esbuild could not bundle it: Could not resolve/);
  });

  it('refuses a banner that is not one block comment', async () => {
    await expect(bundleEs5({ entryPath: fixturePath, banner: '// line' })).rejects.toThrow(/banner/);
    await expect(bundleEs5({ entryPath: fixturePath, banner: '/* a */ b /* c */' })).rejects.toThrow(/banner/);
  });
});

describe('the fixture bundle in Rhino', () => {
  it.skipIf(!HAS_RHINO)(`prints the expected line at -version 180${HAS_RHINO ? '' : ` (${NO_RHINO_REASON})`}`, async () => {
    const file = join(work, 'fixture.js');
    await writeFile(file, fixture, 'utf8');
    const run = runRhino([file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(EXPECTED_LINE);
  });

  it.skipIf(!HAS_RHINO)(`a rendered config.js shares its top-level vars with the script run after it${HAS_RHINO ? '' : ` (${NO_RHINO_REASON})`}`, async () => {
    const config = join(work, 'config.js');
    const reader = join(work, 'reader.js');
    const checked = validateConfig(JSON.parse(await readFile(join(PROJECT_ROOT, AKANA_CONFIG.defaultSource), 'utf8')));
    if (!checked.ok) throw new Error('example config invalid');
    await writeFile(config, renderAkanaConfigJs(checked.config, BANNER), 'utf8');
    await writeFile(reader, 'print(typeof ase_token + " " + primary_ase_request_operation + " " + pi_options.retryAfterMs);\n', 'utf8');
    const run = runRhino([config, reader]);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('string postRequestMetadata 30000');
  });
});
