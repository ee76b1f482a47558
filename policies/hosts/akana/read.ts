// Reads one API call out of Akana's messageContext into the core's plain model (ES5 engine: Rhino).

import type { ApiRequest, ApiResponse, CallIdentity, HeaderField } from '../../core/api-call';
import type { PolicyConfig } from '../../core/config-types';
import { MAX_ITEMS, jsInt, readHost, type HostCalls } from './java-values';

// Each exported reader runs its read through readHost: direct host calls, redone guarded if one throws.

/** A property from the message first, then the exchange (Akana's examples read http.* from both). */
export function hostProperty(message: unknown, exchange: unknown, name: string): string {
  return readHost(propertyOf, message, exchange, name, undefined);
}

function propertyOf(h: HostCalls, message: unknown, exchange: unknown, name: string): string {
  if (h.direct) return directProperty(message as JavaProperties, exchange as JavaProperties, name);
  var value = h.text(h.call(message, 'getProperty', name));
  return value !== '' ? value : h.text(h.call(exchange, 'getProperty', name));
}

/** Transport headers as plain fields; Akana joins a repeated header's values into one Header. */
export function readHeaders(message: unknown): HeaderField[] {
  return readHost(headersOf, message, undefined, undefined, undefined);
}

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

/**
 * propertyOf and headersOf as DIRECT_CALLS would answer them, calling the Java methods in place: they
 * run on every message, and a call through HostCalls is two JS calls more per Java call (measured in
 * Rhino: a third of the header read). Anything unusual throws, and readHost redoes the read guarded.
 */
function directProperty(message: JavaProperties, exchange: JavaProperties, name: string): string {
  var value = message.getProperty(name);
  var text = value === null || value === undefined ? '' : String(value);
  if (text !== '') return text;
  value = exchange.getProperty(name);
  return value === null || value === undefined ? '' : String(value);
}

function directHeaders(message: JavaMessage): HeaderField[] {
  var items = message.getTransportHeaders().getArray();
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

function headersOf(h: HostCalls, message: unknown): HeaderField[] {
  if (h.direct) return directHeaders(message as JavaMessage);
  var fields: HeaderField[] = [];
  var items = h.list(h.call(h.call(message, 'getTransportHeaders'), 'getArray'));
  for (var i = 0; i < items.length; i++) {
    var name = h.text(h.call(items[i], 'getName'));
    if (name) fields.push({ name: name, value: h.text(h.call(items[i], 'getValue')) });
  }
  return fields;
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
  return readHost(requestOf, message, exchange, config, undefined);
}

function requestOf(h: HostCalls, message: unknown, exchange: unknown, config: PolicyConfig): ApiRequest {
  var names = config.propertyNames;
  var requestedUrl = propertyOf(h, message, exchange, names.requestedUrl);
  var query = propertyOf(h, message, exchange, names.query);
  var method = propertyOf(h, message, exchange, names.method);
  var version = propertyOf(h, message, exchange, names.httpVersion);
  // The request line fills what the other properties leave out; Akana usually sets them all.
  var requestLine = requestedUrl && method && version ? null : parseRequestLine(propertyOf(h, message, exchange, names.requestLine));
  var path = requestedUrl ? pathOf(requestedUrl) : requestLine && requestLine.target ? pathOf(requestLine.target) : '/';
  if (query && path.indexOf('?') < 0) path += '?' + query;
  return {
    method: method || (requestLine && requestLine.method) || 'GET',
    url: path,
    httpVersion: version || (requestLine && requestLine.version) || '1.1',
    headers: headersOf(h, message),
    // http.client.url is the client address as a URL; the core's client-identity understands that form.
    peerAddress: propertyOf(h, message, exchange, names.clientUrl),
    peerPort: 0,
    fallbackHost: hostOf(requestedUrl)
  };
}

/** The backend's answer; a FAULT message without a status is reported as 500. */
export function readResponse(message: unknown, exchange: unknown, config: PolicyConfig, isFault: boolean): ApiResponse {
  return readHost(responseOf, message, exchange, config, isFault);
}

function responseOf(h: HostCalls, message: unknown, exchange: unknown, config: PolicyConfig, isFault: boolean): ApiResponse {
  var status = jsInt(propertyOf(h, message, exchange, config.propertyNames.statusCode));
  if (!(status >= 100 && status <= 599)) status = isFault ? 500 : 200;
  return {
    status: status,
    reason: '',
    httpVersion: propertyOf(h, message, exchange, config.propertyNames.httpVersion) || '1.1',
    headers: headersOf(h, message)
  };
}

function principalName(h: HostCalls, subjects: unknown, category: string): string {
  var subject = h.call(subjects, 'get', category);
  var principals = h.list(h.call(subject, 'getPrincipals'));
  return principals.length ? h.text(h.call(principals[0], 'getName')) : '';
}

/** Who the gateway authenticated (end user and consumer application), from the security subjects. */
export function readIdentity(message: unknown, config: PolicyConfig, retainedAuthorization: string): CallIdentity {
  return readHost(identityOf, message, config, retainedAuthorization, undefined);
}

function identityOf(h: HostCalls, message: unknown, config: PolicyConfig, retainedAuthorization: string): CallIdentity {
  var subjects = h.call(message, 'getSecuritySubjects');
  return {
    username: principalName(h, subjects, config.usernameSubjectCategory),
    clientId: principalName(h, subjects, config.clientIdSubjectCategory),
    retainedAuthorization: retainedAuthorization
  };
}
