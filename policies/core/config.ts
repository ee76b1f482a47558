// Operator configuration: the rules, their messages, and the validator the policies run (ES5 engine and Node).
/*
 * What is checked, and why. The zod schema in config/config-schema.ts describes the same input
 * for Node (CLI, JSON Schema, README table) and uses the patterns, limits, messages and cross-field
 * checks exported here; test/config/ runs one table of cases through both and demands the same answer.
 *
 * Input: a plain object (not null, not an array) with the camelCase PolicyConfig fields. Every
 * field except aseToken and nodes may be missing (or undefined): it takes its CONFIG_DEFAULTS value.
 * No coercion: "500" is not a number, "true" is not a boolean (config.js is JavaScript).
 * Any other key, at the top, in a node or in propertyNames, is a problem (a typo would otherwise be
 * silently ignored); the message suggests the closest known name.
 *
 * - aseToken (required): a string of visible ASCII (0x21-0x7E): it goes into the ASE-Token header,
 *   where a space, control or non-ASCII character breaks or splits the header. '' is allowed and
 *   means "send no ASE-Token" (ASE sideband authentication off). Messages never echo it.
 * - nodes (required): an array of 1 to 16 objects, tried in order. A longer list is reported, and
 *   its entries are still checked. Each node has only the keys name, url, service, interface,
 *   requestOperation, responseOperation:
 *   - name: 1 to 64 characters from [A-Za-z0-9._-] (it appears in logs and health-state keys),
 *     unique across nodes (the health state is kept per name; the later duplicate is reported).
 *   - url: lower-case http:// or https://, then a host (DNS name or IPv4 address, or a bracketed
 *     IPv6 literal, checked loosely: hex digits, dots and at least two colons), then optionally
 *     :port (1-65535), then optionally one '/'. No path (the policy adds /ase/request), no query,
 *     no fragment, no user name. The trailing '/' is removed in the output.
 *   - service, interface: Akana qualified names '{namespace}name' (no braces or whitespace inside).
 *     requestOperation, responseOperation: non-empty strings.
 *   - a node needs an address: a url, or all four Akana fields, or both. Setting some but not all
 *     Akana fields is a problem on each missing one, even when a url is set (the Akana host could
 *     not use the node, and a half-filled set is a mistake, not a choice). Which form a host needs
 *     is that host's check: this validator is host-neutral.
 * - retryAfterMs: whole number 0..3600000 (0: a failed node is retried on the next call).
 *   connectTimeoutMs, attemptTimeoutMs: 1..60000. callBudgetMs: 1..120000, and it may be shorter
 *   than an attempt or than two attempts: the budget is honoured, so a short budget simply means
 *   less failover. connectTimeoutMs above attemptTimeoutMs is allowed: the attempt timeout wins.
 * - extraBlockStatuses: an array of distinct whole numbers 100..599, not 200 (ASE's allow answer:
 *   it would block every call). 403 always blocks; listing it again is harmless and allowed.
 * - failClosed, asyncMode, healthCheck, trustForwardedFor, hashSecrets, diagnostics: true or false.
 *   (failClosed and extraBlockStatuses have no effect in asyncMode, which never blocks; healthCheck
 *   has none on Akana, whose script cannot probe in the background: allowed, documented.)
 * - asyncMaxInFlight: whole number 1..4096 (sideband calls in flight in asyncMode; used by either
 *   host only in asyncMode, allowed in any config).
 * - queryTokenParams, apiKeyParams: arrays of non-empty strings. apiKeyHeaders: an array of header
 *   names (RFC 9110 token characters); the output holds them in lower case.
 * - hashSalt: a string. When hashSecrets is true it must hold at least 16 characters: with a short
 *   or empty salt, anyone who can read what ASE stores (deny lists, reports) can hash candidate
 *   tokens or API keys (short keys are enumerable) and match them. Messages never echo it.
 * - usernameSubjectCategory, clientIdSubjectCategory: non-empty strings.
 * - propertyNames: an object with only the keys query, method, requestedUrl, requestLine,
 *   clientUrl, httpVersion, statusCode, each a non-empty string; missing keys keep their defaults.
 *
 * Output: a fresh, fully defaulted PolicyConfig (no array or object shared with CONFIG_DEFAULTS or
 * with the input), or every problem found, at most one per path, each naming its field and a fix.
 */

import { AseNode, CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES, PolicyConfig, PropertyNames } from './config-types';
import { Codes } from './errors';

export interface ConfigProblem {
  /** Where: "" (the whole input), "retryAfterMs", "nodes[1].url", "propertyNames.method". */
  path: string;
  /** What is wrong and how to fix it; never contains the token or the salt. */
  message: string;
}

