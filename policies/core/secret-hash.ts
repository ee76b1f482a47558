// Stable salted hashes that stand in for tokens, API keys and cookie values when hashSecrets is on (ES5 engine and Node).
//
// The hash is 'h:' + the first 32 hex digits (128 bits) of SHA-256(salt + "\n" + value): same salt and
// value, same hash, so ASE can still count and deny a client; the prefix tells a reader it is a hash.
// Only the secret part is hashed: scheme names and cookie names stay readable for ASE and operators.

import { sha256Hex } from './sha256';

/** Token characters of RFC 9110 section 5.6.2 (an auth-scheme is a token). */
var AUTH_SCHEME = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s+(\S[\s\S]*)$/;

export function hashSecret(value: string, salt: string): string {
  return 'h:' + sha256Hex(salt + '\n' + value).substring(0, 32);
}

/**
 * "Bearer abc" -> "Bearer h:…" (scheme kept, credentials trimmed then hashed); a value with no
 * "scheme credentials" shape (one word, or nothing) is hashed whole.
 */
export function hashAuthorization(value: string, salt: string): string {
  var match = AUTH_SCHEME.exec(value);
  if (!match) return hashSecret(value, salt);
  return match[1] + ' ' + hashSecret(match[2].trim(), salt);
}

/**
 * "a=1; b=2" -> "a=h:…; b=h:…": each cookie keeps its (trimmed) name, its value is hashed as sent
 * (quotes included). Empty pieces are dropped; a piece without '=' is hashed whole.
 */
export function hashCookieHeader(value: string, salt: string): string {
  var pieces = value.split(';');
  var out: string[] = [];
  for (var i = 0; i < pieces.length; i++) {
    var piece = pieces[i].trim();
    if (piece === '') continue;
    var equals = piece.indexOf('=');
    if (equals < 0) {
      out.push(hashSecret(piece, salt));
    } else {
      var name = piece.substring(0, equals).trim();
      var cookieValue = piece.substring(equals + 1).trim();
      out.push(name + '=' + hashSecret(cookieValue, salt));
    }
  }
  return out.join('; ');
}

/**
 * "sid=abc; Path=/; HttpOnly" -> "sid=h:…; Path=/; HttpOnly": only the cookie's own value is hashed,
 * with the same hash the request's Cookie header gets, so ASE can still pair them; attributes stay.
 */
export function hashSetCookieHeader(value: string, salt: string): string {
  var semicolon = value.indexOf(';');
  var first = semicolon >= 0 ? value.substring(0, semicolon) : value;
  var attributes = semicolon >= 0 ? value.substring(semicolon) : '';
  return hashCookieHeader(first, salt) + attributes;
}
