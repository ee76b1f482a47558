// Stable outcome codes shared by every host, their meanings, and describeError (ES5 engine and Node); log lines start with a code.
//
// The only module that spells a code: everything else says Codes.X, and the types below make a
// misspelt or undocumented code a compile error. `as const` is type-level only (ES5-safe output).

/** Every outcome code by its name in the code. */
export var Codes = {
  ALLOWED: 'ASE_ALLOWED',
  BLOCKED: 'ASE_BLOCKED',
  ASYNC: 'ASE_ASYNC',
  ASYNC_DROPPED: 'ASE_ASYNC_DROPPED',
  STATUS_400: 'ASE_STATUS_400',
  STATUS_401: 'ASE_STATUS_401',
  STATUS_503: 'ASE_STATUS_503',
  STATUS_OTHER: 'ASE_STATUS_OTHER',
  TIMEOUT: 'ASE_TIMEOUT',
  REFUSED: 'ASE_REFUSED',
  RESET: 'ASE_RESET',
  TLS: 'ASE_TLS',
  TRANSPORT: 'ASE_TRANSPORT',
  UNAVAILABLE: 'ASE_UNAVAILABLE',
  BODY: 'ASE_BODY',
  HEALTH: 'ASE_HEALTH',
  CLIENT_IP_UNKNOWN: 'CLIENT_IP_UNKNOWN',
  NO_REQUEST_STATE: 'NO_REQUEST_STATE',
  CONFIG_INVALID: 'CONFIG_INVALID',
  HOST_READ: 'HOST_READ',
  INTERNAL: 'POLICY_INTERNAL'
} as const;

/** One outcome code: the values of Codes. */
export type Code = (typeof Codes)[keyof typeof Codes];

/** Transport failure codes a host reports for one attempt. */
export type TransportFailureCode = typeof Codes.TIMEOUT | typeof Codes.REFUSED | typeof Codes.RESET | typeof Codes.TLS | typeof Codes.TRANSPORT;

export interface CodeMeaning {
  /** One line: what happened. */
  meaning: string;
  /** What became of the API call (and the log level where it matters). */
  outcome: string;
}

/**
 * What each code means and what happens to the call, in the order the README's codes table lists
 * them (generated from here). Typed by Code, so a code without a meaning does not compile. Nothing
 * in a policy reads it: esbuild drops it from the bundles, which evaluate their whole top level on
 * every message.
 */
export var CODE_MEANINGS: { [C in Code]: CodeMeaning } = {
  ASE_ALLOWED: { meaning: 'ASE answered 200 (debug; warn when an attempt of this call failed first)', outcome: 'forwarded' },
  ASE_BLOCKED: { meaning: 'ASE answered 403 (or an `extraBlockStatuses` code)', outcome: 'client gets 403; with `asyncMode` logged only, forwarded' },
  ASE_ASYNC: { meaning: '`asyncMode` (detect only): the call did not wait for ASE, whose answer is logged when it comes', outcome: 'forwarded' },
  ASE_ASYNC_DROPPED: {
    meaning: '`asyncMode`: `asyncMaxInFlight` sideband calls were already in flight (ASE slow or unreachable), so this one was not sent; counted',
    outcome: 'forwarded, no sideband call; warn at the first drop, then one line per minute with the count'
  },
  ASE_STATUS_400: { meaning: 'ASE rejected the body as malformed', outcome: 'forwarded, error' },
  ASE_STATUS_401: { meaning: 'wrong or missing `ASE-Token` (logged once per node)', outcome: 'forwarded, error' },
  ASE_STATUS_503: { meaning: 'ASE knows no API for this call: unknown API (url) or unknown host name (Host header)', outcome: 'forwarded, warn' },
  ASE_STATUS_OTHER: { meaning: 'one node answered another status (listed in the failover trail)', outcome: 'the next node is tried' },
  ASE_TIMEOUT: { meaning: 'one attempt timed out (listed in the failover trail)', outcome: 'node skipped for `retryAfterMs`, the next node is tried' },
  ASE_REFUSED: { meaning: 'one node refused the connection (listed in the failover trail)', outcome: 'node skipped for `retryAfterMs`, the next node is tried' },
  ASE_RESET: { meaning: 'one node reset or closed the connection (listed in the failover trail)', outcome: 'node skipped for `retryAfterMs`, the next node is tried' },
  ASE_TLS: { meaning: "one node's TLS handshake or certificate failed (listed in the failover trail)", outcome: 'node skipped for `retryAfterMs`, the next node is tried' },
  ASE_TRANSPORT: { meaning: 'any other transport failure of one attempt (listed in the failover trail)', outcome: 'node skipped for `retryAfterMs`, the next node is tried' },
  ASE_UNAVAILABLE: {
    meaning: "no node answered, or none accepted (answered 5xx, 429 or another status); each node's failure listed: `ASE_REFUSED`, `ASE_TIMEOUT`, `ASE_RESET`, `ASE_TLS`, `ASE_TRANSPORT`, `ASE_STATUS_OTHER`",
    outcome: 'forwarded, or 503 with `failClosed`; error when an attempt of this call failed, debug while every node is still marked down (no line per call during an outage)'
  },
  ASE_BODY: {
    meaning: "Node host: a node sent its status, then its body stalled, was cut or ran past 64 KB (the decision was made on the status)",
    outcome: 'the connection is dropped in the background; warn once, then one line per minute per node with the count'
  },
  ASE_HEALTH: {
    meaning: 'Node host with `healthCheck`: the background `GET /ase` probe found a down node answering again',
    outcome: 'the node takes calls again at once (warn); probes that fail keep it skipped (debug)'
  },
  CLIENT_IP_UNKNOWN: { meaning: 'neither X-Forwarded-For nor the peer holds a valid IP', outcome: 'forwarded, no sideband call' },
  NO_REQUEST_STATE: { meaning: 'the response phase found no correlation id from the request phase (it did not run or sent nothing)', outcome: 'forwarded, no `/ase/response` (debug)' },
  CONFIG_INVALID: { meaning: '`config.js` is wrong: names the variable and the fix (once per problem per JVM)', outcome: 'every call forwarded' },
  HOST_READ: { meaning: 'a host object is missing or failed', outcome: 'forwarded' },
  POLICY_INTERNAL: { meaning: 'anything unexpected, caught at the entry', outcome: 'forwarded' }
};

/** A short, secret-free description of a thrown value (its type and message, never a stack). */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in (e as object)) {
    var name = (e as { name?: unknown }).name;
    return (name ? String(name) + ': ' : '') + String((e as { message: unknown }).message);
  }
  return String(e);
}
