// Section 7: what onDecision and OpenTelemetry cost the Node host per call, used and unused, against the same host with neither (Node, bench).
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { countingLogger, nodeRounds, PATIENT, size, type BenchContext, type LoadResult } from './harness';
import { compareArms, p50, type Compared } from './stats';
import { compareRow, headline, num, type Section } from './report';
import { BENCH_TOKEN, typicalCall } from './typical-call';

const TARGET = { limit: 1.05, text: '<= 1.05x (used); unused is the §3 host' };
const latency = (r: LoadResult) => p50(r.latencies);

export async function benchObservability(ctx: BenchContext): Promise<Section> {
  const calls = size(ctx, 1000, 400);
  const rounds = size(ctx, 15, 3);
  ctx.progress(`§7 observability: onDecision and OpenTelemetry on the Node host, concurrency 1, ${rounds} rounds of ${calls} calls per arm (+1 warm-up)`);
  const { createAsePolicy, Codes } = await ctx.nodeHost();
  const ase = await ctx.farm.start({ name: 'ase-observed', token: BENCH_TOKEN });
  const { logger, lines } = countingLogger();
  const config = { aseToken: BENCH_TOKEN, nodes: [{ name: 'primary', url: ase.url }], ...PATIENT };
  // A real SDK pipeline (in-memory, exported only on demand), so recording is measured, not a no-op meter.
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  let hookCalls = 0;
  const policies = {
    neither: createAsePolicy({ config, logger }),
    onDecision: createAsePolicy({ config, logger, onDecision: () => void hookCalls++ }),
    openTelemetry: createAsePolicy({ config, logger, openTelemetry: { meterProvider } })
  };
  const arm = (policy: (typeof policies)[keyof typeof policies]) => async () => {
    const decision = await policy.checkRequest(typicalCall());
    if (decision.code !== Codes.ALLOWED) throw new Error(`§7: decided ${decision.code}`);
  };
  try {
    const kept = await nodeRounds(
      { neither: arm(policies.neither), onDecision: arm(policies.onDecision), openTelemetry: arm(policies.openTelemetry) },
      { rounds, warmupRounds: 1, calls, concurrency: 1 }
    );
    await reader.forceFlush();
    const recorded = exporter.getMetrics().flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics.map((m) => m.descriptor.name)));
    if (hookCalls !== (rounds + 1) * calls) throw new Error(`§7: onDecision ran ${hookCalls} times for ${(rounds + 1) * calls} calls`);
    if (recorded.length === 0) throw new Error('§7: OpenTelemetry recorded no metric');
    if (lines.length > 0) throw new Error(`§7: the host logged: ${lines.slice(0, 3).join(' | ')}`);
    const figures: Array<[string, Compared]> = [
      ['onDecision (a counting hook), p50', compareArms(kept, 'onDecision', 'neither', latency)],
      ['OpenTelemetry (SDK MeterProvider), p50', compareArms(kept, 'openTelemetry', 'neither', latency)],
      ['onDecision, client CPU per call', compareArms(kept, 'onDecision', 'neither', (r) => r.cpuPerCall)],
      ['OpenTelemetry, client CPU per call', compareArms(kept, 'openTelemetry', 'neither', (r) => r.cpuPerCall)]
    ];
    return {
      id: '7',
      title: 'Observability on the Node host',
      method: [
        'Three policies from `dist/node` on the same stand-in, arms interleaved: neither option set, `onDecision` with a hook that counts, and `openTelemetry` with a ' +
          '`@opentelemetry/sdk-metrics` MeterProvider and an in-memory reader (metrics recorded per call, exported once at the end). ' +
          `Concurrency 1, ${rounds} rounds of ${calls} calls per arm after a warm-up round; the hook's count and the recorded metric names are checked.`,
        'Unused, the host makes no observer at all (`decisionObserver` returns undefined) and pays one `if` per decision: the "neither" arm is the host that §3 compares ' +
          'with a bare `Pool.request`.'
      ],
      tables: [{ header: ['figure', 'with it', 'neither', 'compared'], rows: figures.map(([figure, c]) => compareRow(figure, c)) }],
      notes: [
        `Recorded metrics: ${[...new Set(recorded)].join(', ')}. At the median, onDecision adds ${num(figures[0][1].variant.median - figures[0][1].floor.median)} µs and ` +
          `OpenTelemetry ${num(figures[1][1].variant.median - figures[1][1].floor.median)} µs to a ${num(figures[0][1].floor.median)} µs call.`
      ],
      headlines: figures.slice(0, 2).map(([figure, c]) => headline(`Node host with ${figure.split(' (')[0]} / with neither, p50`, c, TARGET))
    };
  } finally {
    for (const policy of Object.values(policies)) await policy.close();
    await meterProvider.shutdown();
    await ase.close();
  }
}
