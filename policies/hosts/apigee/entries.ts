// The Apigee adapter's entry: one run of the shared flow's Javascript step, request or response by context.flow (ES5 engine: Rhino).
//
// Every run goes through the core's entry guard: nothing thrown here reaches the gateway (the
// policy also has continueOnError="true"); every failure is one log line with a stable code and
// the call goes on, unless ASE blocked it or failClosed found no node: then pi.ase.blocked is set
// and the shared flow's RaiseFault answers the client.

import type { PolicyLogger } from '../../core/host';
import { Codes } from '../../core/errors';
import { guardEntry } from '../../core/entry-guard';
import type { ApigeeBindings } from './bindings';
import { loadApigeeConfig, type ApigeeSettings } from './config';
import { flowVariableHealth, healthScope } from './health';
import { requestPhase, responsePhase } from './phases';
import { apigeeLogger } from './services';
import { FLOW_VARIABLES } from './variables';
import { setVariable, text, variable } from './values';

/** 'request' for PROXY_REQ_FLOW / TARGET_REQ_FLOW, 'response' for *_RESP_FLOW, '' otherwise. */
export function flowPhase(flow: string): 'request' | 'response' | '' {
  if (/_REQ_FLOW$/.test(flow)) return 'request';
  if (/_RESP_FLOW$/.test(flow)) return 'response';
  return '';
}

function flowOf(context: any): string {
  try {
    return text(context.flow);
  } catch (e) {
    return '';
  }
}

/** pi-sideband.js: one run per flow the shared flow is attached to. Never throws. */
export function runApigeeSideband(bindings: ApigeeBindings, settings: ApigeeSettings): void {
  guardEntry('pi-sideband', apigeeLogger(bindings.print, bindings.context), sideband, bindings, settings, undefined);
}

function sideband(bindings: ApigeeBindings, settings: ApigeeSettings, log: PolicyLogger): void {
  var context = bindings.context;
  if (!context) {
    log.error(Codes.HOST_READ + ': context is not bound; call forwarded without a sideband call');
    return;
  }
  var flow = flowOf(context);
  var phase = flowPhase(flow);
  if (phase === '') {
    log.warn(Codes.HOST_READ + ": context.flow is '" + flow + "', neither a request nor a response flow; nothing sent");
    return;
  }
  var loaded = loadApigeeConfig(settings, { aseToken: variable(context, FLOW_VARIABLES.aseToken), hashSalt: variable(context, FLOW_VARIABLES.hashSalt) });
  if (!loaded.ok) {
    // Once per problem while the cache keeps the record; without a cache, once per call.
    var once = flowVariableHealth(context, '');
    if (once.store.firstTime('config:' + loaded.line)) log.error(loaded.line);
    once.flush();
    setVariable(context, phase === 'request' ? FLOW_VARIABLES.requestCode : FLOW_VARIABLES.responseCode, Codes.CONFIG_INVALID);
    return;
  }
  if (!bindings.httpClient || !bindings.Request) {
    log.error(Codes.HOST_READ + ': ' + (bindings.httpClient ? 'Request' : 'httpClient') + ' is not bound; call forwarded without a sideband call');
    return;
  }
  var health = flowVariableHealth(context, healthScope(loaded.config.nodes));
  var host = { context: context, httpClient: bindings.httpClient, Request: bindings.Request, health: health.store, log: log };
  if (phase === 'request') requestPhase(loaded.config, loaded.identity, host);
  else responsePhase(loaded.config, host);
  health.flush();
}
