// Parses a client address as hosts and proxies write it into a bare, canonical IP (ES5 engine and Node).
//
// Accepted forms (after trimming whitespace and one pair of surrounding double quotes, as in RFC 7239):
//   1.2.3.4   1.2.3.4:5678   2001:db8::1   2001:DB8:0:0:0:0:0:1   ::ffff:1.2.3.4   fe80::1%eth0
//   [2001:db8::1]   [2001:db8::1]:5678   [fe80::1%25eth0]:5678
// Choices:
// - IPv4 octets with a leading zero ("01.2.3.4") are rejected: some stacks read them as octal, so the
//   address is ambiguous; Node's net.isIP rejects them too.
// - IPv6 comes out in RFC 5952 form (lower case, no leading zeros, longest zero run as "::"); the zone
//   id is dropped (it only means something on the gateway's own host).
// - IPv4-mapped IPv6 (::ffff:a.b.c.d, what a dual-stack socket reports for an IPv4 client) comes out as
//   plain IPv4, so one client has one source_ip whether it came from a socket or from X-Forwarded-For.
// - A port is accepted only after IPv4 ("1.2.3.4:80") or after a bracketed IPv6 ("[::1]:80"); 0..65535,
//   at most 5 digits. A bare IPv6 followed by ":port" cannot be told apart from an address: it is read
//   as an address (or rejected when it has too many groups).
// - Brackets around IPv4 ("[1.2.3.4]") are rejected: no standard writes it.

/** An address with the port that came with it (0 when none). */
export interface IpEndpoint {
  address: string;
  port: number;
}

// Four decimal octets without leading zeros; each is checked against 255 after the match.
var DOTTED_QUAD = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;
var HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
var PORT = /^[0-9]{1,5}$/;
var ZONE_ID = /^[0-9A-Za-z._~-]+$/;

/** The bare canonical IP in text, or '' when text is not an IP address (with an optional port). */
export function parseIpAddress(text: string): string {
  var endpoint = parseIpEndpoint(text);
  return endpoint ? endpoint.address : '';
}

/** Like parseIpAddress, but keeps the port (0 when there was none); null when invalid. */
export function parseIpEndpoint(text: string): IpEndpoint | null {
  if (typeof text !== 'string') return null;
  var s = unquote(text);
  if (s === '') return null;
  if (s.charAt(0) === '[') return parseBracketed(s);
  var firstColon = s.indexOf(':');
  if (firstColon < 0) {
    var v4 = parseIpv4(s);
    return v4 ? { address: v4, port: 0 } : null;
  }
  if (s.indexOf(':', firstColon + 1) < 0) {
    // Exactly one colon: only "IPv4:port" fits (an IPv6 address has at least two).
    var host = parseIpv4(s.substring(0, firstColon));
    var port = parsePort(s.substring(firstColon + 1));
    return host && port >= 0 ? { address: host, port: port } : null;
  }
  var v6 = parseIpv6WithZone(s);
  return v6 ? { address: v6, port: 0 } : null;
}

function unquote(text: string): string {
  var s = text.trim();
  if (s.length >= 2 && s.charAt(0) === '"' && s.charAt(s.length - 1) === '"') {
    s = s.substring(1, s.length - 1).trim();
  }
  return s;
}

function parseBracketed(s: string): IpEndpoint | null {
  var close = s.indexOf(']');
  if (close < 0) return null;
  var address = parseIpv6WithZone(s.substring(1, close));
  if (!address) return null;
  var rest = s.substring(close + 1);
  if (rest === '') return { address: address, port: 0 };
  if (rest.charAt(0) !== ':') return null;
  var port = parsePort(rest.substring(1));
  return port >= 0 ? { address: address, port: port } : null;
}

/** 0..65535, or -1 when not a port. */
function parsePort(text: string): number {
  if (!PORT.test(text)) return -1;
  var port = parseInt(text, 10);
  return port <= 65535 ? port : -1;
}

/** Dotted quad with decimal octets 0..255 and no leading zeros, or ''. */
function parseIpv4(text: string): string {
  // A dotted quad that matches is already canonical: no need to join its bytes again.
  return ipv4Bytes(text) ? text : '';
}

/** The four bytes of a dotted quad, or null. One regex rather than a split and a test per octet: it runs for every X-Forwarded-For. */
function ipv4Bytes(text: string): number[] | null {
  var match = DOTTED_QUAD.exec(text);
  if (!match) return null;
  var bytes = [parseInt(match[1], 10), parseInt(match[2], 10), parseInt(match[3], 10), parseInt(match[4], 10)];
  return bytes[0] > 255 || bytes[1] > 255 || bytes[2] > 255 || bytes[3] > 255 ? null : bytes;
}

function parseIpv6WithZone(text: string): string {
  var percent = text.indexOf('%');
  if (percent >= 0) {
    if (!ZONE_ID.test(text.substring(percent + 1))) return '';
    text = text.substring(0, percent);
  }
  var groups = ipv6Groups(text);
  return groups ? formatIpv6(groups) : '';
}

/** The eight 16-bit groups of an IPv6 address (with "::" and an IPv4 tail resolved), or null. */
function ipv6Groups(text: string): number[] | null {
  var doubleColon = text.indexOf('::');
  if (doubleColon >= 0 && text.indexOf('::', doubleColon + 1) >= 0) return null;
  var head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
  var tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : '';
  var headGroups = groupList(head, doubleColon < 0);
  var tailGroups = doubleColon >= 0 ? groupList(tail, true) : [];
  if (!headGroups || !tailGroups) return null;
  var missing = 8 - headGroups.length - tailGroups.length;
  // "::" stands for at least one zero group; without it the address must have exactly eight.
  if (doubleColon >= 0 ? missing < 1 : missing !== 0) return null;
  var groups = headGroups;
  for (var i = 0; i < missing; i++) groups.push(0);
  return groups.concat(tailGroups);
}

/** "a:b:c" into numbers; the last part may be an IPv4 tail (two groups) when allowTail. */
function groupList(text: string, allowTail: boolean): number[] | null {
  if (text === '') return [];
  var parts = text.split(':');
  var groups: number[] = [];
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i];
    if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else if (allowTail && i === parts.length - 1 && part.indexOf('.') >= 0) {
      var bytes = ipv4Bytes(part);
      if (!bytes) return null;
      groups.push(bytes[0] * 256 + bytes[1], bytes[2] * 256 + bytes[3]);
    } else {
      return null;
    }
  }
  return groups;
}

/** RFC 5952 text; IPv4-mapped addresses become plain IPv4. */
function formatIpv6(groups: number[]): string {
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
  }
  // The longest run of two or more zero groups (the first one on a tie) becomes "::".
  var bestStart = -1;
  var bestLength = 1;
  for (var i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    var start = i;
    while (i < 8 && groups[i] === 0) i++;
    if (i - start > bestLength) {
      bestStart = start;
      bestLength = i - start;
    }
  }
  var hex: string[] = [];
  for (var j = 0; j < 8; j++) hex.push(groups[j].toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLength).join(':');
}