export type ConfigResult = { ok: true; config: PolicyConfig } | { ok: false; problems: ConfigProblem[] };

/** Reports one problem at a path relative to the value being checked. */
export type ProblemSink = (relativePath: Array<string | number>, message: string) => void;

/** Top-level fields, in the order problems are reported. */
export var CONFIG_FIELDS = [
  'aseToken', 'nodes', 'retryAfterMs', 'connectTimeoutMs', 'attemptTimeoutMs', 'callBudgetMs',
  'extraBlockStatuses', 'failClosed', 'asyncMode', 'asyncMaxInFlight', 'healthCheck', 'trustForwardedFor', 'queryTokenParams',
  'hashSecrets', 'hashSalt', 'apiKeyHeaders', 'apiKeyParams', 'diagnostics',
  'usernameSubjectCategory', 'clientIdSubjectCategory', 'propertyNames'
];
export var AKANA_NODE_FIELDS = ['service', 'interface', 'requestOperation', 'responseOperation'];
export var NODE_FIELDS = /* @__PURE__ */ ['name', 'url'].concat(AKANA_NODE_FIELDS);
export var PROPERTY_NAME_FIELDS = ['query', 'method', 'requestedUrl', 'requestLine', 'clientUrl', 'httpVersion', 'statusCode'];

export var LIMITS = {
  retryAfterMs: { min: 0, max: 3600000 },
  connectTimeoutMs: { min: 1, max: 60000 },
  attemptTimeoutMs: { min: 1, max: 60000 },
  callBudgetMs: { min: 1, max: 120000 },
  asyncMaxInFlight: { min: 1, max: 4096 },
  status: { min: 100, max: 599 },
  minNodes: 1,
  maxNodes: 16,
  hashSaltMinLength: 16
};

export type MsField = 'retryAfterMs' | 'connectTimeoutMs' | 'attemptTimeoutMs' | 'callBudgetMs';
export type BooleanField = 'failClosed' | 'asyncMode' | 'healthCheck' | 'trustForwardedFor' | 'hashSecrets' | 'diagnostics';
export type StringListField = 'queryTokenParams' | 'apiKeyParams' | 'apiKeyHeaders';

var URL_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
var URL_PORT = '(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})';

var TOKEN_PATTERN = /^[\x21-\x7E]*$/;
var NODE_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
var QNAME_PATTERN = /^\{[^{}\s]+\}[^{}\s]+$/;
var HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var nodeUrlCompiled: RegExp | null = null;

/**
 * Compiled at first use: Akana evaluates the policy for every message, and its nodes have no url
 * (they are APIs registered in Policy Manager), so compiling it at load would be wasted work.
 */
function nodeUrlPattern(): RegExp {
  if (nodeUrlCompiled === null) {
    nodeUrlCompiled = new RegExp(
      '^https?://(?:' + URL_LABEL + '(?:\\.' + URL_LABEL + ')*|\\[[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\])' +
        '(?::' + URL_PORT + ')?/?$'
    );
  }
  return nodeUrlCompiled;
}

function patterns() {
  return {
    /** Visible ASCII only: the value goes into an HTTP header. */
    aseToken: TOKEN_PATTERN,
    nodeName: NODE_NAME_PATTERN,
    nodeUrl: nodeUrlPattern(),
    /** Akana qualified name: {namespace}local-name. */
    qname: QNAME_PATTERN,
    /** RFC 9110 token: the characters a header name may hold. */
    headerName: HEADER_NAME_PATTERN
  };
}

/**
 * Regular expressions shared with the zod schema (they also end up in the JSON Schema). The validator
 * uses the same RegExp objects through the variables above, so a policy bundle drops this object.
 */
export var PATTERNS = /* @__PURE__ */ patterns();

/** One field's rule as an operator reads it: what it must be, an example, how to show a bad value. */
export interface FieldRule {
  what: string;
  example: string;
  /** Never show the value itself (token, salt): only its type and length. */
  secret?: boolean;
  /** Why this value fails, when the rule alone does not say it. */
  detail?: (got: unknown) => string;
  /** Shows the value with its sensitive parts hidden. */
  redact?: (got: string) => string;
}

function intRule(field: MsField): FieldRule {
  return {
    what: 'a whole number of milliseconds between ' + LIMITS[field].min + ' and ' + LIMITS[field].max,
    example: String(CONFIG_DEFAULTS[field])
  };
}

function booleanRule(field: BooleanField): FieldRule {
  return { what: 'true or false', example: String(CONFIG_DEFAULTS[field]) };
}

