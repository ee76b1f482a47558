// The value patterns of the configuration and why a value fails them, in the operator's terms (ES5 engine and Node).

var URL_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
var URL_PORT = '(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})';

/** Visible ASCII only (0x21-0x7E): the ASE token goes into a header, where a space or control character splits it. */
export var TOKEN_PATTERN = /^[\x21-\x7E]*$/;
/** A node name appears in logs and health-state keys. */
export var NODE_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** Akana qualified name: {namespace}local-name. */
export var QNAME_PATTERN = /^\{[^{}\s]+\}[^{}\s]+$/;
/** RFC 9110 token: the characters a header name may hold. */
export var HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

var nodeUrlCompiled: RegExp | null = null;

/**
 * Lower-case http:// or https://, a DNS name, IPv4 address or bracketed IPv6 literal (checked loosely:
 * hex digits, dots and at least two colons), an optional :port (1-65535) and an optional '/'. Compiled
 * at first use: Akana evaluates the policy for every message and its nodes have no url (they are APIs
 * registered in Policy Manager), so compiling it at load would be wasted work.
 */
export function nodeUrlPattern(): RegExp {
  if (nodeUrlCompiled === null) {
    nodeUrlCompiled = new RegExp(
      '^https?://(?:' + URL_LABEL + '(?:\\.' + URL_LABEL + ')*|\\[[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\])' +
        '(?::' + URL_PORT + ')?/?$'
    );
  }
  return nodeUrlCompiled;
}

export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
}

/** Why an ASE token is refused: the first character a header cannot carry. */
export function tokenDetail(got: unknown): string {
  if (typeof got !== 'string') return '';
  for (var i = 0; i < got.length; i++) {
    var code = got.charCodeAt(i);
    if (code === 32) return 'a space at position ' + (i + 1);
    if (code < 32 || code === 127) return 'a control character at position ' + (i + 1);
    if (code > 127) return 'a non-ASCII character at position ' + (i + 1);
  }
  return '';
}

export function qnameDetail(got: unknown): string {
  if (typeof got !== 'string' || got === '') return '';
  return got.charAt(0) === '{' ? "it must be '{namespace}name' with no spaces or extra braces" : "it must start with '{namespace}'";
}

export function statusDetail(got: unknown): string {
  if (got === 200) return "200 is ASE's allow answer: blocking on it would block every call";
  return typeof got === 'number' && Math.floor(got) !== got ? 'not a whole number' : '';
}

/** A url as a message may show it: user info and query hidden. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^\/?#]*@/, '//***@').replace(/\?.*$/, '?***');
}

/** Why a url fails nodeUrlPattern(), in the operator's terms. */
export function urlDetail(got: unknown): string {
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
