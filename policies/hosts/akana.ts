// The Akana adapter: runs pi_policy and retain-header over messageContext and msgrService (ES5 engine: Rhino).
//
// Adapters only translate: Akana objects in (converted at the boundary), core decisions out. Nothing
// thrown here reaches the gateway; every failure is one log line with a stable code and the call goes
// on (fail-open), unless the operator chose failClosed and no ASE node could be reached.

import type { PolicyConfig } from '../core/config-types';
import type { HealthStore, PolicyLogger } from '../core/host';
import { validateConfig, describeProblems } from '../core/config';
import { Codes } from '../core/errors';
import { logDecision } from '../core/decision-log';
import { newCorrelationId } from '../core/correlation-id';
import { requestMessage, responseMessage } from '../core/sideband-message';
import { describeError, runSidebandSync } from '../core/sideband-sync';
import type { Decision, SidebandPhase } from '../core/sideband';
import type { SidebandMessage, SyncTransport } from '../core/host';
import { akanaProblems, akanaRawConfig, type AkanaConfigGlobals } from './akana/akana-config';
import { readIdentity, readRequest, readResponse } from './akana/akana-read';
import { msgrTransport } from './akana/akana-transport';
import { jvmHealthStore } from './akana/health-store';
import { akanaLogger, epochMs, javaInteger, javaRandomBytes, javaRandomUuid, runInBackground } from './akana/host-services';
import { logDiagnostics } from './akana/diagnostics';
import { callHost, jsInt, jsString } from './akana/java-values';
import type { AkanaBindings } from './akana/akana-globals';
import { ANSWERING_NODE, CORRELATION_ID, RETAINED_AUTHORIZATION } from './akana/exchange-keys';

export type LoadedConfig = { ok: true; config: PolicyConfig } | { ok: false; line: string };

/** Validates config.js's variables once per script load; the error line names config.js's own names. */
export function loadAkanaConfig(globals: AkanaConfigGlobals): LoadedConfig {
  try {
    var raw = akanaRawConfig(globals);
    var checked = validateConfig(raw);
    if (checked.ok) return { ok: true, config: checked.config };
    return { ok: false, line: describeProblems(akanaProblems(checked.problems, raw)) + '; the policy forwards every call until config.js is fixed' };
  } catch (e) {
    return { ok: false, line: Codes.CONFIG_INVALID + ': config.js could not be read (' + describeError(e) + '); calls are forwarded' };
  }
}

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
  try {
    var out = callHost(exchange, 'getOutMessage') || exchange.createOutputMessage();
    var blocked = decision.clientStatus === 403;
    out.setContentType('application/json');
    out.setStringContent(JSON.stringify({
      error: blocked ? 'forbidden' : 'service_unavailable',
      message: blocked ? 'The request was blocked by API security policy.' : 'API security check unavailable; try again later.',
      correlation_id: correlationId
    }));
    out.setProperty(config.propertyNames.statusCode, javaInteger(decision.clientStatus));
  } catch (e) {
    log.warn(Codes.HOST_READ + ': could not prepare the ' + decision.clientStatus + ' answer (' + describeError(e) + '); the gateway answers with its default rejection');
  }
}

function sendPhase(
  phase: SidebandPhase,
  bindings: AkanaBindings,
  config: PolicyConfig,
  message: SidebandMessage,
  correlationId: string,
  preferredNode: string,
  log: PolicyLogger
): Decision | null {
  var transport = msgrTransport(bindings.msgrService, config.propertyNames.statusCode);
  var health = healthFor(config);
  if (config.asyncMode) {
    sendInBackground(phase, config, message, correlationId, preferredNode, log, transport, health);
    return null;
  }
  var decision = runSidebandSync(phase, message, config, health, epochMs, transport, preferredNode);
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
    logDecision(log, runSidebandSync(phase, message, config, health, epochMs, transport, preferredNode), correlationId);
  }, log);
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