function nonEmptyRule(what: string, example: string): FieldRule {
  return { what: what, example: example, detail: emptyDetail };
}

function emptyDetail(got: unknown): string {
  return got === '' ? 'an empty string' : '';
}

function buildRules() {
  return {
    config: {
      what: 'an object with the policy settings: aseToken, nodes and any of the optional fields',
      example: "{ aseToken: '', nodes: [{ name: 'primary', url: 'https://ase.example.com:8443' }] }"
    } as FieldRule,
    aseToken: {
      what: "the ASE sideband token: visible ASCII characters without spaces (it is sent as the ASE-Token header), or '' to send none",
      example: "the token printed by ASE's cli.sh create_sideband_token, or '' when sideband authentication is off",
      secret: true,
      detail: tokenDetail
    } as FieldRule,
    nodes: {
      what: 'an array of ' + LIMITS.minNodes + ' to ' + LIMITS.maxNodes + ' ASE nodes, tried in order',
      example: "[{ name: 'primary', url: 'https://ase.example.com:8443' }, { name: 'secondary', url: 'https://ase2.example.com:8443' }]"
    } as FieldRule,
    node: {
      what: 'an object with a name and a url, or a name and the Akana fields service, interface, requestOperation and responseOperation',
      example: "{ name: 'primary', url: 'https://ase.example.com:8443' }"
    } as FieldRule,
    name: {
      what: 'a node name of 1 to 64 characters from A-Z a-z 0-9 . _ -',
      example: "'primary'",
      detail: emptyDetail
    } as FieldRule,
    url: {
      what: "the ASE data port as http://host:port or https://host:port (optionally ending in '/'; no path, query or user name)",
      example: "'https://ase.example.com:8443' or 'http://[::1]:8000'",
      detail: urlDetail,
      redact: redactUrl
    } as FieldRule,
    service: {
      what: "the qualified name '{namespace}name' of the API registered in Policy Manager for this ASE node",
      example: "'{pi-as-ase-primary_0.0.0}svc_1234.tenant.sandbox'",
      detail: qnameDetail
    } as FieldRule,
    'interface': {
      what: "the qualified name '{namespace}name' of that API's interface (port type)",
      example: "'{pi-as-ase-primary_0.0.0}pi-as-ase-primary_PortType_0'",
      detail: qnameDetail
    } as FieldRule,
    requestOperation: nonEmptyRule("a non-empty string: that API's operation that POSTs /ase/request", "'postRequestMetadata'"),
    responseOperation: nonEmptyRule("a non-empty string: that API's operation that POSTs /ase/response", "'postResponseMetadata'"),
    retryAfterMs: intRule('retryAfterMs'),
    connectTimeoutMs: intRule('connectTimeoutMs'),
    attemptTimeoutMs: intRule('attemptTimeoutMs'),
    callBudgetMs: intRule('callBudgetMs'),
    extraBlockStatuses: {
      what: 'an array of distinct HTTP statuses from ASE that block the call besides 403',
      example: '[] or [401, 503]'
    } as FieldRule,
    extraBlockStatus: {
      what: 'a whole-number HTTP status between ' + LIMITS.status.min + ' and ' + LIMITS.status.max + ', other than 200',
      example: '503',
      detail: statusDetail
    } as FieldRule,
    failClosed: booleanRule('failClosed'),
    asyncMode: booleanRule('asyncMode'),
    asyncMaxInFlight: {
      what: 'a whole number of sideband calls between ' + LIMITS.asyncMaxInFlight.min + ' and ' + LIMITS.asyncMaxInFlight.max,
      example: String(CONFIG_DEFAULTS.asyncMaxInFlight)
    } as FieldRule,
    healthCheck: booleanRule('healthCheck'),
    trustForwardedFor: booleanRule('trustForwardedFor'),
    hashSecrets: booleanRule('hashSecrets'),
    diagnostics: booleanRule('diagnostics'),
    queryTokenParams: {
      what: 'an array of query parameter names whose value is an OAuth token',
      example: "['access_token'] or []"
    } as FieldRule,
    apiKeyParams: { what: 'an array of query parameter names that carry an API key', example: "['api_key'] or []" } as FieldRule,
    apiKeyHeaders: { what: 'an array of header names that carry an API key', example: "['x-api-key'] or []" } as FieldRule,
    hashSalt: {
      what: 'a string: a random secret of at least ' + LIMITS.hashSaltMinLength + ' characters when hashSecrets is true',
      example: 'a random 32-character string, the same on every gateway',
      secret: true
    } as FieldRule,
    usernameSubjectCategory: nonEmptyRule('a non-empty Akana security subject category', "'" + CONFIG_DEFAULTS.usernameSubjectCategory + "'"),
    clientIdSubjectCategory: nonEmptyRule('a non-empty Akana security subject category', "'" + CONFIG_DEFAULTS.clientIdSubjectCategory + "'"),
    propertyNames: {
      what: 'an object with any of the keys ' + PROPERTY_NAME_FIELDS.join(', ') + ', each naming an Akana property',
      example: "{ method: 'http.method' }"
    } as FieldRule
  };
}

