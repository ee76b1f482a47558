// The request and response phases of pi_policy.js on Akana: reads, transport and answering around the core's phase steps (ES5 engine: Rhino).
//
// Runs from the top of pi_policy.js on every message: no closures in these functions (each would be
// a function object, and its enclosing function's activation object, on every call).

import type { PolicyConfig } from '../../core/config-types';
import type { HealthStore, PolicyLogger, SidebandMessage, SyncTransport } from '../../core/host';
import { Codes, describeError } from '../../core/errors';
import { logDecision } from '../../core/decision-log';
import { beginRequest, beginResponse, clientAnswer } from '../../core/phases';
import { runSidebandSync } from '../../core/sideband-sync';
import { passDecision, type Decision, type SidebandPhase } from '../../core/sideband';
import { readIdentity, readRequest, readResponse } from './read';
import { msgrTransport } from './transport';
import { jvmHealthStore } from './health';
import { AKANA_CLOCK, AKANA_RANDOMNESS, javaInteger, runInBackground } from './services';
import { callHost, jsString } from './java-values';
import type { AkanaBindings } from './bindings';
import { ANSWERING_NODE, CORRELATION_ID, RETAINED_AUTHORIZATION } from './exchange-keys';

/** Health state scoped by the node list, so two tenants' configs never share "node down" marks. */
function healthFor(config: PolicyConfig): HealthStore {
  var scope = '';
  for (var i = 0; i < config.nodes.length; i++) scope += (config.nodes[i].service || config.nodes[i].name) + '|';
  return jvmHealthStore(String(scope.length) + ':' + scope + '.');
}

/**
 * Stops the call and prepares the client's answer. In the provider role Akana replies with the
 * exchange's out message when a policy returns false; its status property carries 403 (or 503).
 */
function answerBlocked(bindings: AkanaBindings, config: PolicyConfig, exchange: any, decision: Decision, correlationId: string, log: PolicyLogger): void {
  try {
    bindings.result.setSuccess(false);
  } catch (e) {
    log.error(Codes.HOST_READ + ': result.setSuccess(false) failed (' + describeError(e) + '); the call could not be blocked');
    return;
  }
  var answer = clientAnswer(decision, correlationId);
  try {
    var out = callHost(exchange, 'getOutMessage') || exchange.createOutputMessage();
    out.setContentType(answer.contentType);
    out.setStringContent(answer.body);
    out.setProperty(config.propertyNames.statusCode, javaInteger(answer.status));
  } catch (e) {
    log.warn(Codes.HOST_READ + ': could not prepare the ' + answer.status + ' answer (' + describeError(e) + '); the gateway answers with its default rejection');
  }
}

/** Sends one phase's message and logs the decision; in async mode the send runs in the background (ASE_ASYNC). */
function sendPhase(
  phase: SidebandPhase,
  bindings: AkanaBindings,
  config: PolicyConfig,
  message: SidebandMessage,
  correlationId: string,
  preferredNode: string,
  log: PolicyLogger
): Decision {
  var transport = msgrTransport(bindings.msgrService, config.propertyNames.statusCode);
  var health = healthFor(config);
  if (config.asyncMode) {
    sendInBackground(phase, config, message, correlationId, preferredNode, log, transport, health);
    return passDecision(Codes.ASYNC, null);
  }
  var decision = runSidebandSync(phase, message, config, health, AKANA_CLOCK.now, transport, preferredNode);
  logDecision(log, decision, correlationId);
  return decision;
}

/**
 * Detect-only: ASE's answer is logged, never enforced, and the API call does not wait for it. A
 * function of its own: the closure inside sendPhase would make Rhino build an activation object for
 * every sync call too.
 */
function sendInBackground(
  phase: SidebandPhase,
  config: PolicyConfig,
  message: SidebandMessage,
  correlationId: string,
  preferredNode: string,
  log: PolicyLogger,
  transport: SyncTransport,
  health: HealthStore
): void {
  runInBackground(function () {
    logDecision(log, runSidebandSync(phase, message, config, health, AKANA_CLOCK.now, transport, preferredNode), correlationId);
  }, config.asyncMaxInFlight, config.asyncThreads, log);
}

/** Reads and forgets the Authorization value kept by retain-header: no retained value outlives its use. */
function takeRetainedAuthorization(exchange: any): string {
  var value = jsString(callHost(exchange, 'getProperty', [RETAINED_AUTHORIZATION]));
  if (value) {
    // getPropertyNames() is a live set: removing the name deletes the property.
    callHost(callHost(exchange, 'getPropertyNames'), 'remove', [RETAINED_AUTHORIZATION]);
    if (jsString(callHost(exchange, 'getProperty', [RETAINED_AUTHORIZATION]))) callHost(exchange, 'setProperty', [RETAINED_AUTHORIZATION, '']);
  }
  return value;
}

export function requestPhase(bindings: AkanaBindings, config: PolicyConfig, message: any, exchange: any, log: PolicyLogger): void {
  var retained = takeRetainedAuthorization(exchange);
  var call = {
    correlationId: '',
    request: readRequest(message, exchange, config),
    identity: readIdentity(message, config, retained)
  };
  // The client address is read from the clientUrl property (http.client.url by default).
  var started = beginRequest(call, config, AKANA_RANDOMNESS, config.propertyNames.clientUrl);
  if (!started.message) {
    logDecision(log, started.skipped, started.correlationId);
    return;
  }
  callHost(exchange, 'setProperty', [CORRELATION_ID, started.correlationId]);
  var decision = sendPhase('request', bindings, config, started.message, started.correlationId, '', log);
  if (decision.node) callHost(exchange, 'setProperty', [ANSWERING_NODE, decision.node]);
  if (decision.verdict === 'block') answerBlocked(bindings, config, exchange, decision, started.correlationId, log);
}

export function responsePhase(bindings: AkanaBindings, config: PolicyConfig, message: any, exchange: any, isFault: boolean, log: PolicyLogger): void {
  var correlationId = jsString(callHost(exchange, 'getProperty', [CORRELATION_ID]));
  var started = beginResponse(readResponse(message, exchange, config, isFault), correlationId, config, CORRELATION_ID);
  if (!started.message) {
    logDecision(log, started.skipped, '');
    return;
  }
  var preferred = jsString(callHost(exchange, 'getProperty', [ANSWERING_NODE]));
  sendPhase('response', bindings, config, started.message, correlationId, preferred, log);
}
