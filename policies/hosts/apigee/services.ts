// Apigee's implementations of the core's logger, clock and randomness ports (ES5 engine: Rhino).
//
// print() reaches only Apigee's Debug trace; warn and error lines also go into a flow variable
// (pi.ase.log) that an operator's MessageLogging step can send to a durable log.

import type { Clock, PolicyLogger, Randomness } from '../../core/host';
import { FLOW_VARIABLES } from './variables';
import { setVariable, variable } from './values';

var PREFIX = 'PingIntelligence: ';

function emit(print: any, context: any, level: string, message: string): void {
  var line = PREFIX + message;
  try {
    if (typeof print === 'function') print(level + ' ' + line);
  } catch (e) {
    // A failing print must never break the API call.
  }
  if (level !== 'DEBUG' && context) {
    var before = variable(context, FLOW_VARIABLES.log);
    setVariable(context, FLOW_VARIABLES.log, before ? before + '\n' + line : line);
  }
}

/** A logger over print() and the pi.ase.log flow variable; missing or failing ones are silent. */
export function apigeeLogger(print: any, context: any): PolicyLogger {
  var logger: PolicyLogger = {
    debug: function (message: string): void {
      emit(print, context, 'DEBUG', message);
    },
    warn: function (message: string): void {
      emit(print, context, 'WARN', message);
    },
    error: function (message: string): void {
      emit(print, context, 'ERROR', message);
    }
  };
  return logger;
}

function epochMs(): number {
  return new Date().getTime();
}

export var APIGEE_CLOCK: Clock = { now: epochMs };

function noUuid(): string {
  return '';
}

function noBytes(): number[] {
  return [];
}

/**
 * Apigee's script scope offers no random source (its crypto object hashes; java.* may be shut out),
 * so the core draws the X-CorrelationID from Math.random: the id only pairs two sideband calls.
 */
export var APIGEE_RANDOMNESS: Randomness = { uuid: noUuid, bytes: noBytes };