/** Every field's rule by name. */
export type Rules = ReturnType<typeof buildRules>;
export type RuleName = keyof Rules;

var rulesBuilt: Rules | null = null;

/**
 * The rules, built at first use: only a problem's message reads them, and Akana evaluates the policy
 * (so its top-level tables) for every message.
 */
function rules(): Rules {
  if (rulesBuilt === null) rulesBuilt = buildRules();
  return rulesBuilt;
}

/** The rule of each field; nodeField, listEntry and propertyName cover the nested ones. */
export var RULES = /* @__PURE__ */ rules();

/** The rule of one entry of a string list. */
export function listEntryRule(field: StringListField): FieldRule {
  if (field === 'apiKeyHeaders') {
    return {
      what: "a header name made of letters, digits and !#$%&'*+.^_`|~- (no spaces or colons)",
      example: "'x-api-key'",
      detail: emptyDetail
    };
  }
  return nonEmptyRule('a non-empty query parameter name', field === 'queryTokenParams' ? "'access_token'" : "'api_key'");
}

/** The rule of one propertyNames entry. */
export function propertyNameRule(key: string): FieldRule {
  var fallback = (DEFAULT_PROPERTY_NAMES as unknown as { [k: string]: string })[key];
  return nonEmptyRule('a non-empty Akana property name', "'" + fallback + "'");
}

/** "nodes[1].url" from ["nodes", 1, "url"]. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  var out = '';
  for (var i = 0; i < segments.length; i++) {
    var segment = segments[i];
    if (typeof segment === 'number') {
      out += '[' + segment + ']';
    } else {
      out += (out === '' ? '' : '.') + String(segment);
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
}

var MAX_SHOWN = 60;

/** The offending value as a message shows it: short, escaped, secrets reduced to their length. */
function describeGot(got: unknown, rule: FieldRule): string {
  if (got === null) return 'null';
  if (Array.isArray(got)) return 'an array of ' + got.length + (got.length === 1 ? ' entry' : ' entries');
  if (typeof got === 'string') {
    if (got === '') return 'an empty string';
    if (rule.secret) return 'a ' + got.length + '-character string';
    var shown = JSON.stringify(rule.redact ? rule.redact(got) : got);
    return shown.length > MAX_SHOWN ? shown.substring(0, MAX_SHOWN - 4) + '..."' : shown;
  }
  if (typeof got === 'object') return 'an object';
  if (typeof got === 'number' || typeof got === 'boolean') return String(got);
  return 'a ' + typeof got;
}

/** The message for a value that breaks its field's rule: what, the value, why, an example. */
export function ruleMessage(rule: FieldRule, path: string, got: unknown): string {
  if (path === '') path = 'the configuration';
  if (got === undefined) {
    return path + ' is required: it must be ' + rule.what + '; e.g. ' + rule.example;
  }
  var shown = describeGot(got, rule);
  var detail = rule.detail ? rule.detail(got) : '';
  var why = detail === '' || detail === shown ? '' : ': ' + detail;
  return path + ' must be ' + rule.what + ' (got ' + shown + why + '); e.g. ' + rule.example;
}

function tokenDetail(got: unknown): string {
  if (typeof got !== 'string') return '';
  for (var i = 0; i < got.length; i++) {
    var code = got.charCodeAt(i);
    if (code === 32) return 'a space at position ' + (i + 1);
    if (code < 32 || code === 127) return 'a control character at position ' + (i + 1);
    if (code > 127) return 'a non-ASCII character at position ' + (i + 1);
  }
  return '';
}

function qnameDetail(got: unknown): string {
  if (typeof got !== 'string' || got === '') return '';
  return got.charAt(0) === '{' ? "it must be '{namespace}name' with no spaces or extra braces" : "it must start with '{namespace}'";
}

function statusDetail(got: unknown): string {
  if (got === 200) return "200 is ASE's allow answer: blocking on it would block every call";
  return typeof got === 'number' && Math.floor(got) !== got ? 'not a whole number' : '';
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^\/?#]*@/, '//***@').replace(/\?.*$/, '?***');
}

