// The one guard around every gateway entry and middleware: nothing thrown reaches the gateway (ES5 engine and Node).
//
// Like OpenTelemetry's safeExecuteInTheMiddle: the entry runs inside a try; a throw is logged once,
// as POLICY_INTERNAL, and the host's fail-open fallback is returned. The entry's inputs are passed
// as arguments rather than captured: in Rhino a closure made per message costs a function object,
// and a function with a try/catch an activation object, on every call; this keeps both to one.

import type { PolicyLogger } from './host';
import { Codes, describeError } from './errors';
import { passDecision, type Decision, type LogLine } from './sideband';

/** The one POLICY_INTERNAL line: which entry or step failed, the error's type and message, and the outcome. */
export function internalLine(where: string, e: unknown): LogLine {
  return { level: 'error', message: Codes.INTERNAL + ': ' + where + ' failed (' + describeError(e) + '); call forwarded' };
}

/** The decision of a step that threw (host code that resolves with a decision instead of running guardEntry). */
export function internalDecision(where: string, e: unknown): Decision {
  return passDecision(Codes.INTERNAL, internalLine(where, e));
}

/**
 * Runs entry(a, b, log). Returns its result, or `fallback` (the call goes on) when it throws; the
 * throw is logged as one POLICY_INTERNAL line naming `where`. Never throws, even for a broken logger.
 */
export function guardEntry<A, B, R>(where: string, log: PolicyLogger, entry: (a: A, b: B, log: PolicyLogger) => R, a: A, b: B, fallback: R): R {
  try {
    return entry(a, b, log);
  } catch (e) {
    try {
      log.error(internalLine(where, e).message);
    } catch (ignored) {
      // A logger that throws, or an error whose message throws: nothing is left to report to.
    }
    return fallback;
  }
}
