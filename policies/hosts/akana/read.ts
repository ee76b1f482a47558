// Reads one API call out of Akana's messageContext into the core's plain model (ES5 engine: Rhino).
//
// Each read runs once with direct host calls (directProperty, directHeaders, directPrincipal: the
// Java methods called in place) and, when one of them throws (a host object missing, a collection
// where Akana hands out an array, a value whose toString throws), once more with the guarded calls of
// java-values.ts, which answer null for what is missing. The assembly (requestOf, responseOf,
// identityOf) is one function for both: only the readers passed to it differ. On the usual path that
// is one function per host read and no table of reader objects: Rhino makes every function and name
// of the script on every message, and past 8000 bytes of name tables HotSpot stops compiling them.

import type { ApiRequest, ApiResponse, CallIdentity, HeaderField } from '../../core/api-call';
import type { PolicyConfig } from '../../core/config-types';
import { MAX_ITEMS, callHost, jsArray, jsInt, jsString } from './java-values';

type PropertyReader = (message: unknown, exchange: unknown, name: string) => string;
type HeaderReader = (message: unknown) => HeaderField[];
type PrincipalReader = (subjects: unknown, category: string) => string;

/** Akana's objects as the direct reads call them. */
interface JavaProperties {
  getProperty(name: string): unknown;
}
interface JavaHeader {
  getName(): unknown;
  getValue(): unknown;
}
interface JavaMessage {
  getTransportHeaders(): { getArray(): { length: unknown; [index: number]: JavaHeader } };
}
interface JavaSubjects {
  get(category: string): { getPrincipals(): { length: unknown; [index: number]: { getName(): unknown } } | null } | null;
}

/** A property from the message first, then the exchange (Akana's examples read http.* from both). Throws where a host call does. */
function directProperty(message: unknown, exchange: unknown, name: string): string {
  var value = (message as JavaProperties).getProperty(name);
  var text = value === null || value === undefined ? '' : String(value);
  if (text !== '') return text;
  value = (exchange as JavaProperties).getProperty(name);
  return value === null || value === undefined ? '' : String(value);
}

function guardedProperty(message: unknown, exchange: unknown, name: string): string {
  var value = jsString(callHost(message, 'getProperty', [name]));
  return value !== '' ? value : jsString(callHost(exchange, 'getProperty', [name]));
}

/** Transport headers as plain fields; Akana joins a repeated header's values into one Header. Throws where a host call does. */
function directHeaders(message: unknown): HeaderField[] {
  var items = (message as JavaMessage).getTransportHeaders().getArray();
  var count = items.length;
  // A collection rather than a Java array (Rhino 1.7R4 throws on its length): the guarded read converts it.
  if (typeof count !== 'number') throw new Error('not an array');
  var fields: HeaderField[] = [];
  for (var i = 0; i < count && i < MAX_ITEMS; i++) {
    var item = items[i];
    var name = item.getName();
    if (name === null || name === undefined || (name = String(name)) === '') continue;
    var value = item.getValue();
    fields.push({ name: name as string, value: value === null || value === undefined ? '' : String(value) });
  }
  return fields;
}

function guardedHeaders(message: unknown): HeaderField[] {
  var fields: HeaderField[] = [];
  var items = jsArray(callHost(callHost(message, 'getTransportHeaders'), 'getArray'));
  for (var i = 0; i < items.length; i++) {
    var name = jsString(callHost(items[i], 'getName'));
    if (name) fields.push({ name: name, value: jsString(callHost(items[i], 'getValue')) });
  }
  return fields;
}

/** The first principal's name of a security subject ('' when there is none). Throws where a host call does. */
function directPrincipal(subjects: unknown, category: string): string {
  var subject = (subjects as JavaSubjects).get(category);
  if (subject === null || subject === undefined) return '';
  var principals = subject.getPrincipals();
  if (principals === null || principals === undefined) return '';
  var count = principals.length;
  // A collection rather than an array: the guarded read converts it.
  if (typeof count !== 'number') throw new Error('not an array');
  if (count === 0) return '';
  var name = principals[0].getName();
  return name === null || name === undefined ? '' : String(name);
}

function guardedPrincipal(subjects: unknown, category: string): string {
  var principals = jsArray(callHost(callHost(subjects, 'get', [category]), 'getPrincipals'));
  return principals.length ? jsString(callHost(principals[0], 'getName')) : '';
}

