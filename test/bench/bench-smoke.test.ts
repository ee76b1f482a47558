// Tests of the benchmark: statistics, report and profile parsing on synthetic data, the hand-written floor's byte check, and a smoke run of every section (Node, vitest; no timed assertions).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'acorn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rhinoAvailable } from '../../emulators/akana';
import { buildBundles } from '../../packaging/build-bundles';
import { AKANA_ENTRIES, PROJECT_ROOT } from '../../packaging/entries';
import { compare, compareArms, p50, p99, quantile, rotation, spreadOf } from '../../bench/stats';
import { headline, num, paragraphs, renderReport, result, spread, type Section } from '../../bench/report';
import { classifySample, INSTANTIATION, parseJfrSamples, summarizeProfile } from '../../bench/rhino-profile';
import { checkFloor, HAND_WRITTEN } from '../../bench/rhino-bench';
import { size } from '../../bench/harness';
import { configLoad, entryCall, fixedCostScripts } from '../../bench/fixed-costs';

describe('bench statistics', () => {
  it('interpolates quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.99)).toBe(10);
    expect(quantile([0, 100], 0.25)).toBe(25);
    expect(() => quantile([], 0.5)).toThrow();
    expect(() => quantile([1], 2)).toThrow();
    expect(p50([5, 1, 4, 2, 3])).toBe(3);
    expect(p99([5, 1, 4, 2, 3])).toBeCloseTo(4.96);
    expect(() => p50([1, Number.NaN])).toThrow(/finite/);
  });

  it('compares per-round figures as a ratio of medians with the per-round range', () => {
    const f = compare([110, 120, 130], [100, 100, 100]);
    expect(f.variant).toEqual({ median: 120, lo: 110, hi: 130 });
    expect(f.result.median).toBeCloseTo(1.2);
    expect(f.result.lo).toBeCloseTo(1.1);
    expect(f.result.hi).toBeCloseTo(1.3);
    // A rate: the floor over the variant, so fewer calls per second is a ratio above 1.
    expect(compare([900], [1000], 'inverse').result.median).toBeCloseTo(1.111, 3);
    expect(compare([1300, 1100], [1000, 1000], 'added').result).toEqual({ median: 200, lo: 100, hi: 300 });
    expect(() => compare([1], [1, 2])).toThrow();
    expect(() => compare([1], [0])).toThrow(/zero/);
  });

  it('compares one figure of two arms over interleaved rounds', () => {
    const rounds = [
      { policy: [10, 11, 12], floor: [5, 5, 6] },
      { policy: [20, 21, 22], floor: [10, 10, 10] }
    ];
    const c = compareArms(rounds, 'policy', 'floor', p50);
    expect(c.variant.median).toBe(16);
    expect(c.floor.median).toBe(7.5);
    expect(c.result.lo).toBeCloseTo(2.1);
    expect(spreadOf([3, 1, 2]).median).toBe(2);
    expect(rotation(['a', 'b'], 1)).toEqual(['b', 'a']);
    expect(rotation(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
  });

  it('sizes a run by its mode', () => {
    expect(size({ mode: 'full' }, 1000, 200)).toBe(1000);
    expect(size({ mode: 'quick' }, 1000, 200)).toBe(200);
    expect(size({ mode: 'smoke' }, 1000, 200)).toBe(40);
    expect(size({ mode: 'smoke' }, 6, 2)).toBe(1);
  });
});

describe('bench report', () => {
  it('formats values, spreads and comparisons', () => {
    expect(num(3.14159)).toBe('3.14');
    expect(num(42.42)).toBe('42.4');
    expect(num(1234.5)).toBe('1235');
    expect(num(12345.6, 'calls/s')).toBe('12,346');
    expect(spread({ median: 120, lo: 110, hi: 130 })).toBe('120 µs (110–130)');
    expect(result(compare([120, 130], [100, 100], 'added'))).toBe('+25.0 µs (+20.0–+30.0)');
    expect(result(compare([150], [100]))).toBe('1.50x (1.50–1.50)');
    expect(paragraphs(['One.', 'Two.', '- a', '- b', 'Three.'])).toEqual(['One.', '', 'Two.', '', '- a', '- b', '', 'Three.']);
  });

  it('renders headlines with their verdicts, the machine and every section', () => {
    const section: Section = {
      id: '9',
      title: 'Synthetic',
      method: ['How it was measured.'],
      tables: [{ caption: 'concurrency 1', header: ['figure', 'policy', 'floor'], rows: [['p50', '150 µs', '100 µs']] }],
      notes: ['Why: synthetic.'],
      headlines: [
        headline('p50', compare([150, 160], [100, 100]), { limit: 1.1, text: '<= 1.10x' }),
        headline('throughput', compare([9500, 9600], [10000, 10000], 'inverse'), { limit: 1.1, text: '<= 1.10x' }, 'calls/s'),
        headline('informational', compare([120], [100]))
      ]
    };
    const md = renderReport({ command: 'npm run bench -- --quick', startedAt: '2026-01-01T00:00:00Z', seconds: 12.3, machine: [['CPU', 'Test CPU, 2 cores']], method: ['General method.'], sections: [section] });
    expect(md).toContain('# Benchmarks');
    expect(md).toMatch(/§9 p50 +1\.55x \(1\.50–1\.60\) +<= 1\.10x +missed/);
    expect(md).toMatch(/§9 throughput +1\.05x \(1\.04–1\.05\) +<= 1\.10x +met/);
    expect(md).toMatch(/§9 informational +1\.20x \(1\.20–1\.20\)\n/);
    expect(md).toContain('- CPU: Test CPU, 2 cores');
    expect(md).toContain('## 9. Synthetic');
    expect(md).toContain('**concurrency 1**');
    expect(md).toMatch(/p50 +150 µs +100 µs/);
    expect(md).toContain('Why: synthetic.');
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n\n\n/);
  });
});

