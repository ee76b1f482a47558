// The policy configuration: its type and defaults, host-neutral (ES5 engine and Node).

/**
 * One ASE node. Akana reaches a node through an API registered in Policy Manager (service,
 * interface, operations); the Node host reaches it by URL. A node may carry both forms.
 */
export interface AseNode {
  /** Short label used in logs and health state ("primary", "secondary", "ase-3"). */
  name: string;
  /** http(s)://host:port of the ASE data port (Node host). */
  url?: string;
  /** Akana: "{ns}name" of the API registered for this ASE node. */
  service?: string;
  /** Akana: "{ns}name" of that API's interface (port type). */
  interface?: string;
  /** Akana: operation that POSTs /ase/request. */
  requestOperation?: string;
  /** Akana: operation that POSTs /ase/response. */
  responseOperation?: string;
}

/** Akana property names the adapter reads; config can override each one. */
export interface PropertyNames {
  query: string;
  method: string;
  requestedUrl: string;
  requestLine: string;
  clientUrl: string;
  httpVersion: string;
  statusCode: string;
}

/** The validated configuration every host runs on (defaults applied). */
export interface PolicyConfig {
  /** Sideband token sent as ASE-Token; empty string: header omitted. */
  aseToken: string;
  /** Ordered list of ASE nodes: the first is tried first. */
  nodes: AseNode[];
  /** How long a node that failed at the transport level is skipped, in ms. */
  retryAfterMs: number;
  /** Connect timeout per attempt, in ms (hosts that control connecting). */
  connectTimeoutMs: number;
  /** Whole-attempt timeout, in ms. */
  attemptTimeoutMs: number;
  /** Time budget for one sideband call across all failover attempts, in ms. */
  callBudgetMs: number;
  /** ASE statuses that block the client, besides 403 (which always blocks). */
  extraBlockStatuses: number[];
  /** Answer the client 503 when no ASE node could be reached (default: forward, fail-open). */
  failClosed: boolean;
  /** Detect-only: send the metadata without waiting for ASE; never blocks. */
  asyncMode: boolean;
  /** asyncMode: most sideband calls in flight (sent or waiting) at once; more are dropped and counted. */
  asyncMaxInFlight: number;
  /** Node host: probe a down node with GET /ase (ASE's enable_ase_health) instead of an API call. */
  healthCheck: boolean;
  /** Take the client IP from the first X-Forwarded-For entry (spoofable: see README). */
  trustForwardedFor: boolean;
  /** Query parameters whose value is an OAuth token, presented to ASE as Authorization: Bearer. */
  queryTokenParams: string[];
  /** Replace token, API-key and cookie values by a salted SHA-256 before they leave the gateway. */
  hashSecrets: boolean;
  /** Salt for hashSecrets; same salt, same hash (keep it identical across a deployment). */
  hashSalt: string;
  /** Header names that carry API keys (lower-case). */
  apiKeyHeaders: string[];
  /** Query parameter names that carry API keys. */
  apiKeyParams: string[];
  /** Log every host property name with its value (secrets masked) once per call, to find names. */
  diagnostics: boolean;
  /** Akana security subject category holding the end user (sent as user_info username). */
  usernameSubjectCategory: string;
  /** Akana security subject category holding the consumer application (sent as client_id). */
  clientIdSubjectCategory: string;
  /** Akana property names, overridable. */
  propertyNames: PropertyNames;
}

export var DEFAULT_PROPERTY_NAMES: PropertyNames = {
  query: 'com.soa.message.TRANSPORT_QUERY',
  method: 'http.method',
  requestedUrl: 'http.requested.url',
  requestLine: 'http.request.line',
  clientUrl: 'http.client.url',
  httpVersion: 'http.version',
  statusCode: 'http.status.code.property'
};

/** Defaults for every optional field (aseToken and nodes are required). */
export var CONFIG_DEFAULTS = {
  retryAfterMs: 30000,
  connectTimeoutMs: 250,
  attemptTimeoutMs: 500,
  callBudgetMs: 1000,
  extraBlockStatuses: [] as number[],
  failClosed: false,
  asyncMode: false,
  asyncMaxInFlight: 64,
  healthCheck: false,
  trustForwardedFor: true,
  queryTokenParams: ['access_token'],
  hashSecrets: false,
  hashSalt: '',
  apiKeyHeaders: ['x-api-key'],
  apiKeyParams: [] as string[],
  diagnostics: false,
  usernameSubjectCategory: 'urn:org:federatedgovernance:security:subject-category:enduser',
  clientIdSubjectCategory: 'urn:org:federatedgovernance:security:subject-category:consumer'
};
