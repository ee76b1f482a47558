// Section 6: bytes and gzip bytes of each Akana script and of the tarball, and how long the build takes (Node, bench).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBundles } from '../packaging/build-bundles';
import { AKANA_ENTRIES, PROJECT_ROOT } from '../packaging/entries';
import { spreadOf } from './stats';
import { formatValue, type SectionReport } from './report';
import { size, type BenchContext } from './context';

function bytes(n: number): string {
  return n.toLocaleString('en-US');
}

function msSpread(values: number[]): string {
  const s = spreadOf(values);
  return `${formatValue(s.median, 'ms')} (${s.lo.toFixed(0)}–${s.hi.toFixed(0)})`;
}

/** `build` as an operator runs it (npm run build: a fresh Node process through tsx), into a temp dist; wall time in ms. */
function coldBuild(dist: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'cli', 'cli.ts'), 'build', '--dist', dist], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`§6: build failed: ${r.stderr || r.stdout}`);
  return ms;
}

export async function benchSizeBuild(ctx: BenchContext): Promise<SectionReport> {
  const runs = size(ctx, 5, 2);
  ctx.progress(`§6 size and build: ${runs} cold builds, ${runs} in-process builds`);
  const root = mkdtempSync(join(tmpdir(), 'pi-bench-build-'));
  try {
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) cold.push(coldBuild(join(root, `cold-${i}`)));
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await buildBundles({ entries: AKANA_ENTRIES, outDir: join(root, `warm-${i}`), version: '0.0.0-bench' });
      warm.push(performance.now() - t0);
    }
    const dist = join(root, 'cold-0');
    const files = [
      ...readdirSync(join(dist, 'akana')).sort().map((name) => ({ name, path: join(dist, 'akana', name) })),
      ...readdirSync(dist).filter((name) => name.endsWith('.tar.gz')).map((name) => ({ name, path: join(dist, name) }))
    ];
    const rows = files.map(({ name, path }) => {
      const content = readFileSync(path);
      const already = name.endsWith('.gz');
      return [name, bytes(content.length), already ? '(already gzip)' : bytes(gzipSync(content, { level: 9 }).length)];
    });
    return {
      id: '6',
      title: 'Size and build',
      method: [
        'Sizes of what `build` writes (examples/akana-config.json rendered as config.js), raw and gzip -9. ' +
          `Build time: ${runs} runs of \`build\` as an operator runs it (a fresh Node process through tsx: bundle both entries, gate them, render config.js, write the tarball), ` +
          `and ${runs} runs of \`buildBundles({ entries: AKANA_ENTRIES, outDir, version })\` inside this already-warm process (TypeScript and esbuild loaded). No targets: reported for tracking.`
      ],
      tables: [],
      plain: [
        { caption: 'Sizes', header: ['file', 'bytes', 'gzip -9 bytes'], rows },
        {
          caption: 'Build time (median, min–max)',
          header: ['what', 'time'],
          rows: [
            ['`build` in a fresh process (Node start, tsx, TypeScript load, both bundles, gates, config.js, tarball)', msSpread(cold)],
            ['`buildBundles` in a warm process (both bundles, both gates)', msSpread(warm)]
          ]
        }
      ],
      verdicts: [],
      analysis: []
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
