// Builds the JSON bodies of /ase/request and /ase/response from an ApiCall, per shared/ase-sideband.md (ES5 engine and Node).
//
// Choices where the spec is silent (also in the README):
// - A request without a Host header gets { host: fallbackHost }; without either, { host: 'unknown' }:
//   ASE needs a host first to match the API, and 'unknown' makes the gap visible in ASE's logs. A Host
//   header whose value is blank is filled the same way.
// - method: trimmed and upper-cased; empty or not a token ([A-Z][A-Z0-9_-]*) -> 'GET'. The call did
//   happen: its client identifiers (IP, token, cookie, key) still deserve the check, and GET is the
//   most common verb.
// - url: trimmed; an absolute URL is reduced to its path and query; empty -> '/'; anything else not
//   starting with '/' (e.g. "*") gets a '/' in front.
// - http_version: see normalizeHttpVersion.
// - Header values (and names) longer than MAX_HEADER_TEXT are cut: ASE keeps headers in memory and
//   logs, and the identifiers it reads (tokens, keys, cookies) are far shorter. Lone surrogates
//   become U+FFFD (no UTF-8 form); control characters are left to JSON.stringify's escaping.
// - Authorization counts as present only with a non-blank value; blank ones are dropped when the
//   retained or query token is added, so ASE never sees an empty one first.
// - Added headers (retained or query-token Authorization) go last.
// - excludedHeaders (validated lower-case names) are dropped from both bodies, whatever the letter case
//   of the call's header; an excluded host or authorization is not added back from fallbackHost, the
//   retained Authorization or a query token either.
// - Response: a status outside 100..599 (the host could not read it) is sent as 502, the status the
//   gateway itself answers for a backend it could not use. The reason phrase is made one line
//   (core/one-line.ts: CR, LF and other controls become a space): ASE logs it as a status line.

import type { ApiCall, ApiResponse, HeaderField } from './api-call';
import type { PolicyConfig } from './config-types';
import { clientEndpointFrom, queryParameter, replaceQueryValues } from './client-identity';
import { normalizeHeaderName, wellFormedText } from './header-fields';
import {
  addHeader, aseHeaders, boundedText, hasValue, headerPass, putHostFirst, removeExcluded, removeNamed, stringOrEmpty,
  type AseHeader, type HeaderList, type SecretHasher
} from './header-list';
import { hashAuthorization, hashCookieHeader, hashSecret, hashSetCookieHeader } from './secret-hash';
import { oneLine } from './one-line';

export { MAX_HEADER_TEXT, type AseHeader, type HeaderList } from './header-list';


export interface AseRequestBody {
  source_ip: string;
  source_port: number;
  method: string;
  url: string;
  http_version: string;
  headers: AseHeader[];
  user_info?: Array<{ username: string } | { client_id: string }>;
}

export interface AseResponseBody {
  response_code: string;
  response_status: string;
  http_version: string;
  headers: AseHeader[];
}

/** The /ase/request body's values (requestFields): '' for an absent username or client id. */
export interface RequestFields {
  sourceIp: string;
  sourcePort: number;
  method: string;
  url: string;
  httpVersion: string;
  headers: HeaderList;
  username: string;
  clientId: string;
}

/** The /ase/response body's values (responseFields). */
export interface ResponseFields {
  responseCode: string;
  responseStatus: string;
  httpVersion: string;
  headers: HeaderList;
}


var METHOD_TOKEN = /^[A-Z][A-Z0-9_-]*$/;
var ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\/?#]*/;

/**
 * The /ase/request body's values in wire order, or null when the call has no valid client IP (log
 * CLIENT_IP_UNKNOWN, skip): every rule of the body is here, once. The headers stay two parallel
 * lists: ase-json.ts writes the JSON text from them without making an object per header, and
 * buildRequestBody makes the objects where one is wanted (tests, tools).
 */
