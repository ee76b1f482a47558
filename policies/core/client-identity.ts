// Who the client is, from the request: address and port (X-Forwarded-For or socket peer) and query parameters (ES5 engine and Node).

import type { ApiRequest } from './api-call';
import { headerValues } from './header-fields';
import { parseIpEndpoint, type IpEndpoint } from './ip-address';

var URL_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\/?#]*)/;

/**
 * The client's address and port; null when no address is valid. With trustForwardedFor, the first
 * X-Forwarded-For entry wins when it is a valid address (several XFF fields are read as one list, in
 * order; empty list elements are skipped as RFC 9110 section 5.6.1 asks), with the port written in
 * that entry or 0: the socket peer's port belongs to the proxy, not to that client. Otherwise the
 * socket peer, with request.peerPort when it is an integer 1..65535, else the port written in the peer
 * address ("10.0.0.1:5544", "[::1]:5544", "http://10.0.0.1:5544/"), else 0.
 */
export function clientEndpoint(request: ApiRequest, trustForwardedFor: boolean): IpEndpoint | null {
  return clientEndpointFrom(request, trustForwardedFor ? headerValues(request.headers, 'x-forwarded-for') : null);
}

/**
 * clientEndpoint with the X-Forwarded-For values already found (the payload's one pass over the
 * headers collects them), or null when trustForwardedFor is false.
 */
export function clientEndpointFrom(request: ApiRequest, forwardedValues: string[] | null): IpEndpoint | null {
  if (forwardedValues !== null && forwardedValues.length > 0) {
    var forwarded = parseIpEndpoint(firstForwardedFor(forwardedValues));
    if (forwarded) return forwarded;
  }
  var peer = peerEndpoint(request.peerAddress);
  if (!peer) return null;
  var port = request.peerPort;
  if (typeof port === 'number' && port % 1 === 0 && port >= 1 && port <= 65535) return { address: peer.address, port: port };
  return peer;
}

/** The client's bare IP, '' when none is valid (see clientEndpoint). */
export function clientAddress(request: ApiRequest, trustForwardedFor: boolean): string {
  var endpoint = clientEndpoint(request, trustForwardedFor);
  return endpoint ? endpoint.address : '';
}

/** The first non-empty element of the X-Forwarded-For list, '' when there is none. */
function firstForwardedFor(fields: string[]): string {
  for (var i = 0; i < fields.length; i++) {
    var entries = String(fields[i]).split(',');
    for (var j = 0; j < entries.length; j++) {
      if (/\S/.test(entries[j])) return entries[j];
    }
  }
  return '';
}

/** The peer as the host reports it: an address (with optional port) or a URL such as Akana's http.client.url. */
function peerEndpoint(peerAddress: string): IpEndpoint | null {
  if (typeof peerAddress !== 'string') return null;
  var direct = parseIpEndpoint(peerAddress);
  if (direct) return direct;
  var match = URL_AUTHORITY.exec(peerAddress.trim());
  if (!match) return null;
  var authority = match[1];
  var at = authority.lastIndexOf('@');
  return parseIpEndpoint(at >= 0 ? authority.substring(at + 1) : authority);
}

/**
 * The first non-empty value, in query-string order, of any parameter in names (case-sensitive,
 * compared after decoding), percent-decoded with '+' as space; '' when absent.
 */
export function queryParameter(url: string, names: string[]): string {
  var pairs = queryPairs(url);
  for (var i = 0; i < pairs.length; i++) {
    if (names.indexOf(decodeQueryComponent(pairs[i].name)) >= 0) {
      var value = decodeQueryComponent(pairs[i].value);
      if (value !== '') return value;
    }
  }
  return '';
}

/**
 * The url with the value of every parameter in names replaced by replace(decoded value); the
 * replacement is written as given (callers pass query-safe text). Empty values stay empty; the rest of
 * the url is kept byte for byte.
 */
export function replaceQueryValues(url: string, names: string[], replace: (value: string) => string): string {
  var pairs = queryPairs(url);
  if (pairs.length === 0) return url;
  var rebuilt: string[] = [];
  for (var i = 0; i < pairs.length; i++) {
    var pair = pairs[i];
    var raw = url.substring(pair.start, pair.end);
    if (pair.hasValue && pair.value !== '' && names.indexOf(decodeQueryComponent(pair.name)) >= 0) {
      raw = pair.name + '=' + replace(decodeQueryComponent(pair.value));
    }
    rebuilt.push(raw);
  }
  return url.substring(0, pairs[0].start) + rebuilt.join('&') + url.substring(pairs[pairs.length - 1].end);
}

interface QueryPair {
  name: string;
  value: string;
  hasValue: boolean;
  /** Where the raw "name=value" text sits in the url. */
  start: number;
  end: number;
}

/** The raw (still encoded) name=value pairs of the url's query string, including empty ones. */
function queryPairs(url: string): QueryPair[] {
  var text = String(url);
  var question = text.indexOf('?');
  var hash = text.indexOf('#');
  // A '?' inside the fragment does not start a query.
  if (question < 0 || (hash >= 0 && hash < question)) return [];
  var end = hash >= 0 ? hash : text.length;
  var pairs: QueryPair[] = [];
  var start = question + 1;
  // Bounded: each turn moves start past one '&' (or to the end).
  while (start <= end) {
    var amp = text.indexOf('&', start);
    var stop = amp >= 0 && amp < end ? amp : end;
    var raw = text.substring(start, stop);
    var equals = raw.indexOf('=');
    pairs.push({
      name: equals >= 0 ? raw.substring(0, equals) : raw,
      value: equals >= 0 ? raw.substring(equals + 1) : '',
      hasValue: equals >= 0,
      start: start,
      end: stop
    });
    start = stop + 1;
  }
  return pairs;
}

/**
 * Percent-decoding that never throws: '+' is a space; a run of escapes that is not valid UTF-8
 * ("%E0%A4", "%zz") stays as received.
 */
export function decodeQueryComponent(text: string): string {
  var spaced = text.replace(/\+/g, ' ');
  if (spaced.indexOf('%') < 0) return spaced;
  var decoded: string | null = null;
  // Catch-free, and the fallback's callback in a function of its own: in Rhino a function with a
  // catch clause or an inner function gets an activation object on every call
  // (policies/hosts/akana/java-values.ts). A URIError leaves decoded null, and the return drops it.
  try {
    decoded = decodeURIComponent(spaced);
  } finally {
    return decoded === null ? decodeValidRuns(spaced) : decoded;
  }
}

/** Decodes each run of escapes that is valid UTF-8 and keeps the others as received. */
function decodeValidRuns(spaced: string): string {
  return spaced.replace(/(%[0-9A-Fa-f]{2})+/g, function (run: string): string {
    try {
      return decodeURIComponent(run);
    } catch (inner) {
      return run;
    }
  });
}
