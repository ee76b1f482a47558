// The Node host: createAsePolicy drives the core sideband state machine with await over undici (Node).
//
// Adapters only translate: every sideband rule (failover, decisions, codes, log lines) comes from
// policies/core. Nothing here rejects: every failure resolves with the documented fail-open or
// fail-closed decision, and the one thing that throws is a bad configuration, at startup.

import type { ApiCall, ApiResponse } from '../policies/core/api-call';
import type { AseNode, PolicyConfig } from '../policies/core/config-types';
import type { Clock, HealthStore, PolicyLogger, SidebandMessage } from '../policies/core/host';
import type { Decision, SidebandPhase } from '../policies/core/sideband';
import { Codes } from '../policies/core/errors';
import { logDecision } from '../policies/core/decision-log';
import { internalDecision } from '../policies/core/entry-guard';
import { memoryHealthStore } from '../policies/core/memory-health';
import { beginRequest, beginResponse } from '../policies/core/phases';
import { passDecision } from '../policies/core/sideband';
import { ASYNC_DROPPED_KEY, noteAsyncDropped, reportUnreportedDrops } from '../policies/core/async-drops';
import { countForReport, REPORT_WINDOW_MS, totalCounted } from '../policies/core/report-window';
import { runSidebandAsync } from './sideband-async';
import { undiciTransport, type UndiciTransport } from './undici-transport';
import { PolicyConfigError, loadNodeConfig, optionsProblems, type AseTlsOptions, type PolicyConfigInput } from './node-config';
import { decisionObserver, type ObservabilityOptions } from './observability';
import { guardedLogger } from './logger';
import { NODE_RANDOMNESS, nodeClock } from './node-ports';
import { probedHealth, type ProbedHealth } from './health-probe';

/** A core Decision plus the X-CorrelationID it was made under (pass it to reportResponse). */
export interface PolicyDecision extends Decision {
  correlationId: string;
}

export interface AsePolicyOptions extends ObservabilityOptions {
  /**
   * The policy configuration (same fields as config.js; typed: a wrong field fails tsc); validated
   * once, here, whatever a JavaScript caller passes. Every node needs a url.
   */
  config: PolicyConfigInput;
  /** Where decisions and problems are logged. Default: console with a 'PingIntelligence:' prefix, no debug lines. */
  logger?: Partial<PolicyLogger>;
  /** TLS for https:// nodes; certificates are verified against Node's CAs (plus tls.ca) by default. */
  tls?: AseTlsOptions;
  /** Clock in epoch ms (tests); default Date.now. */
  now?: () => number;
}

/** What the policy has in flight and has dropped, for monitoring. */
export interface AsePolicyStats {
  /** Sideband calls sent and not finished (async mode keeps this at most asyncMaxInFlight). */
  inFlight: number;
  /** The most there were at once since the policy started. */
  peakInFlight: number;
  /** Async sideband calls not sent because asyncMaxInFlight were in flight. */
  asyncDropped: number;
  /** Connections opened to ASE nodes, all nodes together (each one socket at a time). */
  connections: number;
}

export interface AsePolicy {
  /** The validated configuration, defaults applied. */
  readonly config: PolicyConfig;
  /** The guarded logger the policy writes to (middleware logs through it too). */
  readonly logger: PolicyLogger;
  /**
   * Sends /ase/request and decides. Never rejects. A call without a correlationId gets a fresh one
   * (returned on the decision). Async mode: resolves at once with ASE_ASYNC, ASE's answer is only logged.
   */
  checkRequest(call: ApiCall): Promise<PolicyDecision>;
  /**
   * Sends /ase/response for the request with this correlation id, first to preferredNode (the node
   * that answered the request: decision.node). Never rejects, never blocks; do not hold the client for it.
   */
  reportResponse(correlationId: string, response: ApiResponse, preferredNode?: string): Promise<PolicyDecision>;
  /** In flight, dropped, connections. */
  stats(): AsePolicyStats;
  /** Waits for sideband calls in flight (each bounded by callBudgetMs), then closes the connections. */
  close(): Promise<void>;
}

/** The Node host's decision: the core's, tagged with its correlation id (the decision object is this call's own). */
function tagged(decision: Decision, correlationId: string): PolicyDecision {
  const made = decision as PolicyDecision;
  made.correlationId = correlationId;
  return made;
}

/** Where the Node host reads the client address from, and where the response phase gets its correlation id (log wording). */
const CLIENT_SOURCE = 'the socket peer';
const STATE_SOURCE = 'the reportResponse call';
const ASYNC_BOUND = 'in this policy';

/** The one ASE_BODY line: a node's answer body misbehaved after its status (counted per node, one line per window). */
function answerFaultLine(node: AseNode, path: string, status: number, what: string, count: number): string {
  return Codes.BODY + ': ASE node ' + node.name + ' answered ' + status + ' to ' + path + ', then its answer body ' + what +
    '; the connection was dropped (the call had been decided on the status)' +
    (count > 1 ? '; ' + count + ' times since the last line' : '; further ones are counted') +
    ', one line per node per ' + REPORT_WINDOW_MS / 1000 + ' s at most';
}

