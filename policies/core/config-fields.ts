// The one table of configuration fields: name, kind, default, limits, what it is, an example, Ping's config.js name (ES5 engine and Node).
//
// A field is described here once. The ES5 validator (config.ts) loops over this table, the
// PolicyConfig type (config-types.ts) is computed from it, the zod schema, JSON Schema and README
// table (config/) are built from it, and the Akana adapter reads and renders config.js by its Ping
// names. Rules that span fields stay code (config-checks.ts). Adding a field: one entry here, plus
// its tests.

import {
  HEADER_NAME_PATTERN,
  NODE_NAME_PATTERN,
  QNAME_PATTERN,
  TOKEN_PATTERN,
  nodeUrlPattern,
  qnameDetail,
  redactUrl,
  statusDetail,
  tokenDetail,
  urlDetail
} from './config-values';

/** How a value is checked and what it becomes. */
export type FieldKind = 'string' | 'integer' | 'boolean' | 'string-list' | 'status-list' | 'nodes' | 'object';

/** What a value must be, in the operator's words, and how a message shows a wrong one. */
export interface ValueRule {
  /**
   * The message says "<path> must be <what>"; the docs show it too. {{min}}, {{max}}, {{not}},
   * {{unit}}, {{hashingMinLength}} are filled from the entry, {{keys}} with its fields' names.
   * Integer and boolean fields may leave it out: it is derived from their kind.
   */
  what?: string;
  /** A valid value as the operator writes it; derived from the default when left out. */
  example?: string;
  /** What it is for (README, JSON Schema): entries of lists and nodes. */
  about?: string;
  /** Never show the value (token, salt): only its type and length. */
  secret?: boolean;
  /** Why a value fails, when `what` alone does not say it. */
  detail?: (got: unknown) => string;
  /** The value with its sensitive parts hidden. */
  redact?: (got: string) => string;
  /** Strings: the whole value matches it (a function is called at first use, for costly patterns). */
  pattern?: RegExp | (() => RegExp);
  /** Strings: shortest length. */
  minLength?: number;
  /** Strings: how a valid value is stored. */
  normalize?: 'lower-case' | 'no-trailing-slash';
  /** Integers (and nodes: the list length): the range, both ends allowed. */
  min?: number;
  max?: number;
  /** Integers: one value refused inside the range. */
  not?: number;
  /** Integers: the unit the derived `what` names. */
  unit?: string;
}

interface FieldBase extends ValueRule {
  name: string;
  /** What the field is for: the README's meaning column, the JSON Schema description, config.js comments. */
  about: string;
  /** No default: the operator must set it. */
  required?: boolean;
  /** Ping's config.js variable for it. Top level: else pi_options.<name>; node fields: <prefix>_<ping> for the first two nodes. */
  ping?: string;
  /** Lists: the rule of each entry; nodes: of a node that is not an object. */
  entry?: ValueRule;
  /** nodes and object: the fields of each node, of the object. */
  fields?: ReadonlyArray<FieldSpec>;
  /** hashSalt: its shortest length when hashSecrets is true (a cross-field rule). */
  hashingMinLength?: number;
}

/** One field; its default's type follows its kind, and neither a default nor `required` means optional. */
export type FieldSpec =
  | (FieldBase & { kind: 'string'; defaultValue?: string })
  | (FieldBase & { kind: 'integer'; defaultValue?: number })
  | (FieldBase & { kind: 'boolean'; defaultValue?: boolean })
  | (FieldBase & { kind: 'string-list'; defaultValue?: ReadonlyArray<string>; entry: ValueRule })
  | (FieldBase & { kind: 'status-list'; defaultValue?: ReadonlyArray<number>; entry: ValueRule })
  | (FieldBase & { kind: 'nodes'; defaultValue?: undefined; entry: ValueRule; fields: ReadonlyArray<FieldSpec> })
  | (FieldBase & { kind: 'object'; defaultValue?: undefined; fields: ReadonlyArray<FieldSpec> });

