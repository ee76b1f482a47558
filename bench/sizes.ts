// Section 6: bytes and gzip bytes of what `build` writes, and how long an operator's build takes (Node, bench).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../packaging/entries';
import { size, type BenchContext } from './harness';
import { spreadOf } from './stats';
import type { Section } from './report';

const bytes = (n: number) => n.toLocaleString('en-US');

/** Every file under dir, relative paths, sorted. */
function files(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base))
    .sort()
    .flatMap((name) => (statSync(join(dir, base, name)).isDirectory() ? files(dir, join(base, name)) : [join(base, name)]));
}

export async function benchSizes(ctx: BenchContext): Promise<Section> {
  const runs = size(ctx, 3, 1);
  ctx.progress(`§6 sizes: ${runs} builds as an operator runs them`);
  const root = mkdtempSync(join(tmpdir(), 'pi-bench-build-'));
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const built = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'cli', 'cli.ts'), 'build', '--dist', join(root, String(i))], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      times.push(performance.now() - t0);
      if (built.status !== 0) throw new Error(`§6: build failed: ${built.stderr || built.stdout}`);
    }
    await ctx.nodeHost(); // dist/node, as npm run build:node writes it
    const dist = join(root, '0');
    const shipped = [...files(dist).map((name) => [name, join(dist, name)]), ...['index.js', 'test-kit.js'].map((n) => [`node/${n}`, join(PROJECT_ROOT, 'dist', 'node', n)])];
    const rows = shipped.map(([name, path]) => {
      const content = readFileSync(path);
      return [name, bytes(content.length), name.endsWith('.gz') ? '(gzip already)' : bytes(gzipSync(content, { level: 9 }).length)];
    });
    const t = spreadOf(times);
    return {
      id: '6',
      title: 'Sizes',
      method: [
        `What the Akana build (\`tsx cli/cli.ts build --dist DIR\`, the first half of \`npm run build\`) writes, examples/akana-config.json rendered as config.js, raw and gzip -9, and the Node entry (\`npm run build:node\`). ` +
          `It took ${Math.round(t.median)} ms (${Math.round(t.lo)}–${Math.round(t.hi)}) over ${runs} run(s), each a fresh process (Node, tsx, TypeScript, esbuild, both bundles, gates, tarball).`
      ],
      tables: [{ header: ['file', 'bytes', 'gzip -9 bytes'], rows }],
      notes: [],
      headlines: []
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