/** Validates the configuration (throws PolicyConfigError, code CONFIG_INVALID) and opens one connection pool per node. */
export function createAsePolicy(options: AsePolicyOptions): AsePolicy {
  const misused = optionsProblems(options);
  if (misused.length > 0) throw new PolicyConfigError(misused);
  const log: PolicyLogger = guardedLogger(options.logger);
  const config = loadNodeConfig(options.config, options.tls);
  const tls = options.tls ?? {};
  if (tls.dangerouslyAcceptSelfSignedCertificates) {
    log.warn(
      'TLS: dangerouslyAcceptSelfSignedCertificates is on: self-signed ASE certificates are accepted without checking ' +
        'their issuer or host name, so anyone on the network path can impersonate ASE. Give the CA as tls.ca instead.'
    );
  }
  const clock: Clock = nodeClock(options.now);
  // undefined unless onDecision or openTelemetry is set: then nothing below costs more than an `if`.
  const observer = decisionObserver(options, log);
  const memory: HealthStore = memoryHealthStore();
  const transport: UndiciTransport = undiciTransport(config, tls, {
    // asyncMode: never more connections than calls allowed in flight.
    maxConnectionsPerNode: config.asyncMode ? config.asyncMaxInFlight : Infinity,
    onAnswerFault(node, path, status, what) {
      const count = countForReport(memory, 'body:' + node.name, clock.now());
      if (count > 0) log.warn(answerFaultLine(node, path, status, what, count));
    }
  });
  const watched: HealthStore = observer ? observer.watch(memory) : memory;
  const probes: ProbedHealth | null = config.healthCheck ? probedHealth(watched, config, transport, log, clock.now) : null;
  const health: HealthStore = probes ?? watched;
  let inFlight = 0;
  let peakInFlight = 0;
  let drained: (() => void) | null = null;

  /** Logs a decision (one line), tags it with its correlation id and reports it to the observer (startedAt 0: no sideband call). */
  function finish(phase: SidebandPhase, decision: Decision, correlationId: string, startedAt = 0): PolicyDecision {
    logDecision(log, decision, correlationId);
    const made = tagged(decision, correlationId);
    if (observer) observer.decided(phase, made, startedAt);
    return made;
  }

  /** Runs the machine to its decision and logs it; resolves with INTERNAL (allow) if anything throws. Counted for close(). */
  async function run(phase: SidebandPhase, message: SidebandMessage, correlationId: string, preferredNode: string): Promise<PolicyDecision> {
    if (++inFlight > peakInFlight) peakInFlight = inFlight;
    const startedAt = observer ? observer.now() : 0;
    let decision: Decision;
    try {
      decision = await runSidebandAsync(phase, message, config, health, clock.now, transport, preferredNode);
    } catch (e) {
      decision = internalDecision('the ' + phase + ' sideband call', e);
    }
    if (--inFlight === 0 && drained) drained();
    return finish(phase, decision, correlationId, startedAt);
  }

  /** Sync mode: the decision. Async (detect-only) mode: the call goes out in the background (bounded), ASE_ASYNC now. */
  function send(phase: SidebandPhase, message: SidebandMessage, correlationId: string, preferredNode: string): Promise<PolicyDecision> {
    if (!config.asyncMode) return run(phase, message, correlationId, preferredNode);
    if (inFlight < config.asyncMaxInFlight) void run(phase, message, correlationId, preferredNode);
    else noteAsyncDropped(memory, clock.now(), config.asyncMaxInFlight, ASYNC_BOUND, log);
    return Promise.resolve(tagged(passDecision(Codes.ASYNC, null), correlationId));
  }

  return {
    config,
    logger: log,

    checkRequest(call: ApiCall): Promise<PolicyDecision> {
      let correlationId = '';
      try {
        const started = beginRequest(call, config, NODE_RANDOMNESS, CLIENT_SOURCE);
        correlationId = started.correlationId;
        if (!started.message) return Promise.resolve(finish('request', started.skipped, correlationId));
        return send('request', started.message, correlationId, '');
      } catch (e) {
        return Promise.resolve(finish('request', internalDecision('checkRequest', e), correlationId));
      }
    },

    reportResponse(correlationId: string, response: ApiResponse, preferredNode = ''): Promise<PolicyDecision> {
      try {
        const started = beginResponse(response, correlationId, config, STATE_SOURCE);
        if (!started.message) return Promise.resolve(finish('response', started.skipped, ''));
        return send('response', started.message, correlationId, preferredNode || '');
      } catch (e) {
        return Promise.resolve(finish('response', internalDecision('reportResponse', e), correlationId));
      }
    },

    stats(): AsePolicyStats {
      return { inFlight, peakInFlight, asyncDropped: totalCounted(memory, ASYNC_DROPPED_KEY), connections: transport.connections() };
    },

    async close(): Promise<void> {
      probes?.close();
      // The transport takes no new attempt from here and waits for those on the wire (each bounded by
      // its timeout); a call in flight then ends at once, its next attempt refused.
      await transport.close();
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      if (config.asyncMode) reportUnreportedDrops(memory, config.asyncMaxInFlight, ASYNC_BOUND, log);
    }
  };
}