/** Ping's config.js names the first two nodes' fields <prefix>_<ping>; further nodes go to pi_options.extraNodes. */
export var PING_NODE_PREFIXES = ['primary', 'secondary'] as const;
/** Ping's own config.js spells secondary_ase_service this way; read as an alias. */
export var PING_MISSPELT_SECONDARY_SERVICE = 'secondry_ase_service' as const;
/** The config.js object holding every field without a Ping name. */
export var PING_OPTIONS = 'pi_options' as const;
/** The pi_options key of the nodes after the first two. */
export var PING_EXTRA_NODES = 'extraNodes' as const;

var PROPERTY_NAME = 'a non-empty Akana property name';
var HEADER_NAME = "a header name made of letters, digits and !#$%&'*+.^_`|~- (no spaces or colons)";

function buildConfigFields() {
  return [
    {
      name: 'aseToken', kind: 'string', required: true, ping: 'ase_token', secret: true, pattern: TOKEN_PATTERN, detail: tokenDetail,
      about: "Sideband token sent as the ASE-Token header (ASE's cli.sh create_sideband_token); '' sends no token. Never logged.",
      what: "the ASE sideband token: visible ASCII characters without spaces (it is sent as the ASE-Token header), or '' to send none",
      example: "the token printed by ASE's cli.sh create_sideband_token, or '' when sideband authentication is off"
    },
    {
      name: 'nodes', kind: 'nodes', required: true, min: 1, max: 16,
      about: 'ASE nodes, tried in order: the first is the primary. A node that fails at the transport level is skipped for ' +
        'retryAfterMs and the call moves on to the next one.',
      what: 'an array of {{min}} to {{max}} ASE nodes, tried in order',
      example: "[{ name: 'primary', url: 'https://ase.example.com:8443' }, { name: 'secondary', url: 'https://ase2.example.com:8443' }]",
      entry: {
        about: 'One ASE node: a name, and a url (Node host) or the four Akana fields (Akana host), or both. Setting some Akana fields requires all four.',
        what: 'an object with a name and a url, or a name and the Akana fields service, interface, requestOperation and responseOperation',
        example: "{ name: 'primary', url: 'https://ase.example.com:8443' }"
      },
      fields: [
        {
          name: 'name', kind: 'string', required: true, pattern: NODE_NAME_PATTERN,
          about: 'Short label of this ASE node in logs and health state, unique across nodes.',
          what: 'a node name of 1 to 64 characters from A-Z a-z 0-9 . _ -', example: "'primary'"
        },
        {
          name: 'url', kind: 'string', pattern: nodeUrlPattern, normalize: 'no-trailing-slash', detail: urlDetail, redact: redactUrl,
          about: 'Node host: the ASE data port (not the 8010 management port). No path: the policy adds /ase/request and /ase/response. A trailing / is dropped.',
          what: "the ASE data port as http://host:port or https://host:port (optionally ending in '/'; no path, query or user name)",
          example: "'https://ase.example.com:8443' or 'http://[::1]:8000'"
        },
        {
          name: 'service', kind: 'string', ping: 'ase_service', pattern: QNAME_PATTERN, detail: qnameDetail,
          about: "Akana: '{namespace}name' of the API registered in Policy Manager for this ASE node.",
          what: "the qualified name '{namespace}name' of the API registered in Policy Manager for this ASE node",
          example: "'{pi-as-ase-primary_0.0.0}svc_1234.tenant.sandbox'"
        },
        {
          name: 'interface', kind: 'string', ping: 'ase_interface', pattern: QNAME_PATTERN, detail: qnameDetail,
          about: "Akana: '{namespace}name' of that API's interface (port type).",
          what: "the qualified name '{namespace}name' of that API's interface (port type)",
          example: "'{pi-as-ase-primary_0.0.0}pi-as-ase-primary_PortType_0'"
        },
        {
          name: 'requestOperation', kind: 'string', ping: 'ase_request_operation', minLength: 1,
          about: "Akana: that API's operation that POSTs /ase/request.",
          what: "a non-empty string: that API's operation that POSTs /ase/request", example: "'postRequestMetadata'"
        },
        {
          name: 'responseOperation', kind: 'string', ping: 'ase_response_operation', minLength: 1,
          about: "Akana: that API's operation that POSTs /ase/response.",
          what: "a non-empty string: that API's operation that POSTs /ase/response", example: "'postResponseMetadata'"
        }
      ]
    },
    {
      name: 'retryAfterMs', kind: 'integer', defaultValue: 30000, min: 0, max: 3600000, unit: 'milliseconds',
      about: 'How long a node that failed at the transport level (refused, timeout, reset) is skipped; 0 retries it on the next call.'
    },
    {
      name: 'connectTimeoutMs', kind: 'integer', defaultValue: 250, min: 1, max: 60000, unit: 'milliseconds',
      about: 'Connect timeout of one attempt, where the host controls connecting (Node host; Akana uses its own API settings).'
    },
    {
      name: 'attemptTimeoutMs', kind: 'integer', defaultValue: 500, min: 1, max: 60000, unit: 'milliseconds',
      about: 'Timeout of one attempt on one node, connect included.'
    },
    {
      name: 'callBudgetMs', kind: 'integer', defaultValue: 1000, min: 1, max: 120000, unit: 'milliseconds',
      about: 'Time budget of one sideband call across all failover attempts; no new attempt starts once it is spent (a short budget means less failover).'
    },
    {
      name: 'extraBlockStatuses', kind: 'status-list', defaultValue: [],
      about: 'ASE statuses that block the client with 403 besides 403 itself, e.g. [401, 503] as in the Axway sample.',
      what: 'an array of distinct HTTP statuses from ASE that block the call besides 403', example: '[] or [401, 503]',
      entry: {
        min: 100, max: 599, not: 200, detail: statusDetail,
        what: 'a whole-number HTTP status between {{min}} and {{max}}, other than {{not}}', example: '503'
      }
    },
    {
      name: 'failClosed', kind: 'boolean', defaultValue: false,
      about: 'When no ASE node could be reached: true answers the client 503, false forwards the call (fail-open).'
    },
    {
      name: 'asyncMode', kind: 'boolean', defaultValue: false,
      about: 'Detect only: send the metadata without waiting for ASE, so ASE never blocks and never delays a call ' +
        '(failClosed and extraBlockStatuses then have no effect).'
    },
    {
      name: 'asyncMaxInFlight', kind: 'integer', defaultValue: 64, min: 1, max: 4096, unit: 'sideband calls',
      about: 'asyncMode: most sideband calls in flight at once (sent, or waiting for an Akana worker thread); a call beyond it is ' +
        'dropped (not sent) and counted, one ASE_ASYNC_DROPPED warn line per minute. Per policy on Node, per JVM on Akana; none on Apigee.'
    },
    {
      name: 'asyncThreads', kind: 'integer', defaultValue: 4, min: 1, max: 64, unit: 'threads',
      about: 'asyncMode on Akana: background threads per JVM sending the sideband calls (one ForkJoinPool; idle ones end after 60 s). ' +
        'They bound the rate: with ASE at 2 ms, 4 threads send about 2000 calls a second; beyond asyncMaxInFlight calls are dropped. Not on Node or Apigee.'
    },
    {
      name: 'healthCheck', kind: 'boolean', defaultValue: false,
      about: "Node host: while a node is marked down, probe it with GET /ase (ASE's health URL, enable_ase_health=true in ase.conf) once per " +
        'retryAfterMs in the background, and bring it back when it answers, instead of an API call paying its timeout. No effect on Akana.'
    },
    {
      name: 'trustForwardedFor', kind: 'boolean', defaultValue: true,
      about: 'Take the client IP from the first X-Forwarded-For entry (a client can forge it unless a trusted proxy sets it); false uses the socket peer.'
    },
    {
      name: 'queryTokenParams', kind: 'string-list', defaultValue: ['access_token'],
      about: 'Query parameters whose value is an OAuth token; ASE gets it as Authorization: Bearer when no Authorization header is present.',
      what: 'an array of query parameter names whose value is an OAuth token', example: "['access_token'] or []",
      entry: { minLength: 1, what: 'a non-empty query parameter name', example: "'access_token'" }
    },
    {
      name: 'hashSecrets', kind: 'boolean', defaultValue: false,
      about: 'Send tokens, API keys and cookies to ASE as salted SHA-256 hashes instead of raw values (ASE deny lists then hold hashes). Requires hashSalt.'
    },
    {
      name: 'hashSalt', kind: 'string', defaultValue: '', secret: true, hashingMinLength: 16,
      about: 'Secret salt for hashSecrets, the same on every gateway (same salt, same hash). Never logged.',
      what: 'a string: a random secret of at least {{hashingMinLength}} characters when hashSecrets is true',
      example: 'a random 32-character string, the same on every gateway'
    },
    {
      name: 'apiKeyHeaders', kind: 'string-list', defaultValue: ['x-api-key'],
      about: 'Header names that carry an API key (lower-cased), hashed when hashSecrets is true.',
      what: 'an array of header names that carry an API key', example: "['x-api-key'] or []",
      entry: { pattern: HEADER_NAME_PATTERN, normalize: 'lower-case', what: HEADER_NAME, example: "'x-api-key'" }
    },
    {
      name: 'apiKeyParams', kind: 'string-list', defaultValue: [],
      about: 'Query parameter names that carry an API key, hashed when hashSecrets is true.',
      what: 'an array of query parameter names that carry an API key', example: "['api_key'] or []",
      entry: { minLength: 1, what: 'a non-empty query parameter name', example: "'api_key'" }
    },
    {
      name: 'excludedHeaders', kind: 'string-list', defaultValue: [],
      about: 'Headers never sent to ASE, in /ase/request and /ase/response alike (internal secrets, hop headers of your own). ' +
        'Identifier headers (host, authorization, cookie, x-forwarded-for and the apiKeyHeaders) are refused unless allowExcludingIdentifierHeaders is true.',
      what: 'an array of header names never sent to ASE', example: "[] or ['x-internal-secret']",
      entry: { pattern: HEADER_NAME_PATTERN, normalize: 'lower-case', what: HEADER_NAME, example: "'x-internal-secret'" }
    },
    {
      name: 'allowExcludingIdentifierHeaders', kind: 'boolean', defaultValue: false,
      about: 'Let excludedHeaders name identifier headers, knowing that ASE then cannot match the API by host or track and block clients by token, cookie, IP or API key.'
    },
    {
      name: 'diagnostics', kind: 'boolean', defaultValue: false,
      about: 'Log every host property name with its value (secrets masked) on each call, to confirm the propertyNames. For a test call, not for production.'
    },
    {
      name: 'usernameSubjectCategory', kind: 'string', minLength: 1,
      defaultValue: 'urn:org:federatedgovernance:security:subject-category:enduser',
      about: 'Akana security subject category of the end user, sent to ASE as user_info username.',
      what: 'a non-empty Akana security subject category'
    },
    {
      name: 'clientIdSubjectCategory', kind: 'string', minLength: 1,
      defaultValue: 'urn:org:federatedgovernance:security:subject-category:consumer',
      about: 'Akana security subject category of the consumer application, sent to ASE as user_info client_id.',
      what: 'a non-empty Akana security subject category'
    },
    {
      name: 'anonymousUsernames', kind: 'string-list', defaultValue: ['anonymous'],
      about: "User names that mean no user (compared ignoring case): such a username is left out of user_info, as the sideband contract asks, on every host.",
      what: 'an array of user names that stand for an anonymous caller', example: "['anonymous', 'guest'] or []",
      entry: { minLength: 1, normalize: 'lower-case', what: 'a non-empty user name', example: "'anonymous'" }
    },
    {
      name: 'propertyNames', kind: 'object',
      about: 'Akana message and exchange property names the adapter reads. Give only the ones to change; diagnostics shows the real names on one call.',
      what: 'an object with any of the keys {{keys}}, each naming an Akana property', example: "{ method: 'http.method' }",
      fields: [
        { name: 'query', kind: 'string', minLength: 1, defaultValue: 'com.soa.message.TRANSPORT_QUERY', what: PROPERTY_NAME, about: 'Message property holding the query string.' },
        { name: 'method', kind: 'string', minLength: 1, defaultValue: 'http.method', what: PROPERTY_NAME, about: 'Property holding the HTTP method.' },
        {
          name: 'requestedUrl', kind: 'string', minLength: 1, defaultValue: 'http.requested.url', what: PROPERTY_NAME,
          about: 'Property holding the requested URL (path fallback).'
        },
        {
          name: 'requestLine', kind: 'string', minLength: 1, defaultValue: 'http.request.line', what: PROPERTY_NAME,
          about: 'Property holding the HTTP request line (path and version fallback).'
        },
        {
          name: 'clientUrl', kind: 'string', minLength: 1, defaultValue: 'http.client.url', what: PROPERTY_NAME,
          about: 'Property holding the client address as a URL (source IP and port).'
        },
        { name: 'httpVersion', kind: 'string', minLength: 1, defaultValue: 'http.version', what: PROPERTY_NAME, about: 'Property holding the HTTP version.' },
        {
          name: 'statusCode', kind: 'string', minLength: 1, defaultValue: 'http.status.code.property', what: PROPERTY_NAME,
          about: 'Property holding the response status on OUT and FAULT messages.'
        }
      ]
    }
  ] as const satisfies ReadonlyArray<FieldSpec>;
}

