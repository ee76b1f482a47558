// The Akana adapter's entries: pi_policy and retain-header runs (ES5 engine: Rhino).
//
// Adapters only translate: Akana objects in (converted at the boundary), core decisions out. Every
// run goes through the core's entry guard: nothing thrown here reaches the gateway; every failure is
// one log line with a stable code and the call goes on (fail-open), unless the operator chose
// failClosed and no ASE node could be reached.

import type { PolicyLogger } from '../../core/host';
import { Codes } from '../../core/errors';
import { guardEntry } from '../../core/entry-guard';
import { loadAkanaConfig } from './config-load';
import type { AkanaConfigGlobals } from './config-js';
import { jvmHealthStore } from './health';
import { akanaLogger } from './services';
import { logDiagnostics } from './diagnostics';
import { callHost, jsInt, jsString } from './java-values';
import type { AkanaBindings } from './bindings';
import { RETAINED_AUTHORIZATION } from './exchange-keys';
import { requestPhase, responsePhase } from './phases';

/** pi_policy.js: one run per message (request, response or fault) with config.js's variables. Never throws. */
export function runPiPolicy(bindings: AkanaBindings, globals: AkanaConfigGlobals): void {
  guardEntry('pi_policy', akanaLogger(bindings.systemLog || bindings.auditLog), piPolicy, bindings, globals, undefined);
}

function piPolicy(bindings: AkanaBindings, globals: AkanaConfigGlobals, log: PolicyLogger): void {
  var context = bindings.messageContext;
  // Read before the config: the response phase takes its config from the exchange (config-load.ts).
  var phase = context ? jsInt(callHost(context, 'getParameterType')) : NaN;
  var exchange = context ? callHost(context, 'getExchange') : null;
  var loaded = loadAkanaConfig(globals, exchange, phase);
  if (!loaded.ok) {
    // Once per distinct problem per JVM: the operator sees it without a line on every call.
    if (jvmHealthStore('config.').firstTime(loaded.line)) log.error(loaded.line);
    return;
  }
  var config = loaded.config;
  if (!context) {
    log.error(Codes.HOST_READ + ': messageContext is not bound; call forwarded without a sideband call');
    return;
  }
  var message = callHost(context, 'getMessage');
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
}

/**
 * retain-header-policy.js (Pre-policy Auditing, before the OAuth step deletes Authorization): keeps the
 * header on the exchange for pi_policy.js, which takes it back and removes it. Never throws.
 */
export function runRetainHeader(bindings: AkanaBindings): void {
  guardEntry('retain-header', akanaLogger(bindings.systemLog || bindings.auditLog), retainHeader, bindings, null, undefined);
}

function retainHeader(bindings: AkanaBindings): void {
  var context = bindings.messageContext;
  if (!context || jsInt(callHost(context, 'getParameterType')) !== 0) return;
  var header = callHost(callHost(callHost(context, 'getMessage'), 'getTransportHeaders'), 'get', ['Authorization']);
  var value = jsString(callHost(header, 'getValue'));
  if (value) callHost(callHost(context, 'getExchange'), 'setProperty', [RETAINED_AUTHORIZATION, value]);
}