/** "GET /a/b?c=1 HTTP/1.1" -> its three parts ('' where missing). */
function parseRequestLine(line: string): { method: string; target: string; version: string } {
  var parts = line.replace(/^\s+|\s+$/g, '').split(/\s+/);
  return { method: parts[0] || '', target: parts[1] || '', version: parts[2] || '' };
}

/** Path (and query, when the URL carries one) of an absolute or relative URL. */
function pathOf(url: string): string {
  var match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\/?#]*([^#]*)/.exec(url);
  var path = match ? match[1] : url.split('#')[0];
  return path === '' ? '/' : path;
}

function hostOf(url: string): string {
  var match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@\/?#]*@)?([^\/?#]+)/.exec(url);
  return match ? match[1] : '';
}

/** The client request: method, path with query, version, headers, peer, fallback host. */
export function readRequest(message: unknown, exchange: unknown, config: PolicyConfig): ApiRequest {
  var request: ApiRequest | null = null;
  // Catch-free (java-values.ts says why): a throw of the direct read leaves request null.
  try {
    request = requestOf(directProperty, directHeaders, message, exchange, config);
  } finally {
    if (request === null) return requestOf(guardedProperty, guardedHeaders, message, exchange, config);
  }
  return request;
}

function requestOf(property: PropertyReader, headers: HeaderReader, message: unknown, exchange: unknown, config: PolicyConfig): ApiRequest {
  var names = config.propertyNames;
  var requestedUrl = property(message, exchange, names.requestedUrl);
  var query = property(message, exchange, names.query);
  var method = property(message, exchange, names.method);
  var version = property(message, exchange, names.httpVersion);
  // The request line fills what the other properties leave out; Akana usually sets them all.
  var requestLine = requestedUrl && method && version ? null : parseRequestLine(property(message, exchange, names.requestLine));
  var path = requestedUrl ? pathOf(requestedUrl) : requestLine && requestLine.target ? pathOf(requestLine.target) : '/';
  if (query && path.indexOf('?') < 0) path += '?' + query;
  return {
    method: method || (requestLine && requestLine.method) || 'GET',
    url: path,
    httpVersion: version || (requestLine && requestLine.version) || '1.1',
    headers: headers(message),
    // http.client.url is the client address as a URL; the core's client-identity understands that form.
    peerAddress: property(message, exchange, names.clientUrl),
    peerPort: 0,
    fallbackHost: hostOf(requestedUrl)
  };
}

/** The backend's answer; a FAULT message without a status is reported as 500. */
export function readResponse(message: unknown, exchange: unknown, config: PolicyConfig, isFault: boolean): ApiResponse {
  var response: ApiResponse | null = null;
  // Catch-free, as readRequest.
  try {
    response = responseOf(directProperty, directHeaders, message, exchange, config, isFault);
  } finally {
    if (response === null) return responseOf(guardedProperty, guardedHeaders, message, exchange, config, isFault);
  }
  return response;
}

function responseOf(property: PropertyReader, headers: HeaderReader, message: unknown, exchange: unknown, config: PolicyConfig, isFault: boolean): ApiResponse {
  var status = jsInt(property(message, exchange, config.propertyNames.statusCode));
  if (!(status >= 100 && status <= 599)) status = isFault ? 500 : 200;
  return {
    status: status,
    reason: '',
    httpVersion: property(message, exchange, config.propertyNames.httpVersion) || '1.1',
    headers: headers(message)
  };
}

/** Who the gateway authenticated (end user and consumer application), from the security subjects. */
export function readIdentity(message: unknown, config: PolicyConfig, retainedAuthorization: string): CallIdentity {
  var identity: CallIdentity | null = null;
  // Catch-free, as readRequest.
  try {
    identity = identityOf(directPrincipal, (message as { getSecuritySubjects(): unknown }).getSecuritySubjects(), config, retainedAuthorization);
  } finally {
    if (identity === null) return identityOf(guardedPrincipal, callHost(message, 'getSecuritySubjects'), config, retainedAuthorization);
  }
  return identity;
}

function identityOf(principal: PrincipalReader, subjects: unknown, config: PolicyConfig, retainedAuthorization: string): CallIdentity {
  return {
    username: principal(subjects, config.usernameSubjectCategory),
    clientId: principal(subjects, config.clientIdSubjectCategory),
    retainedAuthorization: retainedAuthorization
  };
}

/** Transport headers as plain fields, never throwing (diagnostics). */
export function readHeaders(message: unknown): HeaderField[] {
  var fields: HeaderField[] | null = null;
  // Catch-free, as readRequest.
  try {
    fields = directHeaders(message);
  } finally {
    if (fields === null) return guardedHeaders(message);
  }
  return fields;
}
