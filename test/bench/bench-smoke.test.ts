// Smoke test of the benchmark's statistics, report and profile parsing on synthetic data, so bench/ cannot rot silently (Node, vitest; no timing).
import { describe, expect, it } from 'vitest';
import { compareFigures, comparePaired, meets, quantile, rotation, spreadOf, summarize } from '../../bench/stats';
import { formatResult, formatSpread, formatValue, markdownTable, paragraphs, renderReport, sectionVerdicts, type BenchReport, type SectionReport } from '../../bench/report';
import { classifySample, parseJfrSamples, summarizeProfile, INSTANTIATION } from '../../bench/rhino-profile';

describe('bench statistics', () => {
  it('interpolates quantiles and summarises samples', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.99)).toBe(10);
    expect(quantile([0, 100], 0.25)).toBe(25);
    expect(() => quantile([], 0.5)).toThrow();
    expect(() => quantile([1], 2)).toThrow();
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ n: 5, min: 1, median: 3, max: 5, mean: 3, p25: 2, p75: 4 });
    expect(s.p99).toBeCloseTo(4.96);
    expect(() => summarize([1, Number.NaN])).toThrow(/finite/);
  });

  it('compares per-round figures as a ratio of medians with the per-round range', () => {
    const f = compareFigures([110, 120, 130], [100, 100, 100], 'ratio');
    expect(f.variant).toEqual({ median: 120, lo: 110, hi: 130, rounds: 3 });
    expect(f.result.median).toBeCloseTo(1.2);
    expect(f.result.lo).toBeCloseTo(1.1);
    expect(f.result.hi).toBeCloseTo(1.3);
    // A rate: the floor over the variant, so fewer calls per second is a ratio above 1.
    expect(compareFigures([900], [1000], 'inverse-ratio').result.median).toBeCloseTo(1.111, 3);
    expect(compareFigures([1300, 1100], [1000, 1000], 'added').result).toEqual({ median: 200, lo: 100, hi: 300, rounds: 2 });
    expect(() => compareFigures([1], [1, 2], 'ratio')).toThrow();
    expect(() => compareFigures([1], [0], 'ratio')).toThrow(/zero/);
  });

  it('pairs rounds of raw samples and judges targets', () => {
    const rounds = [
      { variant: [10, 11, 12], floor: [5, 5, 6] },
      { variant: [20, 21, 22], floor: [10, 10, 10] }
    ];
    const p50 = comparePaired(rounds, (s) => s.median);
    expect(p50.variant.median).toBe(16);
    expect(p50.floor.median).toBe(7.5);
    expect(p50.result.lo).toBeCloseTo(2.1);
    expect(spreadOf([3, 1, 2]).median).toBe(2);
    expect(meets(1.1, { limit: 1.1, text: '' })).toBe(true);
    expect(meets(1.1, { limit: 1.1, text: '', strict: true })).toBe(false);
    expect(rotation(['a', 'b'], 1)).toEqual(['b', 'a']);
    expect(rotation(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
  });
});

function section(): SectionReport {
  return {
    id: '9',
    title: 'Synthetic',
    method: ['How it was measured.'],
    tables: [
      {
        caption: 'concurrency 1',
        variantLabel: 'policy',
        floorLabel: 'floor',
        rows: [
          { figure: 'p50', unit: 'us', data: compareFigures([150, 160], [100, 100], 'ratio'), target: { limit: 1.1, text: '<= 1.10x' } },
          { figure: 'throughput', unit: 'calls/s', data: compareFigures([9500, 9600], [10000, 10000], 'inverse-ratio'), target: { limit: 1.1, text: '<= 1.10x' } },
          { figure: 'added', unit: 'us', data: compareFigures([120, 130], [100, 100], 'added') }
        ]
      }
    ],
    plain: [{ header: ['bundle', 'bytes'], rows: [['pi_policy.js', '80,000']] }],
    verdicts: [{ figure: 'timeouts', target: '<= 3', measured: '2', met: true }],
    analysis: ['Why: synthetic.']
  };
}