describe('bench profile parsing', () => {
  const sample = (frames: string[]) => `jdk.ExecutionSample {\n  startTime = 1\n  stackTrace = [\n${frames.map((f) => `    ${f}`).join('\n')}\n  ]\n}\n`;
  const gen = (name: string, index: number) => `org.mozilla.javascript.gen.policy_js_2._c_${name}_${index}(policy_js_2, Context, Scriptable, Scriptable, Object[]) line: 1`;

  it('gives each sample to the outermost policy function of a part on its stack', () => {
    const text = [
      sample(['java.util.HashMap.put(Object, Object)', gen('aseHeaders', 70), gen('requestMessage2', 90), gen('requestPhase', 159), gen('runPiPolicy', 161), gen('anonymous', 1), gen('script', 0)]),
      sample(['org.mozilla.javascript.NativeJSON.stringify(Context, Scriptable, Object, Object, Object)', gen('requestMessage', 90), gen('anonymous', 1), gen('script', 0)]),
      sample(['org.mozilla.javascript.NativeCall.<init>(NativeFunction)', gen('anonymous', 1), gen('script', 0)]),
      sample(['org.mozilla.javascript.NativeJavaMethod.call(Context)', gen('readHeaders', 118), gen('readRequest', 117), gen('anonymous', 1), gen('script', 0)]),
      sample(['java.lang.System.nanoTime()', gen('script', 0)])
    ].join('');
    const samples = parseJfrSamples(text);
    expect(samples).toHaveLength(5);
    expect(classifySample(samples[2])).toBe(INSTANTIATION);
    expect(classifySample(samples[4])).toBeNull();
    // A phase factory making the request phase's functions is instantiation; code it calls is its part's.
    const factory = parseJfrSamples(sample(['org.mozilla.javascript.NativeFunction.initScriptFunction(Context, Scriptable)', gen('requestPhaseFactory', 120), gen('requestPhase', 119), gen('anonymous', 1), gen('script', 0)]));
    expect(classifySample(factory[0])).toBe(INSTANTIATION);
    const profile = summarizeProfile(samples);
    expect(profile.samples).toBe(4);
    expect(profile.parts.find((p) => p.part.startsWith('payload'))?.share).toBe(0.5);
    expect(profile.parts.find((p) => p.part.startsWith('host reads'))?.share).toBe(0.25);
    expect(profile.parts.find((p) => p.part === INSTANTIATION)?.share).toBe(0.25);
    expect(profile.stringifyShare).toBe(0.25);
    expect(profile.javaShare).toBe(0.25);
  });

  it("counts only one phase's samples when asked, told apart by BenchRunner's frame", () => {
    const runner = (phase: 'Request' | 'Response') => `fake.akana.BenchRunner.exec${phase}(List, Scriptable) line: 150`;
    const samples = parseJfrSamples([
      sample([gen('markerKey', 30), gen('loadAkanaConfig', 29), gen('anonymous', 1), gen('script', 0), runner('Request')]),
      sample([gen('configFrom', 31), gen('loadAkanaConfig', 29), gen('anonymous', 1), gen('script', 0), runner('Response')]),
      sample([gen('responseMessage', 91), gen('anonymous', 1), gen('script', 0), runner('Response')])
    ].join(''));
    expect(summarizeProfile(samples).samples).toBe(3);
    const response = summarizeProfile(samples, 'response');
    expect(response.samples).toBe(2);
    expect(response.parts.find((p) => p.part.startsWith('config.js'))?.share).toBe(0.5);
    expect(response.parts.find((p) => p.part.startsWith('payload'))?.share).toBe(0.5);
    expect(summarizeProfile(samples, 'request').samples).toBe(1);
  });
});

