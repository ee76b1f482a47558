// The Node host: createAsePolicy drives the core sideband state machine with await over undici (Node).
//
// Adapters only translate: every sideband rule (failover, decisions, codes, log lines) comes from
// policies/core. Nothing here rejects: every failure resolves with the documented fail-open or
// fail-closed decision, and the one thing that throws is a bad configuration, at startup.

import { logDecision } from '../policies/core/decision-log';
import { randomUUID } from 'node:crypto';
import type { ApiCall, ApiResponse } from '../policies/core/api-call';
import type { PolicyConfig } from '../policies/core/config-types';
import type { PolicyLogger, SidebandMessage } from '../policies/core/host';
import type { Decision, SidebandPhase } from '../policies/core/sideband';
import { Codes } from '../policies/core/errors';
import { memoryHealthStore } from '../policies/core/memory-health';
import { requestMessage, responseMessage } from '../policies/core/sideband-message';
import { describeError } from '../policies/core/sideband-sync';
import { runSidebandAsync } from './sideband-async';
import { undiciTransport } from './undici-transport';
import { loadNodeConfig, type AseTlsOptions } from './node-config';
import { guardedLogger } from './logger';

/** A core Decision plus the X-CorrelationID it was made under (pass it to reportResponse). */
export interface PolicyDecision extends Decision {
  correlationId: string;
}

export interface AsePolicyOptions {
  /** The policy configuration (same fields as config.js); validated once, here. Every node needs a url. */
  config: unknown;
  /** Where decisions and problems are logged. Default: console with a 'PingIntelligence:' prefix, no debug lines. */
  logger?: Partial<PolicyLogger>;
  /** TLS for https:// nodes; certificates are verified against Node's CAs (plus tls.ca) by default. */
  tls?: AseTlsOptions;
  /** Clock in epoch ms (tests); default Date.now. */
  now?: () => number;
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
  /** Waits for sideband calls in flight (each bounded by callBudgetMs), then closes the connections. */
  close(): Promise<void>;
}

function allow(code: string, correlationId: string, log: PolicyDecision['log']): PolicyDecision {
  return { verdict: 'allow', clientStatus: 0, code, node: '', aseStatus: 0, attempts: 0, log, correlationId };
}

/** Validates the configuration (throws PolicyConfigError, code CONFIG_INVALID) and opens one pool per node. */
export function createAsePolicy(options: AsePolicyOptions): AsePolicy {
  const log = guardedLogger(options.logger);
  const config = loadNodeConfig(options.config, options.tls);
  const tls = options.tls ?? {};
  if (tls.dangerouslyAcceptSelfSignedCertificates) {
    log.warn(
      'TLS: dangerouslyAcceptSelfSignedCertificates is on: self-signed ASE certificates are accepted without checking ' +
        'their issuer or host name, so anyone on the network path can impersonate ASE. Give the CA as tls.ca instead.'
    );
  }
  const now = options.now ?? Date.now;
  const health = memoryHealthStore();
  const transport = undiciTransport(config, tls);
  const inFlight = new Set<Promise<unknown>>();


  /** Runs the machine to its decision and logs it; resolves with INTERNAL (allow) if anything throws. */
  async function decide(phase: SidebandPhase, message: SidebandMessage, correlationId: string, preferredNode: string): Promise<PolicyDecision> {
    let decision: PolicyDecision;
    try {
      const made = (await runSidebandAsync(phase, message, config, health, now, transport, preferredNode)) as PolicyDecision;
      made.correlationId = correlationId; // the machine's decision object is this call's own
      decision = made;
    } catch (e) {
      decision = allow(Codes.INTERNAL, correlationId, { level: 'error', message: Codes.INTERNAL + ': ' + describeError(e) + '; call forwarded' });
    }
    logDecision(log, decision, correlationId);
    return decision;
  }

  /** decide(), tracked so that close() can wait for it. */
  function run(phase: SidebandPhase, message: SidebandMessage, correlationId: string, preferredNode: string): Promise<PolicyDecision> {
    const running = decide(phase, message, correlationId, preferredNode);
    inFlight.add(running);
    void running.then(() => inFlight.delete(running));
    return running;
  }

  /** Sync mode: the decision. Async (detect-only) mode: the call goes out in the background, ASE_ASYNC now. */
  function send(phase: SidebandPhase, message: SidebandMessage, correlationId: string, preferredNode: string): Promise<PolicyDecision> {
    const running = run(phase, message, correlationId, preferredNode);
    if (!config.asyncMode) return running;
    return Promise.resolve(allow(Codes.ASYNC, correlationId, null));
  }

  function internal(e: unknown, correlationId: string): Promise<PolicyDecision> {
    const decision = allow(Codes.INTERNAL, correlationId, { level: 'error', message: Codes.INTERNAL + ': ' + describeError(e) + '; call forwarded' });
    logDecision(log, decision, correlationId);
    return Promise.resolve(decision);
  }

  return {
    config,
    logger: log,

    checkRequest(call: ApiCall): Promise<PolicyDecision> {
      let correlationId = '';
      try {
        // Node's own UUID v4 (CSPRNG, batched entropy): an order of magnitude cheaper than 16 fresh random bytes.
        correlationId = call.correlationId || randomUUID();
        const message = requestMessage(call.correlationId === correlationId ? call : { ...call, correlationId }, config);
        if (!message) {
          const decision = allow(Codes.CLIENT_IP_UNKNOWN, correlationId, {
            level: 'warn',
            message: Codes.CLIENT_IP_UNKNOWN + ': neither X-Forwarded-For nor the socket peer holds a valid IP; no sideband call, call forwarded'
          });
          logDecision(log, decision, correlationId);
          return Promise.resolve(decision);
        }
        return send('request', message, correlationId, '');
      } catch (e) {
        return internal(e, correlationId);
      }
    },

    reportResponse(correlationId: string, response: ApiResponse, preferredNode = ''): Promise<PolicyDecision> {
      try {
        if (!correlationId) {
          const decision = allow(Codes.NO_REQUEST_STATE, '', null);
          log.debug(Codes.NO_REQUEST_STATE + ': reportResponse without a correlation id (the request was not checked); /ase/response skipped');
          return Promise.resolve(decision);
        }
        return send('response', responseMessage(response, correlationId, config), correlationId, preferredNode || '');
      } catch (e) {
        return internal(e, correlationId);
      }
    },

    async close(): Promise<void> {
      // Bounded: each call in flight ends within its time budget.
      await Promise.allSettled([...inFlight]);
      await transport.close();
    }
  };
}
