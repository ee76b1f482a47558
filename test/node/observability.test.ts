// What the Node host's decisions look like from outside: the onDecision hook, OpenTelemetry metrics through an in-memory reader, the span event (Node, nock).
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type HistogramMetricData, type MetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAsePolicy, TELEMETRY_NAMES, type AsePolicyOptions, type DecisionEvent } from '../../node/index';
import { decisionObserver } from '../../node/observability';
import { mockAse, testCall, testResponse, type MockAse } from '../../node/test-kit';
import { recordingLogger } from './recording-logger';

const PRIMARY = 'http://ase-primary.test:8000';
const SECONDARY = 'http://ase-secondary.test:8000';
const TOKEN = 'sideband-token';
const config = { aseToken: TOKEN, nodes: [{ name: 'primary', url: PRIMARY }, { name: 'secondary', url: SECONDARY }] };
const STOLEN = { headers: { host: 'api.example.com', authorization: 'Bearer stolen-token' } };

let ase: MockAse | undefined;
afterEach(() => {
  ase?.restore();
  ase = undefined;
});

function policyWith(options: Omit<AsePolicyOptions, 'config'>, extra: Partial<AsePolicyOptions['config']> = {}) {
  const log = recordingLogger();
  return { policy: createAsePolicy({ config: { ...config, ...extra }, logger: log, ...options }), log };
}

describe('onDecision', () => {
  it('gets every decision with its phase and sideband time; a skipped call took none', async () => {
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, deny: { tokens: ['stolen-token'] }, expect: ['/ase/request', '/ase/response'] });
    const events: DecisionEvent[] = [];
    const { policy } = policyWith({ onDecision: (event) => events.push(event) });
    const allowed = await policy.checkRequest(testCall());
    await policy.reportResponse(allowed.correlationId, testResponse(), allowed.node);
    const blocked = await policy.checkRequest(testCall(STOLEN));
    const skipped = await policy.checkRequest(testCall({ ip: 'not-an-ip' }));
    await policy.close();
    ase.assertDone();

    expect(events.map((event) => [event.phase, event.decision.code, event.decision.verdict, event.decision.node])).toEqual([
      ['request', 'ASE_ALLOWED', 'allow', 'primary'],
      ['response', 'ASE_ALLOWED', 'allow', 'primary'],
      ['request', 'ASE_BLOCKED', 'block', 'primary'],
      ['request', 'CLIENT_IP_UNKNOWN', 'allow', '']
    ]);
    for (const event of events.slice(0, 3)) expect(event.durationMs).toBeGreaterThan(0);
    expect(events[3].durationMs).toBe(0);
    // A copy: the hook sees what the caller got and cannot change it.
    expect(events[0].decision).toEqual(allowed);
    expect(events[0].decision).not.toBe(allowed);
    expect(events[2].decision.correlationId).toBe(blocked.correlationId);
    expect(skipped.code).toBe('CLIENT_IP_UNKNOWN');
  });

  it('a hook that writes to the decision changes nothing: a block stays a block', async () => {
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, deny: { tokens: ['stolen-token'] } });
    const { policy } = policyWith({ onDecision: (event) => Object.assign(event.decision, { verdict: 'allow', clientStatus: 0 }) });
    const decision = await policy.checkRequest(testCall(STOLEN));
    await policy.close();
    expect(decision).toMatchObject({ verdict: 'block', clientStatus: 403, code: 'ASE_BLOCKED' });
    ase.assertDone();
  });

  it('a hook that throws is logged once per call and the decision stands (a block stays a block)', async () => {
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, deny: { tokens: ['stolen-token'] } });
    const { policy, log } = policyWith({
      onDecision: () => {
        throw new RangeError('dashboard down');
      }
    });
    const decision = await policy.checkRequest(testCall(STOLEN));
    await policy.close();
    expect(decision).toMatchObject({ verdict: 'block', clientStatus: 403, code: 'ASE_BLOCKED' });
    const lines = log.lines.filter((line) => line.message.includes('onDecision'));
    expect(lines).toEqual([{ level: 'error', message: 'POLICY_INTERNAL: the onDecision hook threw (RangeError: dashboard down); the decision stands' }]);
    ase.assertDone();
  });

  it("in async mode gets ASE's answer when it comes, while the caller got ASE_ASYNC at once", async () => {
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, deny: { tokens: ['stolen-token'] } });
    const events: DecisionEvent[] = [];
    const { policy } = policyWith({ onDecision: (event) => events.push(event) }, { asyncMode: true });
    const decision = await policy.checkRequest(testCall(STOLEN));
    await policy.close();
    expect(decision.code).toBe('ASE_ASYNC');
    expect(events.map((event) => event.decision.code)).toEqual(['ASE_BLOCKED']);
    ase.assertDone();
  });

  it('nothing observes without onDecision or openTelemetry: no observer is built', () => {
    expect(decisionObserver({}, recordingLogger())).toBeUndefined();
    expect(decisionObserver({ openTelemetry: false }, recordingLogger())).toBeUndefined();
  });

  it('refuses an onDecision that is not a function, at startup', () => {
    // @ts-expect-error a JavaScript caller's mistake
    expect(() => createAsePolicy({ config, onDecision: 'log it' })).toThrow(/onDecision: must be a function/);
  });
});