function requestPhase(bindings: AkanaBindings, config: PolicyConfig, message: any, exchange: any, log: PolicyLogger): void {
  var retained = takeRetainedAuthorization(exchange);
  // The core's generator over SecureRandom bytes only where java.util.UUID is out of reach.
  var correlationId = javaRandomUuid() || newCorrelationId(javaRandomBytes());
  callHost(exchange, 'setProperty', [CORRELATION_ID, correlationId]);
  var call = {
    correlationId: correlationId,
    request: readRequest(message, exchange, config),
    identity: readIdentity(message, config, retained)
  };
  var sideband = requestMessage(call, config);
  if (!sideband) {
    log.warn(Codes.CLIENT_IP_UNKNOWN + ': neither X-Forwarded-For nor ' + config.propertyNames.clientUrl + ' holds a valid IP; no sideband call, call forwarded [X-CorrelationID ' + correlationId + ']');
    return;
  }
  var decision = sendPhase('request', bindings, config, sideband, correlationId, '', log);
  if (!decision) return;
  if (decision.node) callHost(exchange, 'setProperty', [ANSWERING_NODE, decision.node]);
  if (decision.verdict === 'block') answerBlocked(bindings, config, exchange, decision, correlationId, log);
}

function responsePhase(bindings: AkanaBindings, config: PolicyConfig, message: any, exchange: any, isFault: boolean, log: PolicyLogger): void {
  var correlationId = jsString(callHost(exchange, 'getProperty', [CORRELATION_ID]));
  if (!correlationId) {
    log.debug(Codes.NO_REQUEST_STATE + ': no ' + CORRELATION_ID + ' on the exchange (the request phase did not run); /ase/response skipped');
    return;
  }
  var response = readResponse(message, exchange, config, isFault);
  var preferred = jsString(callHost(exchange, 'getProperty', [ANSWERING_NODE]));
  sendPhase('response', bindings, config, responseMessage(response, correlationId, config), correlationId, preferred, log);
}

/** pi_policy.js: one run per message (request, response or fault). Never throws. */
export function runPiPolicy(bindings: AkanaBindings, loaded: LoadedConfig): void {
  var log = akanaLogger(bindings.systemLog || bindings.auditLog);
  try {
    if (!loaded.ok) {
      // Once per distinct problem per JVM: the operator sees it without a line on every call.
      if (jvmHealthStore('config.').firstTime(loaded.line)) log.error(loaded.line);
      return;
    }
    var config = loaded.config;
    var context = bindings.messageContext;
    if (!context) {
      log.error(Codes.HOST_READ + ': messageContext is not bound; call forwarded without a sideband call');
      return;
    }
    var phase = jsInt(callHost(context, 'getParameterType'));
    var message = callHost(context, 'getMessage');
    var exchange = callHost(context, 'getExchange');
    if (config.diagnostics) logDiagnostics(akanaLogger(bindings.auditLog || bindings.systemLog), phase, message, exchange, config);
    if (!message || !exchange) {
      log.error(Codes.HOST_READ + ': messageContext has no ' + (message ? 'exchange' : 'message') + '; call forwarded without a sideband call');
      return;
    }
    if (!bindings.msgrService) {
      if (jvmHealthStore('host.').firstTime('msgrService')) log.error(Codes.HOST_READ + ': msgrService is not bound; calls are forwarded without sideband calls');
      return;
    }
    if (phase === 0) requestPhase(bindings, config, message, exchange, log);
    else if (phase === 1 || phase === 2) responsePhase(bindings, config, message, exchange, phase === 2, log);
    else log.warn(Codes.HOST_READ + ': unknown parameter type ' + phase + '; nothing sent');
  } catch (e) {
    log.error(Codes.INTERNAL + ': ' + describeError(e) + '; call forwarded');
  }
}

/**
 * retain-header-policy.js (Pre-policy Auditing, before the OAuth step deletes Authorization): keeps the
 * header on the exchange for pi_policy.js, which takes it back and removes it. Never throws.
 */
export function runRetainHeader(bindings: AkanaBindings): void {
  var log = akanaLogger(bindings.systemLog || bindings.auditLog);
  try {
    var context = bindings.messageContext;
    if (!context || jsInt(callHost(context, 'getParameterType')) !== 0) return;
    var header = callHost(callHost(callHost(context, 'getMessage'), 'getTransportHeaders'), 'get', ['Authorization']);
    var value = jsString(callHost(header, 'getValue'));
    if (value) callHost(callHost(context, 'getExchange'), 'setProperty', [RETAINED_AUTHORIZATION, value]);
  } catch (e) {
    log.error(Codes.INTERNAL + ': retain-header failed (' + describeError(e) + '); call forwarded');
  }
}
