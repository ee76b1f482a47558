// `npm run bench [-- --quick | --smoke] [--only 1,3] [--out FILE]`: runs the benchmark sections and writes BENCHMARKS.md (Node, bench).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rhinoAvailable } from '../emulators/akana';
import { buildBundles } from '../packaging/build-bundles';
import { AKANA_ENTRIES, PROJECT_ROOT } from '../packaging/entries';
import { shippedNodeHost, type BenchContext } from './harness';
import { describeMachine } from './machine';
import { renderReport, type Section } from './report';
import { startStandinFarm } from './standin-farm';
import { benchAkanaCpu } from './akana-cpu';
import { benchAkanaEndToEnd } from './akana-e2e';
import { benchNodeHost } from './node-host';
import { benchFailover } from './failover';
import { benchAsyncMode } from './async-mode';
import { benchSizes } from './sizes';
import { benchObservability } from './observability';

const SECTIONS: Array<(ctx: BenchContext) => Promise<Section>> = [benchAkanaCpu, benchAkanaEndToEnd, benchNodeHost, benchFailover, benchAsyncMode, benchSizes, benchObservability];

const METHOD = [
  'The machine has 2 cores shared with other work, so absolute times move from run to run; what this file reports are **ratios measured side by side**: ' +
    'every variant runs next to its floor in the same process and rounds, the arms alternating (order rotated each round) after warm-up rounds that are thrown away, ' +
    "so drift, JIT warm-up and other load hit both. Each round yields one figure per arm (its p50, p99 or throughput); a table shows each arm's median over the rounds " +
    'with the min–max over the rounds in brackets, and compares the two medians (a ratio of medians, or a difference); the bracket after a comparison is the range of the per-round comparisons.',
  "Akana figures come from the fake Akana host (emulators/akana/java: the com.soa script API in Java, real Rhino 1.7.14 at optimization level 0 with the Akana 1.7R4 profile), " +
    'driven by fake.akana.BenchRunner, which runs scripts compiled once with a fresh top-level object per message, as a JSR-223 engine does (§1), in JVMs that compile in the foreground (-Xbatch: the same code for the same messages, whatever the load). ' +
    'Node figures time each call with performance.now in a closed loop, on the shipped build dist/node. ASE is the project\'s stand-in (standin/: token check, ' +
    'wire-schema validation of every body) in a separate Node process on 127.0.0.1, so it shares the cores but not the measuring event loop.',
  'The typical call (bench/typical-call.ts): GET /shop/v2/orders?status=open&limit=25&sort=-created with 15 request headers (Host, User-Agent, Accept*, Authorization Bearer JWT, ' +
    'Cookie, X-Forwarded-For, X-Api-Key, ...) from an OAuth end user and consumer app, and a 200 answer with 7 headers. `--quick` runs every section with fewer messages and rounds: wider ranges.'
];

/** `--only 1,3`: section numbers as in BENCHMARKS.md; anything else is an error. */
function parseOnly(text: string): number[] {
  const picked = text.split(',').map((part) => part.trim());
  if (picked.some((n) => !/^\d+$/.test(n) || Number(n) < 1 || Number(n) > SECTIONS.length)) {
    throw new Error(`--only takes section numbers 1..${SECTIONS.length} separated by commas (got ${JSON.stringify(text)})`);
  }
  return picked.map(Number);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, smoke: { type: 'boolean' }, out: { type: 'string' }, only: { type: 'string' } }, strict: true });
  const mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  const only = values.only === undefined ? null : parseOnly(values.only);
  const engine = rhinoAvailable();
  if (!engine.ok) {
    process.stderr.write(`bench: the Akana sections need Java and Rhino: ${engine.reason}\n`);
    return 1;
  }
  const t0 = performance.now();
  const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const loadAtStart = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-bundles-'));
  const farm = await startStandinFarm();
  try {
    const [piPolicy, retainHeader] = await buildBundles({ entries: AKANA_ENTRIES, outDir: dir, version: '0.0.0-bench' });
    const ctx: BenchContext = {
      mode,
      bundles: { piPolicy: piPolicy.file, retainHeader: retainHeader.file },
      farm,
      nodeHost: shippedNodeHost(),
      progress: (line) => process.stderr.write(`${line} (${Math.round((performance.now() - t0) / 1000)} s)\n`)
    };
    const sections: Section[] = [];
    for (let i = 0; i < SECTIONS.length; i++) if (only === null || only.includes(i + 1)) sections.push(await SECTIONS[i](ctx));
    const args = [mode === 'full' ? '' : `--${mode}`, only ? `--only ${only.join(',')}` : ''].filter(Boolean).join(' ');
    const out = values.out ?? join(PROJECT_ROOT, 'BENCHMARKS.md');
    const markdown = renderReport({
      command: args ? `npm run bench -- ${args}` : 'npm run bench',
      startedAt,
      seconds: (performance.now() - t0) / 1000,
      machine: describeMachine(ctx.engine, loadAtStart),
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
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
);
