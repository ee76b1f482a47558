// `npm run bench [-- --quick] [--only 1,2] [--out FILE]`: runs the benchmark sections and writes BENCHMARKS.md (Node, bench).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles } from '../packaging/build-bundles';
import { AKANA_ENTRIES, PROJECT_ROOT } from '../packaging/entries';
import { rhinoAvailable } from '../emulators/akana';
import type { BenchContext } from './context';
import { describeMachine } from './machine';
import { renderReport, type SectionReport } from './report';
import { startStandinFarm } from './standin-farm';
import { benchPolicyCpu } from './policy-cpu';
import { benchAkanaEndToEnd } from './akana-e2e';
import { benchNodeHost } from './node-host';
import { benchFailover } from './failover';
import { benchAsyncMode } from './async-mode';
import { benchSizeBuild } from './size-build';

const SECTIONS: Array<(ctx: BenchContext) => Promise<SectionReport>> = [
  benchPolicyCpu,
  benchAkanaEndToEnd,
  benchNodeHost,
  benchFailover,
  benchAsyncMode,
  benchSizeBuild
];

const METHOD = [
  'Every figure is measured next to its floor in the same run: the variant and the floor alternate round by round (AB, BA, ... or rotated when there are three arms), ' +
    'after warm-up rounds that are thrown away, so drift, JIT warm-up and background noise hit both. Each round yields one value per arm (its median, p99 or throughput); ' +
    'a table shows the median of those values over the rounds with their min–max in brackets, and compares the two medians (a ratio of medians, or a difference for added latency); ' +
    'the bracket after a comparison is the min–max of the per-round comparisons. Quantiles interpolate between neighbouring samples. ' +
    'Now and then a whole round of one arm runs several times slower than its neighbours (seen in the JVM on either arm); such rounds widen a range but barely move a median over rounds.',
  'Rhino figures come from the fake Akana host (emulators/akana/java: the com.soa script API in Java, real Rhino, optimization level 0, Akana 1.7R4 profile) and are timed inside the script: ' +
    'one script execution runs N calls and records System.nanoTime around each, so the harness (JVM start, fresh scope, bindings, result snapshots) stays outside every timed region. ' +
    'Node figures time each call with performance.now in a closed loop. ASE is the project\'s stand-in (standin/: token check, schema validation of every body) in a separate ' +
    'Node process on 127.0.0.1, so it does not share the measuring process\'s event loop; it still shares the machine\'s cores.',
  'The typical call: GET /shop/v2/orders?status=open&limit=25&sort=-created with 15 request headers (Host, User-Agent, Accept*, Authorization Bearer JWT, Cookie, X-Forwarded-For, ' +
    'X-Api-Key, ...) from an OAuth end user and consumer app (bench/typical-call.ts). `--quick` runs every section with fewer calls and rounds; its ranges are wider.'
];

/** `--only 1,2`: the section numbers to run (1-based, as in BENCHMARKS.md); anything else is an error. */
function parseOnly(text: string): number[] {
  const numbers = text.split(',').map((part) => part.trim());
  const picked = numbers.map(Number);
  if (numbers.some((n) => !/^\d+$/.test(n)) || picked.some((n) => n < 1 || n > SECTIONS.length)) {
    throw new Error(`--only takes section numbers 1..${SECTIONS.length} separated by commas (got ${JSON.stringify(text)})`);
  }
  return picked;
}

function benchCommand(quick: boolean, only: number[] | null): string {
  const args = [quick ? '--quick' : '', only ? `--only ${only.join(',')}` : ''].filter((a) => a !== '');
  return args.length ? `npm run bench -- ${args.join(' ')}` : 'npm run bench';
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, out: { type: 'string' }, only: { type: 'string' } }, strict: true });
  const quick = values.quick === true;
  const only = values.only === undefined ? null : parseOnly(values.only);
  const out = values.out ?? join(PROJECT_ROOT, 'BENCHMARKS.md');
  const engine = rhinoAvailable();
  if (!engine.ok) {
    process.stderr.write(`bench: the Rhino sections need Java and Rhino: ${engine.reason}\n`);
    return 1;
  }
  const started = new Date();
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-bundles-'));
  const farm = await startStandinFarm();
  try {
    const [piPolicy, retainHeader] = await buildBundles({ entries: AKANA_ENTRIES, outDir: dir, version: '0.0.0-bench' });
    const ctx: BenchContext = {
      quick,
      bundles: { piPolicy: piPolicy.file, retainHeader: retainHeader.file },
      farm,
      progress: (line) => process.stderr.write(`${line} (${Math.round((performance.now() - t0) / 1000)} s)\n`)
    };
    const sections: SectionReport[] = [];
    for (let i = 0; i < SECTIONS.length; i++) {
      if (only === null || only.includes(i + 1)) sections.push(await SECTIONS[i](ctx));
    }
    const markdown = renderReport({
      mode: quick ? 'quick' : 'full',
      startedAt: started.toISOString().replace(/\.\d+Z$/, 'Z'),
      durationSeconds: (performance.now() - t0) / 1000,
      command: benchCommand(quick, only),
      machine: describeMachine(ctx.engine),
      method: METHOD,
      sections
    });
    writeFileSync(out, markdown);
    process.stderr.write(`bench: wrote ${out} in ${Math.round((performance.now() - t0) / 1000)} s\n`);
    return 0;
  } finally {
    await farm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  }
);