export function requestFields(call: ApiCall, config: PolicyConfig): RequestFields | null {
  var request = call.request;
  var secrets = config.hashSecrets ? secretHasher(config) : null;
  var forwarded: string[] | null = config.trustForwardedFor ? [] : null;
  var list = headerPass(request.headers, secrets, forwarded);
  var client = clientEndpointFrom(request, forwarded);
  if (!client) return null;

  var excluded = config.excludedHeaders;
  if (excluded.length > 0) removeExcluded(list, excluded);
  if (excluded.length === 0 || excluded.indexOf('host') < 0) putHostFirst(list, request.fallbackHost);

  var authorization = '';
  if (!hasValue(list, 'authorization') && (excluded.length === 0 || excluded.indexOf('authorization') < 0)) {
    var retained = stringOrEmpty(call.identity.retainedAuthorization);
    if (retained.trim() !== '') {
      authorization = retained;
    } else {
      var queryToken = queryParameter(stringOrEmpty(request.url), config.queryTokenParams).trim();
      if (queryToken !== '') authorization = 'Bearer ' + queryToken;
    }
  }
  if (authorization !== '') {
    removeNamed(list, 'authorization');
    addHeader(list, 'authorization', secrets ? secrets('authorization', authorization) : authorization);
  }

  var url = pathAndQuery(stringOrEmpty(request.url));
  if (config.hashSecrets) url = hashQuerySecrets(url, config);

  var user = userInfoOf(call, config);
  return {
    sourceIp: client.address,
    sourcePort: client.port,
    method: normalizeMethod(request.method),
    url: wellFormedText(url),
    httpVersion: normalizeHttpVersion(request.httpVersion),
    headers: list,
    username: user.username,
    clientId: user.clientId
  };
}

/** The /ase/request body as an object (the JSON text on the wire comes from ase-json.ts: the same bytes). */
export function buildRequestBody(call: ApiCall, config: PolicyConfig): AseRequestBody | null {
  var fields = requestFields(call, config);
  if (!fields) return null;
  var body: AseRequestBody = {
    source_ip: fields.sourceIp,
    source_port: fields.sourcePort,
    method: fields.method,
    url: fields.url,
    http_version: fields.httpVersion,
    headers: aseHeaders(fields.headers)
  };
  var userInfo: Array<{ username: string } | { client_id: string }> = [];
  if (fields.username !== '') userInfo.push({ username: fields.username });
  if (fields.clientId !== '') userInfo.push({ client_id: fields.clientId });
  if (userInfo.length > 0) body.user_info = userInfo;
  return body;
}

/**
 * The url with its API-key and token parameter values hashed. A function of its own: a closure inside
 * buildRequestBody would make Rhino build an activation object for every call of it, hashing or not.
 */
function hashQuerySecrets(url: string, config: PolicyConfig): string {
  var salt = config.hashSalt;
  return replaceQueryValues(url, config.apiKeyParams.concat(config.queryTokenParams), function (value: string): string {
    return hashSecret(value, salt);
  });
}

/**
 * The /ase/response body's values in wire order. With config.hashSecrets, Set-Cookie values are
 * hashed like the request's Cookie values (config is optional: without it nothing is hashed).
 */
export function responseFields(response: ApiResponse, config?: PolicyConfig): ResponseFields {
  var status = response.status;
  var valid = typeof status === 'number' && status % 1 === 0 && status >= 100 && status <= 599;
  var code = valid ? status : 502;
  // A reason phrase is one line on the wire; a host can still hand over one with CR/LF in it.
  var hostReason = valid ? oneLine(stringOrEmpty(response.reason)).trim() : '';
  return {
    responseCode: String(code),
    responseStatus: hostReason !== '' ? boundedText(hostReason) : reasonPhrase(code),
    httpVersion: normalizeHttpVersion(response.httpVersion),
    headers: responseHeaders(response, config)
  };
}

/** The /ase/response body as an object (the wire text comes from ase-json.ts). */
export function buildResponseBody(response: ApiResponse, config?: PolicyConfig): AseResponseBody {
  var fields = responseFields(response, config);
  return { response_code: fields.responseCode, response_status: fields.responseStatus, http_version: fields.httpVersion, headers: aseHeaders(fields.headers) };
}

function responseHeaders(response: ApiResponse, config?: PolicyConfig): HeaderList {
  var list = headerPass(response.headers, config && config.hashSecrets ? secretHasher(config) : null, null);
  if (config && config.excludedHeaders.length > 0) removeExcluded(list, config.excludedHeaders);
  return list;
}

/**
 * '1.0', '1.1' or '2', the only versions ASE knows. Accepts "HTTP/1.1", "1.1", "2", "2.0", "HTTP/2",
 * "h2", "h2c" in any case. HTTP/3 is sent as '2' (closest); "0.9" as '1.0'; "1" alone as '1.1' (no
 * minor version: every current HTTP/1 client speaks 1.1); anything else as '1.1'.
 */
export function normalizeHttpVersion(text: string): string {
  // What hosts usually hand out is already the answer (see normalizeMethod).
  if (text === '1.1' || text === '1.0' || text === '2') return text;
  var v = stringOrEmpty(text).trim().toUpperCase();
  if (v.indexOf('HTTP/') === 0) v = v.substring(5);
  if (v === '1.0' || v === '0.9') return '1.0';
  if (v === '2' || v === '2.0' || v === 'H2' || v === 'H2C' || v === '3' || v === '3.0' || v === 'H3') return '2';
  return '1.1';
}

