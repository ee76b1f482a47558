// SHA-256 for the Akana bundle: the JVM's MessageDigest, the core's ES5 digest where Java is out of reach (ES5 engine: Rhino).
//
// The Akana build puts this module in place of core/sha256.ts (PolicyEntry.hostModules): the same
// function, the same hex for every text. In Rhino the ES5 digest boxes every number it computes: the
// typical request message with hashSecrets on (Authorization, three cookies, an API key) measured
// 476 µs of CPU with it and 260 µs with the JVM's. Java encodes a lone surrogate as '?', the core (like
// TextEncoder) as U+FFFD, and the hash must be the same on every host (test/scenarios/sideband-scenarios.ts):
// such a text is made well-formed first, as the core's UTF-8 encoder would see it. The ES5 digest is a
// compiled kit (es5-sha256.ts): out of the script's class, whose name tables HotSpot only compiles
// under 8000 bytes, and compiled on first use in a message only where java.security is hidden.

import { wellFormedText } from '../../core/header-fields';
import { es5Sha256Hex } from './es5-sha256';

declare var java: any;

var ZEROS = '0000000000000000000000000000000000000000000000000000000000000000';

/** Lower-case hex SHA-256 of text encoded as UTF-8, as core/sha256.ts gives it. */
export function sha256Hex(text: string): string {
  var hex = jvmSha256Hex(text);
  return hex !== '' ? hex : es5Sha256Hex(text);
}

/** '' where the JVM cannot answer: no java.security or java.math (a class shutter). Exported for its test. */
export function jvmSha256Hex(text: string): string {
  var hex = '';
  // Catch-free (java-values.ts says why): a throw leaves hex '' (BigInteger's hex is never '').
  try {
    var digest = java.security.MessageDigest.getInstance('SHA-256').digest(new java.lang.String(wellFormedText(text)).getBytes('UTF-8'));
    hex = String(new java.math.BigInteger(1, digest).toString(16));
  } finally {
    return hex !== '' && hex.length <= 64 ? (ZEROS + hex).slice(-64) : '';
  }
}
