// What the Node host's decisions look like from outside (Node): the onDecision hook and, when asked, OpenTelemetry (node/telemetry.ts).
//
// createAsePolicy builds an observer only when onDecision or openTelemetry is set; otherwise there is
// none and each call pays one `if`. Every hook runs guarded, like OpenTelemetry's
// safeExecuteInTheMiddle: a throwing hook or meter is logged and the decision stands.

import { performance } from 'node:perf_hooks';
import type { PolicyDecision } from './node-host';
import type { HealthStore, PolicyLogger } from '../policies/core/host';
import type { SidebandPhase } from '../policies/core/sideband';
import { Codes, describeError } from '../policies/core/errors';
import { PolicyConfigError } from './node-config';
import { openTelemetryRecorder, type OpenTelemetryOptions } from './telemetry';

/** One decision the policy made (and logged), as onDecision receives it. */
export interface DecisionEvent {
  /** 'request' (checkRequest) or 'response' (reportResponse). */
  readonly phase: SidebandPhase;
  /** A copy of the decision (changing it changes nothing); in async mode ASE's answer when it came (the caller already got ASE_ASYNC). */
  readonly decision: Readonly<PolicyDecision>;
  /** Milliseconds the sideband call took, failover included; 0 when none went out (a skipped call). */
  readonly durationMs: number;
}

export interface ObservabilityOptions {
  /**
   * Called with every decision, after it was logged. Runs guarded: a throw is logged once per call
   * (POLICY_INTERNAL) and changes nothing. Keep it quick: it runs on the call's path.
   */
  onDecision?: (event: DecisionEvent) => void;
  /**
   * OpenTelemetry through @opentelemetry/api (an optional peer dependency: install it): metrics
   * (decisions by code, sideband latency, nodes marked down) and a span event on the request's active
   * span. `true` uses the global MeterProvider; or pass `{ meterProvider }`. Off by default.
   */
  openTelemetry?: boolean | OpenTelemetryOptions;
}

/** What the host reports to an observer. */
export interface DecisionObserver {
  /** A start mark for durationMs (performance.now()). */
  now(): number;
  /** One decision; startedAt is now() before the sideband call, 0 when none went out. */
  decided(phase: SidebandPhase, decision: PolicyDecision, startedAt: number): void;
  /** The health store, watched for nodes going down and coming back. */
  watch(health: HealthStore): HealthStore;
}

/** What a sink (the hook, OpenTelemetry) receives. */
export interface DecisionSink {
  /** Named in the log line when it throws: "the onDecision hook". */
  name: string;
  decision(event: DecisionEvent): void;
  nodeDown(node: string): void;
  nodeUp(node: string): void;
}

/** Runs one sink call; a throw becomes one log line and the decision stands. */
function guarded<A>(log: PolicyLogger, where: string, call: (a: A) => void, a: A): void {
  try {
    call(a);
  } catch (e) {
    try {
      log.error(Codes.INTERNAL + ': ' + where + ' threw (' + describeError(e) + '); the decision stands');
    } catch (ignored) {
      // A logger that throws: nothing is left to report to.
    }
  }
}

function hookSink(onDecision: (event: DecisionEvent) => void): DecisionSink {
  return { name: 'the onDecision hook', decision: onDecision, nodeDown: () => undefined, nodeUp: () => undefined };
}

/** Up -> down and down -> up transitions of the store (a probe's reservation is neither). */
function watchedHealth(health: HealthStore, sinks: DecisionSink[], log: PolicyLogger): HealthStore {
  return {
    getDownUntil: (node) => health.getDownUntil(node),
    firstTime: (key) => health.firstTime(key),
    setDownUntil(node, epochMs) {
      const wasDown = health.getDownUntil(node) !== 0;
      health.setDownUntil(node, epochMs);
      if (wasDown === (epochMs !== 0)) return;
      for (const sink of sinks) guarded(log, sink.name, epochMs !== 0 ? sink.nodeDown : sink.nodeUp, node);
    }
  };
}

/**
 * The observer for these options, or undefined when nothing observes (no cost then). Throws
 * PolicyConfigError at startup when openTelemetry is asked for without @opentelemetry/api installed.
 */
export function decisionObserver(options: ObservabilityOptions, log: PolicyLogger): DecisionObserver | undefined {
  const sinks: DecisionSink[] = [];
  if (options.onDecision !== undefined) {
    if (typeof options.onDecision !== 'function') throw new PolicyConfigError([{ path: 'onDecision', message: 'must be a function (event) => void' }]);
    sinks.push(hookSink(options.onDecision));
  }
  if (options.openTelemetry) sinks.push(openTelemetryRecorder(options.openTelemetry === true ? {} : options.openTelemetry));
  if (sinks.length === 0) return undefined;
  return {
    now: () => performance.now(),
    decided(phase, decision, startedAt) {
      const durationMs = startedAt === 0 ? 0 : performance.now() - startedAt;
      // A copy, so a hook that writes to it cannot change what the caller acts on. Not frozen:
      // Object.freeze costs microseconds per object in V8, more than the rest of this step.
      const event: DecisionEvent = { phase, decision: { ...decision }, durationMs };
      for (const sink of sinks) guarded(log, sink.name, sink.decision, event);
    },
    watch: (health) => watchedHealth(health, sinks, log)
  };
}