describe('OpenTelemetry', () => {
  let exporter: InMemoryMetricExporter;
  let reader: PeriodicExportingMetricReader;
  let meterProvider: MeterProvider;

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  afterAll(() => {
    context.disable();
  });

  function freshMetrics(): void {
    exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    meterProvider = new MeterProvider({ readers: [reader] });
  }

  async function collected(): Promise<Map<string, MetricData>> {
    await reader.forceFlush();
    const metrics = new Map<string, MetricData>();
    for (const resource of exporter.getMetrics()) {
      for (const scope of resource.scopeMetrics) {
        expect(scope.scope.name).toBe('pingintelligence-ase-sideband');
        for (const metric of scope.metrics) metrics.set(metric.descriptor.name, metric);
      }
    }
    return metrics;
  }

  function points(metric: MetricData | undefined): Array<[Record<string, unknown>, unknown]> {
    return (metric?.dataPoints ?? []).map((point) => [point.attributes, point.value] as [Record<string, unknown>, unknown]);
  }

  it('counts decisions by phase, code and verdict, records sideband latency in seconds, counts nodes marked down', async () => {
    freshMetrics();
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, down: [PRIMARY], deny: { tokens: ['stolen-token'] } });
    const { policy } = policyWith({ openTelemetry: { meterProvider } });
    const allowed = await policy.checkRequest(testCall());
    await policy.reportResponse(allowed.correlationId, testResponse(), allowed.node);
    await policy.checkRequest(testCall(STOLEN));
    await policy.checkRequest(testCall({ ip: 'not-an-ip' }));
    await policy.close();
    const metrics = await collected();

    const n = TELEMETRY_NAMES;
    expect(points(metrics.get(n.decisions))).toEqual(
      expect.arrayContaining([
        [{ [n.phase]: 'request', [n.code]: 'ASE_ALLOWED', [n.verdict]: 'allow', [n.node]: 'secondary' }, 1],
        [{ [n.phase]: 'response', [n.code]: 'ASE_ALLOWED', [n.verdict]: 'allow', [n.node]: 'secondary' }, 1],
        [{ [n.phase]: 'request', [n.code]: 'ASE_BLOCKED', [n.verdict]: 'block', [n.node]: 'secondary' }, 1],
        [{ [n.phase]: 'request', [n.code]: 'CLIENT_IP_UNKNOWN', [n.verdict]: 'allow' }, 1]
      ])
    );
    expect(points(metrics.get(n.decisions))).toHaveLength(4);

    const latency = metrics.get(n.duration) as HistogramMetricData;
    expect(latency.descriptor.unit).toBe('s');
    const counts = latency.dataPoints.map((point) => [point.attributes[n.phase], point.attributes[n.code], point.value.count]);
    // Three sideband calls went out (the skipped one did not); each took more than 0 and less than the 1 s budget.
    expect(counts).toEqual(expect.arrayContaining([['request', 'ASE_ALLOWED', 1], ['response', 'ASE_ALLOWED', 1], ['request', 'ASE_BLOCKED', 1]]));
    expect(counts).toHaveLength(3);
    for (const point of latency.dataPoints) {
      expect(point.value.sum).toBeGreaterThan(0);
      expect(point.value.sum).toBeLessThan(1);
    }

    // The primary refused once and was then skipped while down: marked down once, still down.
    expect(points(metrics.get(n.markedDown))).toEqual([[{ [n.node]: 'primary' }, 1]]);
    expect(points(metrics.get(n.nodesDown))).toEqual([[{ [n.node]: 'primary' }, 1]]);
    ase.assertDone();
  });

  it('a node that answers again leaves the nodes-down count; its probe is no second mark-down', async () => {
    freshMetrics();
    const { policy } = policyWith({ openTelemetry: { meterProvider } }, { retryAfterMs: 0 });
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, down: [PRIMARY] });
    expect((await policy.checkRequest(testCall())).node).toBe('secondary');
    ase.assertDone();
    ase.restore();
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN });
    // retryAfterMs 0: the next call probes the primary, which answers.
    expect((await policy.checkRequest(testCall())).node).toBe('primary');
    await policy.close();
    const metrics = await collected();
    expect(points(metrics.get(TELEMETRY_NAMES.markedDown))).toEqual([[{ [TELEMETRY_NAMES.node]: 'primary' }, 1]]);
    expect(points(metrics.get(TELEMETRY_NAMES.nodesDown))).toEqual([[{ [TELEMETRY_NAMES.node]: 'primary' }, 0]]);
    ase.assertDone();
  });

  it("adds a span event to the request's active span, with the correlation id", async () => {
    freshMetrics();
    const spans = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).getTracer('app');
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, deny: { tokens: ['stolen-token'] } });
    const { policy } = policyWith({ openTelemetry: { meterProvider } });
    const decision = await tracer.startActiveSpan('GET /shop/items', async (span) => {
      try {
        return await policy.checkRequest(testCall(STOLEN));
      } finally {
        span.end();
      }
    });
    // Outside any span: nothing to add the event to, nothing fails.
    await policy.checkRequest(testCall());
    await policy.close();

    const [span] = spans.getFinishedSpans();
    const n = TELEMETRY_NAMES;
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        n.spanEvent,
        {
          [n.phase]: 'request',
          [n.code]: 'ASE_BLOCKED',
          [n.verdict]: 'block',
          [n.node]: 'primary',
          [n.correlationId]: decision.correlationId,
          [n.clientStatus]: 403
        }
      ]
    ]);
    expect(trace.getActiveSpan()).toBeUndefined();
    ase.assertDone();
  });

  it('uses the global MeterProvider with openTelemetry: true', async () => {
    freshMetrics();
    const { metrics } = await import('@opentelemetry/api');
    metrics.setGlobalMeterProvider(meterProvider);
    try {
      ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN });
      const { policy } = policyWith({ openTelemetry: true });
      await policy.checkRequest(testCall());
      await policy.close();
      expect(points((await collected()).get(TELEMETRY_NAMES.decisions)).map(([, value]) => value)).toEqual([1]);
      ase.assertDone();
    } finally {
      metrics.disable();
    }
  });

  it('a meter that throws is logged and the decision stands', async () => {
    const broken = {
      getMeter: () => ({
        createCounter: () => ({
          add: () => {
            throw new Error('exporter gone');
          }
        }),
        createUpDownCounter: () => ({ add: () => undefined }),
        createHistogram: () => ({ record: () => undefined })
      })
    };
    ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: TOKEN, deny: { tokens: ['stolen-token'] } });
    const { policy, log } = policyWith({ openTelemetry: { meterProvider: broken } });
    const decision = await policy.checkRequest(testCall(STOLEN));
    await policy.close();
    expect(decision).toMatchObject({ verdict: 'block', code: 'ASE_BLOCKED' });
    expect(log.lines.filter((line) => line.message.includes('OpenTelemetry'))).toEqual([
      { level: 'error', message: 'POLICY_INTERNAL: the OpenTelemetry recorder threw (Error: exporter gone); the decision stands' }
    ]);
    ase.assertDone();
  });
});