/** Why a url fails nodeUrlPattern(), in the operator's terms. */
function urlDetail(got: unknown): string {
  if (typeof got !== 'string' || got === '') return '';
  var scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(got);
  if (!scheme) {
    return /^https?:/i.test(got) ? 'the scheme must be followed by //host' : 'no scheme: start it with https:// or http://';
  }
  if (scheme[1] !== 'http' && scheme[1] !== 'https') {
    var lower = scheme[1].toLowerCase();
    return lower === 'http' || lower === 'https'
      ? 'write the scheme in lower case'
      : "the scheme '" + scheme[1] + ":' is not supported: use https:// or http://";
  }
  var rest = got.substring(scheme[0].length);
  var end = rest.search(/[\/?#]/);
  var authority = end < 0 ? rest : rest.substring(0, end);
  var tail = end < 0 ? '' : rest.substring(end);
  if (tail.indexOf('?') >= 0) return 'a query string is not allowed';
  if (tail.indexOf('#') >= 0) return 'a fragment is not allowed';
  if (tail !== '' && tail !== '/') return 'a path is not allowed: the policy adds /ase/request and /ase/response itself';
  if (authority.indexOf('@') >= 0) return 'a user name or password is not allowed: ASE authenticates sideband calls by aseToken';
  var portMatch = /:([^:\]]*)$/.exec(authority);
  var host = portMatch ? authority.substring(0, authority.length - portMatch[0].length) : authority;
  if (host === '') return 'the host is missing';
  if (portMatch && !new RegExp('^' + URL_PORT + '$').test(portMatch[1])) return 'the port must be a number from 1 to 65535';
  return 'the host is not a valid host name, IPv4 address or [IPv6] literal';
}

/** The key the operator probably meant: same letters ignoring case, '_' and '-', or nearly so. */
export function closestField(key: string, known: ReadonlyArray<string>): string | null {
  var wanted = squash(key);
  if (wanted.length === 0 || wanted.length > 64) return null;
  var best: string | null = null;
  var bestScore = 3;
  for (var i = 0; i < known.length; i++) {
    var candidate = squash(known[i]);
    var score = editDistance(wanted, candidate);
    var shorter = wanted.length < candidate.length ? wanted : candidate;
    var longer = shorter === wanted ? candidate : wanted;
    if (score > 2 && shorter.length >= 5 && longer.indexOf(shorter) >= 0) score = 2;
    if (score < bestScore) {
      best = known[i];
      bestScore = score;
    }
  }
  return best;
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein distance (both strings are at most 64 characters here). */
function editDistance(a: string, b: string): number {
  var previous: number[] = [];
  for (var j = 0; j <= b.length; j++) previous.push(j);
  for (var i = 1; i <= a.length; i++) {
    var current = [i];
    for (var k = 1; k <= b.length; k++) {
      var substitution = previous[k - 1] + (a.charAt(i - 1) === b.charAt(k - 1) ? 0 : 1);
      current.push(Math.min(substitution, previous[k] + 1, current[k - 1] + 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The message for a key that is not part of the configuration at parentPath. */
export function unknownFieldMessage(parentPath: string, key: string, known: ReadonlyArray<string>): string {
  var where = parentPath === '' ? '' : ' in ' + parentPath;
  var guess = closestField(key, known);
  var shownKey = JSON.stringify(key.length > MAX_SHOWN ? key.substring(0, MAX_SHOWN) + '...' : key);
  var head = 'unknown field ' + shownKey.replace(/^"|"$/g, "'") + where;
  if (guess !== null) return head + "; did you mean '" + guess + "'?";
  return head + '; remove it or rename it to one of ' + known.join(', ');
}

/** The known keys of the object at a path: the top level, a node, or propertyNames. */
export function knownFieldsAt(parentSegments: ReadonlyArray<PropertyKey>): string[] {
  if (parentSegments.length === 0) return CONFIG_FIELDS;
  return parentSegments[0] === 'nodes' ? NODE_FIELDS : PROPERTY_NAME_FIELDS;
}

/** Rules across the nodes list: its length, each node's address, unique names. */
export function checkNodeList(nodes: unknown[], report: ProblemSink): void {
  if (nodes.length < LIMITS.minNodes || nodes.length > LIMITS.maxNodes) {
    report([], ruleMessage(rules().nodes, 'nodes', nodes));
  }
  var firstIndexByName: { [name: string]: number } = {};
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    if (!isPlainObject(node)) continue;
    checkNodeAddress(node, i, report);
    var name = node.name;
    if (typeof name !== 'string') continue;
    var key = '#' + name;
    if (firstIndexByName.hasOwnProperty(key)) {
      report([i, 'name'], 'nodes[' + i + "].name '" + name + "' is already used by nodes[" + firstIndexByName[key] +
        ']; give every node its own name, e.g. ' + "'" + name + '-' + (i + 1) + "'");
    } else {
      firstIndexByName[key] = i;
    }
  }
}

function checkNodeAddress(node: { [key: string]: unknown }, index: number, report: ProblemSink): void {
  var firstAkana: string | null = null;
  for (var i = 0; i < AKANA_NODE_FIELDS.length; i++) {
    if (node[AKANA_NODE_FIELDS[i]] !== undefined) {
      firstAkana = AKANA_NODE_FIELDS[i];
      break;
    }
  }
  var path = 'nodes[' + index + ']';
  if (firstAkana === null) {
    if (node.url === undefined) {
      report([index], path + ' has no address: set url (e.g. ' + "'https://ase.example.com:8443'" +
        ') or the four Akana fields service, interface, requestOperation and responseOperation');
    }
    return;
  }
  for (var k = 0; k < AKANA_NODE_FIELDS.length; k++) {
    var field = AKANA_NODE_FIELDS[k];
    if (node[field] !== undefined) continue;
    report([index, field], path + '.' + field + ' is required because ' + path + '.' + firstAkana +
      ' is set: an Akana node needs all of service, interface, requestOperation and responseOperation; e.g. ' +
      (rules() as unknown as { [k: string]: FieldRule })[field].example);
  }
}

/** Each status listed once. */
export function checkStatusList(statuses: unknown[], report: ProblemSink): void {
  for (var i = 0; i < statuses.length; i++) {
    if (typeof statuses[i] !== 'number') continue;
    for (var j = 0; j < i; j++) {
      if (statuses[j] === statuses[i]) {
        report([i], 'extraBlockStatuses[' + i + '] repeats ' + String(statuses[i]) + ' (already extraBlockStatuses[' + j +
          ']); list each status once, e.g. [401, 503]');
        break;
      }
    }
  }
}

/** A salt long enough to keep hashes unguessable, when hashing is on. A missing salt counts as ''. */
export function checkHashSalt(hashSecrets: unknown, hashSalt: unknown, report: ProblemSink): void {
  var salt = hashSalt === undefined ? '' : hashSalt;
  if (hashSecrets !== true || typeof salt !== 'string' || salt.length >= LIMITS.hashSaltMinLength) return;
  report(['hashSalt'], 'hashSalt must hold at least ' + LIMITS.hashSaltMinLength + ' characters when hashSecrets is true (got ' +
    (salt === '' ? 'none' : salt.length + ' characters') + '): with a short salt, anyone who reads what ASE stores can hash ' +
    'guessed tokens and API keys and match them; set a random secret, e.g. a 32-character random string, the same on every gateway ' +
    '(or set hashSecrets to false)');
}

/** Collects problems, at most one per path (the first found is the most basic). */
interface Collector {
  problems: ConfigProblem[];
  seen: { [path: string]: boolean };
}

function add(collector: Collector, path: string, message: string): void {
  if (collector.seen.hasOwnProperty('#' + path)) return;
  collector.seen['#' + path] = true;
  collector.problems.push({ path: path, message: message });
}

function sinkAt(collector: Collector, base: Array<string | number>): ProblemSink {
  return function (relativePath, message) {
    add(collector, formatPath(base.concat(relativePath)), message);
  };
}

function checkUnknownKeys(collector: Collector, object: { [key: string]: unknown }, parentPath: string, known: string[]): void {
  // for-in without an own-property filter, as the zod schema reads keys: a plain object has no other enumerable ones.
  for (var key in object) {
    if (known.indexOf(key) < 0) {
      add(collector, parentPath === '' ? key : parentPath + '.' + key, unknownFieldMessage(parentPath, key, known));
    }
  }
}

/** How a string field is checked: a pattern, or null for "any non-empty string". */
type StringTest = RegExp | null;

var ANY_STRING = /^/;

/** A rule, or the name of one in RULES: those are looked up only for a problem's message. */
type RuleRef = FieldRule | RuleName;

function readString(collector: Collector, value: unknown, path: string, rule: RuleRef, test: StringTest, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || (test ? !test.test(value) : value === '')) {
    add(collector, path, ruleMessage(typeof rule === 'string' ? rules()[rule] : rule, path, value));
    return '';
  }
  return value;
}

function readMs(collector: Collector, raw: { [key: string]: unknown }, field: MsField): number {
  var value = raw[field];
  if (value === undefined) return CONFIG_DEFAULTS[field];
  if (!isWholeNumber(value) || value < LIMITS[field].min || value > LIMITS[field].max) {
    add(collector, field, ruleMessage(rules()[field], field, value));
    return 0;
  }
  return value;
}

function readAsyncMaxInFlight(collector: Collector, raw: { [key: string]: unknown }): number {
  var value = raw.asyncMaxInFlight;
  if (value === undefined) return CONFIG_DEFAULTS.asyncMaxInFlight;
  if (!isWholeNumber(value) || value < LIMITS.asyncMaxInFlight.min || value > LIMITS.asyncMaxInFlight.max) {
    add(collector, 'asyncMaxInFlight', ruleMessage(rules().asyncMaxInFlight, 'asyncMaxInFlight', value));
    return 0;
  }
  return value;
}

function readBoolean(collector: Collector, raw: { [key: string]: unknown }, field: BooleanField): boolean {
  var value = raw[field];
  if (value === undefined) return CONFIG_DEFAULTS[field];
  if (value !== true && value !== false) {
    add(collector, field, ruleMessage(rules()[field], field, value));
    return false;
  }
  return value;
}

function readStringList(collector: Collector, raw: { [key: string]: unknown }, field: StringListField): string[] {
  var value = raw[field];
  if (value === undefined) return CONFIG_DEFAULTS[field].slice();
  if (!Array.isArray(value)) {
    add(collector, field, ruleMessage(rules()[field], field, value));
    return [];
  }
  var entryRule = listEntryRule(field);
  var pattern = field === 'apiKeyHeaders' ? HEADER_NAME_PATTERN : null;
  var out: string[] = [];
  for (var i = 0; i < value.length; i++) {
    var entry = readString(collector, value[i], field + '[' + i + ']', entryRule, pattern);
    out.push(field === 'apiKeyHeaders' ? entry.toLowerCase() : entry);
  }
  return out;
}

function readStatuses(collector: Collector, raw: { [key: string]: unknown }): number[] {
  var value = raw.extraBlockStatuses;
  if (value === undefined) return CONFIG_DEFAULTS.extraBlockStatuses.slice();
  if (!Array.isArray(value)) {
    add(collector, 'extraBlockStatuses', ruleMessage(rules().extraBlockStatuses, 'extraBlockStatuses', value));
    return [];
  }
  var out: number[] = [];
  for (var i = 0; i < value.length; i++) {
    var status = value[i];
    var path = 'extraBlockStatuses[' + i + ']';
    if (!isWholeNumber(status) || status < LIMITS.status.min || status > LIMITS.status.max || status === 200) {
      add(collector, path, ruleMessage(rules().extraBlockStatus, path, status));
    } else {
      out.push(status);
    }
  }
  checkStatusList(value, sinkAt(collector, ['extraBlockStatuses']));
  return out;
}

function readNode(collector: Collector, value: unknown, index: number): AseNode {
  var path = 'nodes[' + index + ']';
  if (!isPlainObject(value)) {
    add(collector, path, ruleMessage(rules().node, path, value));
    return { name: '' };
  }
  checkUnknownKeys(collector, value, path, NODE_FIELDS);
  var node: AseNode = { name: readString(collector, value.name, path + '.name', 'name', NODE_NAME_PATTERN) };
  if (value.url !== undefined) {
    node.url = readString(collector, value.url, path + '.url', 'url', nodeUrlPattern()).replace(/\/$/, '');
  }
  if (value.service !== undefined) node.service = readString(collector, value.service, path + '.service', 'service', QNAME_PATTERN);
  if (value['interface'] !== undefined) {
    node['interface'] = readString(collector, value['interface'], path + '.interface', 'interface', QNAME_PATTERN);
  }
  if (value.requestOperation !== undefined) {
    node.requestOperation = readString(collector, value.requestOperation, path + '.requestOperation', 'requestOperation', null);
  }
  if (value.responseOperation !== undefined) {
    node.responseOperation = readString(collector, value.responseOperation, path + '.responseOperation', 'responseOperation', null);
  }
  return node;
}

function readNodes(collector: Collector, value: unknown): AseNode[] {
  if (!Array.isArray(value)) {
    add(collector, 'nodes', ruleMessage(rules().nodes, 'nodes', value));
    return [];
  }
  var nodes: AseNode[] = [];
  for (var i = 0; i < value.length; i++) nodes.push(readNode(collector, value[i], i));
  checkNodeList(value, sinkAt(collector, ['nodes']));
  return nodes;
}

function readPropertyNames(collector: Collector, value: unknown): PropertyNames {
  var out = {} as PropertyNames;
  var names = out as unknown as { [key: string]: string };
  var defaults = DEFAULT_PROPERTY_NAMES as unknown as { [key: string]: string };
  for (var i = 0; i < PROPERTY_NAME_FIELDS.length; i++) names[PROPERTY_NAME_FIELDS[i]] = defaults[PROPERTY_NAME_FIELDS[i]];
  if (value === undefined) return out;
  if (!isPlainObject(value)) {
    add(collector, 'propertyNames', ruleMessage(rules().propertyNames, 'propertyNames', value));
    return out;
  }
  for (var k = 0; k < PROPERTY_NAME_FIELDS.length; k++) {
    var key = PROPERTY_NAME_FIELDS[k];
    names[key] = readString(collector, value[key], 'propertyNames.' + key, propertyNameRule(key), null, defaults[key]);
  }
  checkUnknownKeys(collector, value, 'propertyNames', PROPERTY_NAME_FIELDS);
  return out;
}

/** Checks the operator's configuration; returns a fresh defaulted config or every problem found. */
export function validateConfig(raw: unknown): ConfigResult {
  var collector: Collector = { problems: [], seen: {} };
  if (!isPlainObject(raw)) {
    return { ok: false, problems: [{ path: '', message: ruleMessage(rules().config, '', raw) }] };
  }
  var config: PolicyConfig = {
    aseToken: readString(collector, raw.aseToken, 'aseToken', 'aseToken', TOKEN_PATTERN),
    nodes: readNodes(collector, raw.nodes),
    retryAfterMs: readMs(collector, raw, 'retryAfterMs'),
    connectTimeoutMs: readMs(collector, raw, 'connectTimeoutMs'),
    attemptTimeoutMs: readMs(collector, raw, 'attemptTimeoutMs'),
    callBudgetMs: readMs(collector, raw, 'callBudgetMs'),
    extraBlockStatuses: readStatuses(collector, raw),
    failClosed: readBoolean(collector, raw, 'failClosed'),
    asyncMode: readBoolean(collector, raw, 'asyncMode'),
    asyncMaxInFlight: readAsyncMaxInFlight(collector, raw),
    healthCheck: readBoolean(collector, raw, 'healthCheck'),
    trustForwardedFor: readBoolean(collector, raw, 'trustForwardedFor'),
    queryTokenParams: readStringList(collector, raw, 'queryTokenParams'),
    hashSecrets: readBoolean(collector, raw, 'hashSecrets'),
    hashSalt: readString(collector, raw.hashSalt, 'hashSalt', 'hashSalt', ANY_STRING, CONFIG_DEFAULTS.hashSalt),
    apiKeyHeaders: readStringList(collector, raw, 'apiKeyHeaders'),
    apiKeyParams: readStringList(collector, raw, 'apiKeyParams'),
    diagnostics: readBoolean(collector, raw, 'diagnostics'),
    usernameSubjectCategory: readString(collector, raw.usernameSubjectCategory, 'usernameSubjectCategory',
      'usernameSubjectCategory', null, CONFIG_DEFAULTS.usernameSubjectCategory),
    clientIdSubjectCategory: readString(collector, raw.clientIdSubjectCategory, 'clientIdSubjectCategory',
      'clientIdSubjectCategory', null, CONFIG_DEFAULTS.clientIdSubjectCategory),
    propertyNames: readPropertyNames(collector, raw.propertyNames)
  };
  checkHashSalt(raw.hashSecrets, raw.hashSalt, sinkAt(collector, []));
  checkUnknownKeys(collector, raw, '', CONFIG_FIELDS);
  if (collector.problems.length > 0) return { ok: false, problems: collector.problems };
  return { ok: true, config: config };
}

var MAX_LOGGED_PROBLEMS = 20;

/** One log line: "CONFIG_INVALID: 2 problems: nodes[0].url must be ...; retryAfterMs must be ...". */
export function describeProblems(problems: ConfigProblem[]): string {
  var parts: string[] = [];
  for (var i = 0; i < problems.length && i < MAX_LOGGED_PROBLEMS; i++) {
    var problem = problems[i];
    var named = problem.path === '' || problem.message.indexOf(problem.path) === 0;
    parts.push(named ? problem.message : problem.path + ': ' + problem.message);
  }
  if (problems.length > MAX_LOGGED_PROBLEMS) parts.push('and ' + (problems.length - MAX_LOGGED_PROBLEMS) + ' more');
  var count = problems.length + (problems.length === 1 ? ' problem' : ' problems');
  return Codes.CONFIG_INVALID + ': ' + count + ': ' + parts.join('; ');
}