/**
 * The reason phrase for a status: RFC 9110 names, plus the common ones from RFCs 6585, 7725, 8297, 4918;
 * 'OK' when unknown. A switch, not a table: Akana runs the policy afresh for every message, and a
 * table object would be built on each response message only to read one entry.
 */
export function reasonPhrase(status: number): string {
  switch (status) {
    case 100: return 'Continue';
    case 101: return 'Switching Protocols';
    case 102: return 'Processing';
    case 103: return 'Early Hints';
    case 200: return 'OK';
    case 201: return 'Created';
    case 202: return 'Accepted';
    case 203: return 'Non-Authoritative Information';
    case 204: return 'No Content';
    case 205: return 'Reset Content';
    case 206: return 'Partial Content';
    case 207: return 'Multi-Status';
    case 300: return 'Multiple Choices';
    case 301: return 'Moved Permanently';
    case 302: return 'Found';
    case 303: return 'See Other';
    case 304: return 'Not Modified';
    case 305: return 'Use Proxy';
    case 307: return 'Temporary Redirect';
    case 308: return 'Permanent Redirect';
    case 400: return 'Bad Request';
    case 401: return 'Unauthorized';
    case 402: return 'Payment Required';
    case 403: return 'Forbidden';
    case 404: return 'Not Found';
    case 405: return 'Method Not Allowed';
    case 406: return 'Not Acceptable';
    case 407: return 'Proxy Authentication Required';
    case 408: return 'Request Timeout';
    case 409: return 'Conflict';
    case 410: return 'Gone';
    case 411: return 'Length Required';
    case 412: return 'Precondition Failed';
    case 413: return 'Content Too Large';
    case 414: return 'URI Too Long';
    case 415: return 'Unsupported Media Type';
    case 416: return 'Range Not Satisfiable';
    case 417: return 'Expectation Failed';
    case 421: return 'Misdirected Request';
    case 422: return 'Unprocessable Content';
    case 423: return 'Locked';
    case 424: return 'Failed Dependency';
    case 426: return 'Upgrade Required';
    case 428: return 'Precondition Required';
    case 429: return 'Too Many Requests';
    case 431: return 'Request Header Fields Too Large';
    case 451: return 'Unavailable For Legal Reasons';
    case 500: return 'Internal Server Error';
    case 501: return 'Not Implemented';
    case 502: return 'Bad Gateway';
    case 503: return 'Service Unavailable';
    case 504: return 'Gateway Timeout';
    case 505: return 'HTTP Version Not Supported';
    case 507: return 'Insufficient Storage';
    case 511: return 'Network Authentication Required';
    default: return 'OK';
  }
}


function secretHasher(config: PolicyConfig): SecretHasher {
  var salt = config.hashSalt;
  var keyHeaders: string[] = [];
  for (var i = 0; i < config.apiKeyHeaders.length; i++) keyHeaders.push(normalizeHeaderName(config.apiKeyHeaders[i]));
  return function (name: string, value: string): string {
    if (name === 'authorization') return hashAuthorization(value, salt);
    if (name === 'cookie') return hashCookieHeader(value, salt);
    if (name === 'set-cookie') return hashSetCookieHeader(value, salt);
    if (keyHeaders.indexOf(name) >= 0) return hashSecret(value, salt);
    return value;
  };
}

function normalizeMethod(method: string): string {
  // The usual methods as hosts hand them out are already the token the rule below makes; a request
  // message so skips its trim, upper-casing and regex (issue 11: every call counts in Rhino).
  if (method === 'GET' || method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'PATCH') return method;
  var m = stringOrEmpty(method).trim().toUpperCase();
  return METHOD_TOKEN.test(m) ? m : 'GET';
}

/** The path and query ASE matches on: always starting with '/'. */
function pathAndQuery(url: string): string {
  var u = url.trim();
  var absolute = ABSOLUTE_URL.exec(u);
  if (absolute) u = u.substring(absolute[0].length);
  if (u === '') return '/';
  return u.charAt(0) === '/' ? u : '/' + u;
}

/** user_info's two values, once for every host: an anonymous placeholder (anonymousUsernames, held lower-cased) is no user. */
function userInfoOf(call: ApiCall, config: PolicyConfig): { username: string; clientId: string } {
  var username = boundedText(stringOrEmpty(call.identity.username).trim());
  var clientId = boundedText(stringOrEmpty(call.identity.clientId).trim());
  if (username !== '' && config.anonymousUsernames.indexOf(username.toLowerCase()) >= 0) username = '';
  return { username: username, clientId: clientId };
}