describe('bench report', () => {
  it('formats values, spreads and comparisons', () => {
    expect(formatValue(3.14159, 'us')).toBe('3.14 µs');
    expect(formatValue(42.42, 'us')).toBe('42.4 µs');
    expect(formatValue(1234.5, 'us')).toBe('1235 µs');
    expect(formatValue(12345.6, 'calls/s')).toBe('12,346 calls/s');
    expect(formatSpread({ median: 120, lo: 110, hi: 130, rounds: 3 }, 'us')).toBe('120 µs (110–130)');
    expect(formatResult(compareFigures([120, 130], [100, 100], 'added'), 'us')).toBe('+25.0 µs (+20.0–+30.0)');
    expect(formatResult(compareFigures([150], [100], 'ratio'), 'us')).toBe('1.50x (1.50–1.50)');
    expect(markdownTable(['a', 'b'], [['1|2', '3']])).toEqual(['| a | b |', '|---|---|', '| 1\\|2 | 3 |']);
    expect(() => markdownTable(['a'], [['1', '2']])).toThrow();
    expect(paragraphs(['One.', 'Two.', '', '- a', '- b', 'Three.'])).toEqual(['One.', '', 'Two.', '', '- a', '- b', '', 'Three.']);
  });

  it('renders every section with its verdicts and a summary of targets', () => {
    const s = section();
    const verdicts = sectionVerdicts(s);
    expect(verdicts.map((v) => [v.figure, v.met])).toEqual([
      ['concurrency 1: p50', false],
      ['concurrency 1: throughput', true],
      ['timeouts', true]
    ]);
    const report: BenchReport = {
      mode: 'quick',
      startedAt: '2026-01-01T00:00:00Z',
      durationSeconds: 12.3,
      command: 'npm run bench -- --quick',
      machine: { cpu: 'Test CPU', cores: 2, memory: '4 GiB', os: 'Linux', node: 'v20', java: '17', rhino: '1.7.14', undici: '7' },
      method: ['General method.'],
      sections: [s]
    };
    const md = renderReport(report);
    expect(md).toContain('# Benchmarks');
    expect(md).toContain('| Test CPU | 2 | 4 GiB |');
    expect(md).toContain('2 of 3 targets met, 1 missed');
    expect(md).toContain('| 9 | concurrency 1: p50 | <= 1.10x | 1.55x (1.50–1.60) | **missed** |');
    expect(md).toContain('## 9. Synthetic');
    expect(md).toContain('| pi_policy.js | 80,000 |');
    expect(md).toContain('Why: synthetic.');
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n\n\n/);
  });
});

describe('bench profile parsing', () => {
  const sample = (frames: string[]) => `jdk.ExecutionSample {\n  startTime = 1\n  stackTrace = [\n${frames.map((f) => `    ${f}`).join('\n')}\n  ]\n}\n`;
  const gen = (name: string, index: number) => `org.mozilla.javascript.gen.policy_js_2._c_${name}_${index}(policy_js_2, Context, Scriptable, Scriptable, Object[]) line: 1`;

  it('groups samples by the first policy function on the stack', () => {
    const text = [
      sample(['java.util.HashMap.put(Object, Object)', gen('toAseHeaders', 70), gen('requestMessage', 90), gen('requestPhase', 159), gen('runPiPolicy', 161), gen('anonymous', 1), gen('script', 0)]),
      sample(['org.mozilla.javascript.NativeJSON.stringify(Context, Scriptable, Object, Object, Object)', gen('requestMessage', 90), gen('anonymous', 1), gen('script', 0)]),
      sample(['org.mozilla.javascript.NativeCall.<init>(NativeFunction)', gen('anonymous', 1), gen('script', 0)]),
      sample(['org.mozilla.javascript.NativeJavaMethod.call(Context)', gen('readHeaders', 118), gen('readRequest', 117), gen('anonymous', 1), gen('script', 0)]),
      sample(['java.lang.System.nanoTime()', gen('script', 0)])
    ].join('');
    const samples = parseJfrSamples(text);
    expect(samples).toHaveLength(5);
    expect(classifySample(samples[2])).toBe(INSTANTIATION);
    expect(classifySample(samples[4])).toBeNull();
    const profile = summarizeProfile(samples);
    expect(profile.samples).toBe(4);
    expect(profile.groups[0]).toMatchObject({ group: 'building and serialising the /ase/request body', samples: 2, share: 0.5 });
    expect(profile.stringifyShare).toBe(0.25);
    expect(profile.javaCallShare).toBe(0.25);
  });
});
