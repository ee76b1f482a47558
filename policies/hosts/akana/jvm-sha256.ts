// SHA-256 for the Akana bundle: the JVM's MessageDigest, the core's ES5 digest where Java is out of reach (ES5 engine: Rhino).
//
// The Akana build puts this module in place of core/sha256.ts (PolicyEntry.hostModules): the same
// function, the same hex for every text. In Rhino the ES5 digest boxes every number it computes: the
// typical request message with hashSecrets on (Authorization, three cookies, an API key) measured
// 476 µs of CPU with it and 260 µs with the JVM's. A text with a lone surrogate goes the ES5 way: Java
// encodes one as '?', the core (like TextEncoder) as U+FFFD, and the hash must be the same on every
// host (test/scenarios/sideband-scenarios.ts).

import { sha256Hex as es5Sha256Hex } from '../../core/sha256';

declare var java: any;

var ZEROS = '0000000000000000000000000000000000000000000000000000000000000000';

/** Lower-case hex SHA-256 of text encoded as UTF-8, as core/sha256.ts gives it. */
export function sha256Hex(text: string): string {
  var hex = jvmSha256Hex(text);
  return hex !== '' ? hex : es5Sha256Hex(text);
}

/** '' where the JVM cannot answer for this text: no java.security or java.math (a class shutter), or a lone surrogate. Exported for its test. */
export function jvmSha256Hex(text: string): string {
  var hex = '';
  // Catch-free (java-values.ts says why): a throw leaves hex '' (BigInteger's hex is never '').
  try {
    // encodeURIComponent throws a URIError for exactly the texts with a lone surrogate.
    encodeURIComponent(text);
    var digest = java.security.MessageDigest.getInstance('SHA-256').digest(new java.lang.String(text).getBytes('UTF-8'));
    hex = String(new java.math.BigInteger(1, digest).toString(16));
  } finally {
    return hex !== '' && hex.length <= 64 ? (ZEROS + hex).slice(-64) : '';
  }
}