describe('bench fixed-cost scripts', () => {
  it('derive from the bundle by its one entry call, and refuse a bundle without it or with two', () => {
    const bundle = `(function() {\n  function runPiPolicy() {}\n  ${entryCall()}\n})();`;
    const scripts = fixedCostScripts(bundle);
    expect(typeof scripts['top level'] === 'object' && scripts['top level'].source).toBe('(function() {\n  function runPiPolicy() {}\n  \n})();');
    expect(typeof scripts['top level + config load'] === 'object' && scripts['top level + config load'].source).toContain(`  ${configLoad()}\n})();`);
    expect(() => fixedCostScripts('(function() {})();')).toThrow(/exactly once/);
    expect(() => fixedCostScripts(`${entryCall()}\n${entryCall()}`)).toThrow(/exactly once/);
  });

  it('call the functions through the function table when the bundle has one', () => {
    const bundle = `(function() {\n  var __fns1 = {};\n  ${entryCall('__fns1.')}\n})();`;
    const loaded = fixedCostScripts(bundle)['top level + config load'];
    expect(typeof loaded === 'object' && loaded.source).toContain('__fns1.loadAkanaConfig(__fns1.readAkanaConfigGlobals(), messageContext.getExchange(), __fns1.jsInt(');
    // A table prefix on one call but not the others is not the entry call.
    expect(() => fixedCostScripts('__fns1.runPiPolicy(readAkanaBindings(), readAkanaConfigGlobals());')).toThrow(/exactly once/);
  });
});

const engine = rhinoAvailable();

describe.skipIf(!engine.ok)(`the benchmark in Rhino and on Node (${engine.reason})`, () => {
  let dir: string;
  let piPolicy: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pi-bench-test-'));
    piPolicy = (await buildBundles({ entries: AKANA_ENTRIES, outDir: dir, version: '0.0.0-test' }))[0].file;
  }, 120000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("checks that the hand-written floor sends the bundle's bytes for the typical call, and fails when it does not", async () => {
    const sent = await checkFloor(piPolicy);
    expect(JSON.parse(sent.requestBody)).toMatchObject({ source_ip: '198.51.100.23', url: '/shop/v2/orders?status=open&limit=25&sort=-created', user_info: [{ username: 'alice@example.com' }, { client_id: 'orders-web-app' }] });
    expect(Buffer.byteLength(sent.requestBody)).toBe(1074);
    expect(JSON.parse(sent.responseBody)).toMatchObject({ response_code: '200', response_status: 'OK', http_version: '1.1' });
    const source = readFileSync(HAND_WRITTEN, 'utf8');
    expect(() => parse(source, { ecmaVersion: 5 })).not.toThrow();
    const differentBody = { name: 'floor-variant.js', source: source.replace("source_port: 0", 'source_port: 1') };
    await expect(checkFloor(piPolicy, differentBody)).rejects.toThrow(/\/ase\/request body differs/);
    const differentHeaders = { name: 'floor-variant.js', source: source.replace("headers.add('Connection', 'keep-alive');", '') };
    await expect(checkFloor(piPolicy, differentHeaders)).rejects.toThrow(/\/ase\/request headers differ/);
  }, 120000);

  it("derives the fixed-cost scripts from the built bundle's entry call", () => {
    const scripts = fixedCostScripts(readFileSync(piPolicy, 'utf8'));
    for (const script of Object.values(scripts)) expect(() => parse(typeof script === 'string' ? script : script.source, { ecmaVersion: 5 })).not.toThrow();
  });

  it('compares bundles as `npm run bench:compare` does, and stops on a bundle that sends other bytes or on a bad option', () => {
    const compare = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'compare-bundles.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 300000 });
    const tiny = ['--jvms', '1', '--messages', '2', '--rounds', '1', '--warmup', '0'];
    const same = compare(piPolicy, piPolicy, ...tiny);
    expect(same.status, same.stderr).toBe(0);
    const lines = same.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/ (request|response): \d+\.\d\dx the floor \(rounds [\d.]+-[\d.]+\), [\d.]+ µs against [\d.]+ µs; per JVM [\d.]+$/);
    const source = readFileSync(piPolicy, 'utf8');
    expect(source).toContain('"source_port":');
    const other = join(dir, 'pi_policy-other-bytes.js');
    writeFileSync(other, source.replace('"source_port":', '"source_port" :'));
    const stopped = compare(piPolicy, other, ...tiny);
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toMatch(/\/ase\/request body differs/);
    const badOption = compare(piPolicy, piPolicy, '--jvms', 'two');
    expect(badOption.status).toBe(1);
    expect(badOption.stderr).toContain('--jvms must be a whole number of at least 1 (got two)');
  }, 600000);

  it('runs every section end to end at smoke size and writes the report', () => {
    const out = join(dir, 'BENCHMARKS.md');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'run.ts'), '--smoke', '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 600000 });
    expect(run.status, run.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    for (const title of ['## 1. Akana policy CPU', '## 2. Akana end to end', '## 3. Node host', '## 4. Failover', '## 5. Async mode', '## 6. Sizes', '## 7. Observability']) expect(md).toContain(title);
    expect(md).toMatch(/§1 Akana request message: pi_policy\.js \/ hand-written, CPU p50 +\d+\.\d\dx/);
    expect(md).toMatch(/pi_policy\.js top level \+ config load +\S+ µs/);
    expect(md).toMatch(/§3 Node host \/ bare Pool, throughput at concurrency 64 +\d+\.\d\dx/);
    expect(md).toMatch(/§7 Node host with OpenTelemetry \/ with neither, p50 +\d+\.\d\dx/);
    expect(md).toContain('Written by `npm run bench -- --smoke`');
  }, 600000);
});
