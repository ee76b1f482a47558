// The steps every host takes to begin each phase, and the client's answer to a stopped call (ES5 engine and Node).
//
// A host reads the call, sends the message over its transport and answers the client; everything
// between is decided here once: the X-CorrelationID, the skip when no client IP is valid, the
// sideband message, the skip of a response phase without request state, the blocked body.

import type { ApiCall, ApiResponse } from './api-call';
import type { PolicyConfig } from './config-types';
import type { Randomness, SidebandMessage } from './host';
import { Codes } from './errors';
import { newCorrelationId } from './correlation-id';
import { requestMessage, responseMessage } from './sideband-message';
import { passDecision, type Decision } from './sideband';

/**
 * How a phase begins: the message to send, or the decision of a skipped phase (the call goes on;
 * its line already worded: log it with logDecision).
 */
export type PhaseStart =
  | { correlationId: string; message: SidebandMessage; skipped: null }
  | { correlationId: string; message: null; skipped: Decision };

/**
 * Begins the request phase: the call's correlation id (a fresh one from the host's randomness when
 * the call has none) and its /ase/request message, or the CLIENT_IP_UNKNOWN skip when neither
 * X-Forwarded-For nor `clientSource` (what the host reads the peer from, for the log line) holds a
 * valid IP: ASE answers 400 to any source_ip that is not a bare IP.
 */
export function beginRequest(call: ApiCall, config: PolicyConfig, randomness: Randomness, clientSource: string): PhaseStart {
  // The host's UUID, else the core's generator over the host's random bytes.
  var correlationId = call.correlationId || randomness.uuid() || newCorrelationId(randomness.bytes);
  // A copy rather than a write: the call may be the caller's own object (Node's checkRequest).
  var withId = correlationId === call.correlationId ? call : { correlationId: correlationId, request: call.request, identity: call.identity, response: call.response };
  var message = requestMessage(withId, config);
  if (message) return { correlationId: correlationId, message: message, skipped: null };
  var where = config.trustForwardedFor
    ? 'neither X-Forwarded-For nor ' + clientSource + ' holds a valid client IP'
    : clientSource + ' holds no valid client IP (X-Forwarded-For is not read: trustForwardedFor is false)';
  return {
    correlationId: correlationId,
    message: null,
    skipped: passDecision(Codes.CLIENT_IP_UNKNOWN, { level: 'warn', message: Codes.CLIENT_IP_UNKNOWN + ': ' + where + '; no sideband call, call forwarded' })
  };
}

/**
 * Begins the response phase with the request phase's correlation id (ASE pairs the two by it), or
 * skips it with NO_REQUEST_STATE when there is none: the request phase did not run or sent nothing.
 * `stateSource` names where the host looked for the id, for the log line.
 */
export function beginResponse(response: ApiResponse, correlationId: string, config: PolicyConfig, stateSource: string): PhaseStart {
  if (correlationId) return { correlationId: correlationId, message: responseMessage(response, correlationId, config), skipped: null };
  return {
    correlationId: '',
    message: null,
    skipped: passDecision(Codes.NO_REQUEST_STATE, {
      level: 'debug',
      message: Codes.NO_REQUEST_STATE + ': no correlation id in ' + stateSource + ' (the request phase did not run or sent nothing); /ase/response skipped'
    })
  };
}

/** What the client gets when the request phase stops the call, on every host. */
export interface ClientAnswer {
  /** 403 (ASE blocked the call) or 503 (failClosed and no ASE node answered). */
  status: number;
  contentType: string;
  /** {"error", "message", "correlation_id"} as JSON. */
  body: string;
}

/** The answer to a blocked decision: 503 service_unavailable for fail-closed, else 403 forbidden. */
export function clientAnswer(decision: Decision, correlationId: string): ClientAnswer {
  var unavailable = decision.clientStatus === 503;
  return {
    status: unavailable ? 503 : 403,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({
      error: unavailable ? 'service_unavailable' : 'forbidden',
      message: unavailable ? 'API security check unavailable; try again later.' : 'The request was blocked by API security policy.',
      correlation_id: correlationId
    })
  };
}
