// The core's ES5 SHA-256 as the Akana bundle's fallback digest, a compiled kit (packaging/lazy-kits.ts) made only where the JVM's MessageDigest is out of reach (ES5 engine: Rhino).
//
// Its own module so that only the Akana bundle compiles it apart: on Apigee, core/sha256.ts is the
// digest of every hashed message and stays in the script's code.

import { sha256Hex as coreSha256Hex } from '../../core/sha256';

/** Lower-case hex SHA-256 of text encoded as UTF-8 (lone surrogates as U+FFFD), as core/sha256.ts gives it. */
export function es5Sha256Hex(text: string): string {
  return coreSha256Hex(text);
}
