// Stable error and outcome codes shared by every host (ES5 engine and Node); log lines start with one.

export var Codes = {
  /** ASE answered 200: forwarded. */
  ALLOWED: 'ASE_ALLOWED',
  /** ASE answered a block status: the client got 403. */
  BLOCKED: 'ASE_BLOCKED',
  /** Async (detect-only) mode: the call was forwarded without waiting for ASE. */
  ASYNC: 'ASE_ASYNC',
  /** ASE answered 400: our payload or the input was malformed. */
  STATUS_400: 'ASE_STATUS_400',
  /** ASE answered 401: wrong or missing ASE-Token (logged once per node). */
  STATUS_401: 'ASE_STATUS_401',
  /** ASE answered 503: the API is not registered on ASE. */
  STATUS_503: 'ASE_STATUS_503',
  /** ASE answered another status. */
  STATUS_OTHER: 'ASE_STATUS_OTHER',
  /** Transport failures of one attempt. */
  TIMEOUT: 'ASE_TIMEOUT',
  REFUSED: 'ASE_REFUSED',
  RESET: 'ASE_RESET',
  TLS: 'ASE_TLS',
  TRANSPORT: 'ASE_TRANSPORT',
  /** Every node failed, was marked down, or the call's time budget ran out. */
  UNAVAILABLE: 'ASE_UNAVAILABLE',
  /** The operator configuration is invalid: the policy fails open until it is fixed. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A host object could not be read; the call is forwarded without a sideband call. */
  HOST_READ: 'HOST_READ',
  /** The client address could not be determined: no valid source_ip, sideband call skipped. */
  CLIENT_IP_UNKNOWN: 'CLIENT_IP_UNKNOWN',
  /** The response phase found no request state (the request phase did not run or was skipped). */
  NO_REQUEST_STATE: 'NO_REQUEST_STATE',
  /** Anything unexpected inside the policy: caught, logged, call forwarded. */
  INTERNAL: 'POLICY_INTERNAL'
};

/** Transport failure codes a host reports for one attempt. */
export type TransportFailureCode = 'ASE_TIMEOUT' | 'ASE_REFUSED' | 'ASE_RESET' | 'ASE_TLS' | 'ASE_TRANSPORT';