/** The table's own type: every entry with its literal name, kind and default (config-types.ts derives PolicyConfig from it). */
export type ConfigFieldTable = ReturnType<typeof buildConfigFields>;

var built: ReadonlyArray<FieldSpec> | null = null;
var akanaBuilt: FieldSpec[] | null = null;

/**
 * The table, built at first use: Akana runs pi_policy.js from its top level for every message, and
 * only validation (and the Node tooling) reads it.
 */
export function configFields(): ReadonlyArray<FieldSpec> {
  if (built === null) built = buildConfigFields();
  return built;
}

/** The entry named `name` in a list of fields, or null. */
export function fieldNamed(fields: ReadonlyArray<FieldSpec>, name: string): FieldSpec | null {
  for (var i = 0; i < fields.length; i++) {
    if (fields[i].name === name) return fields[i];
  }
  return null;
}

/** The entries' names, in table order. */
export function namesOf(fields: ReadonlyArray<FieldSpec>): string[] {
  var names: string[] = [];
  for (var i = 0; i < fields.length; i++) names.push(fields[i].name);
  return names;
}

/** The fields of each node. */
export function nodeFields(): ReadonlyArray<FieldSpec> {
  return (fieldNamed(configFields(), 'nodes') as FieldSpec).fields as ReadonlyArray<FieldSpec>;
}

/** The fields of propertyNames. */
export function propertyNameFields(): ReadonlyArray<FieldSpec> {
  return (fieldNamed(configFields(), 'propertyNames') as FieldSpec).fields as ReadonlyArray<FieldSpec>;
}

/** A node's Akana fields: the ones Ping's config.js names (service, interface and the two operations). */
export function akanaNodeFields(): FieldSpec[] {
  if (akanaBuilt === null) {
    var out: FieldSpec[] = [];
    var fields = nodeFields();
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].ping !== undefined) out.push(fields[i]);
    }
    akanaBuilt = out;
  }
  return akanaBuilt;
}

/** A string rule's pattern, compiling a lazy one. */
export function patternOf(rule: ValueRule): RegExp | null {
  var pattern = rule.pattern;
  if (pattern === undefined) return null;
  return pattern instanceof RegExp ? pattern : pattern();
}
