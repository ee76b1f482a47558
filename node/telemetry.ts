// OpenTelemetry for the Node host (Node): decision, latency and node-health metrics and a span event, through @opentelemetry/api, loaded only when asked for.
//
// @opentelemetry/api is an optional peer dependency: it is required here, at createAsePolicy, only
// when `openTelemetry` is set, so an app without it never loads it. require(), not import(): the
// policy is built synchronously, and the api keeps its providers on a global symbol, so the copy
// loaded here sees the MeterProvider and context manager the app registered through its own import.

import { createRequire } from 'node:module';
import type { DecisionEvent, DecisionSink } from './observability';
import { PolicyConfigError } from './node-config';

/** Attribute values as OpenTelemetry takes them. */
type Attributes = Record<string, string | number | boolean>;

/** The parts of an OpenTelemetry Meter the recorder uses (structural: the package's types do not need @opentelemetry/api). */
export interface MeterLike {
  createCounter(name: string, options?: { description?: string; unit?: string }): { add(value: number, attributes?: Attributes): void };
  createUpDownCounter(name: string, options?: { description?: string; unit?: string }): { add(value: number, attributes?: Attributes): void };
  createHistogram(
    name: string,
    options?: { description?: string; unit?: string; advice?: { explicitBucketBoundaries?: number[] } }
  ): { record(value: number, attributes?: Attributes): void };
}

/** An OpenTelemetry MeterProvider (the SDK's MeterProvider, or the api's global one). */
export interface MeterProviderLike {
  getMeter(name: string, version?: string): MeterLike;
}

export interface OpenTelemetryOptions {
  /** Where the metrics go; default the global MeterProvider (`metrics.setGlobalMeterProvider`). */
  meterProvider?: MeterProviderLike;
}

/** The instrumentation scope: the npm package's name. */
export const METER_NAME = 'pingintelligence-ase-sideband';

/** Metric and attribute names (OpenTelemetry style: dotted, lower-case, namespaced). */
export const TELEMETRY_NAMES = {
  decisions: 'pingintelligence.ase.decisions',
  duration: 'pingintelligence.ase.sideband.duration',
  markedDown: 'pingintelligence.ase.node.marked_down',
  nodesDown: 'pingintelligence.ase.nodes.down',
  spanEvent: 'pingintelligence.ase.decision',
  phase: 'pingintelligence.phase',
  code: 'pingintelligence.code',
  verdict: 'pingintelligence.verdict',
  node: 'pingintelligence.ase.node',
  correlationId: 'pingintelligence.correlation_id',
  clientStatus: 'pingintelligence.client_status'
} as const;

/** Sub-second buckets, in seconds: sideband calls are bounded by callBudgetMs (default 1 s). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface SpanLike {
  isRecording(): boolean;
  addEvent(name: string, attributes?: Attributes): unknown;
}

interface OpenTelemetryApi {
  metrics: { getMeterProvider(): MeterProviderLike };
  trace: { getActiveSpan(): SpanLike | undefined };
}

function loadApi(): OpenTelemetryApi {
  try {
    return createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetryApi;
  } catch (e) {
    throw new PolicyConfigError([
      {
        path: 'openTelemetry',
        message: `needs @opentelemetry/api, an optional peer dependency that is not installed (npm install @opentelemetry/api): ${(e as Error).message.split('\n')[0]}`
      }
    ]);
  }
}

/** The recorder: metrics on every decision and node-health change, a span event on the request's span. */
export function openTelemetryRecorder(options: OpenTelemetryOptions): DecisionSink {
  const api = loadApi();
  const meter = (options.meterProvider ?? api.metrics.getMeterProvider()).getMeter(METER_NAME);
  const names = TELEMETRY_NAMES;
  const decisions = meter.createCounter(names.decisions, { description: 'Sideband decisions, by phase, outcome code and verdict', unit: '{decision}' });
  const duration = meter.createHistogram(names.duration, {
    description: 'Time one sideband call took, failover attempts included',
    unit: 's',
    advice: { explicitBucketBoundaries: LATENCY_BUCKETS }
  });
  const markedDown = meter.createCounter(names.markedDown, { description: 'ASE nodes marked down after a transport failure', unit: '{event}' });
  const nodesDown = meter.createUpDownCounter(names.nodesDown, { description: 'ASE nodes currently marked down', unit: '{node}' });

  return {
    name: 'the OpenTelemetry recorder',
    decision(event: DecisionEvent): void {
      const { decision, phase } = event;
      const attributes: Attributes = { [names.phase]: phase, [names.code]: decision.code, [names.verdict]: decision.verdict };
      if (decision.node !== '') attributes[names.node] = decision.node;
      decisions.add(1, attributes);
      if (event.durationMs > 0) duration.record(event.durationMs / 1000, { [names.phase]: phase, [names.code]: decision.code });
      if (phase !== 'request') return;
      // The request phase runs inside the app's request handling, so the active span is the request's
      // (an ended span, e.g. in async mode after the answer went out, records nothing).
      const span = api.trace.getActiveSpan();
      if (span && span.isRecording()) {
        span.addEvent(names.spanEvent, { ...attributes, [names.correlationId]: decision.correlationId, [names.clientStatus]: decision.clientStatus });
      }
    },
    nodeDown(node: string): void {
      markedDown.add(1, { [names.node]: node });
      nodesDown.add(1, { [names.node]: node });
    },
    nodeUp(node: string): void {
      nodesDown.add(-1, { [names.node]: node });
    }
  };
}
