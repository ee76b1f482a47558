// The X-CorrelationID of one API transaction: a lower-case UUID v4 (ES5 engine and Node).

/**
 * A random UUID v4 from 16 bytes of randomBytes (the host's CSPRNG). Falls back to Math.random when
 * there is no source, or it throws, or it returns anything but 16 integers 0..255 (or signed -128..127): the id only pairs
 * two sideband calls, so a weaker random source must not cost the call its security check.
 */
export function newCorrelationId(randomBytes?: (count: number) => number[]): string {
  var bytes = hostBytes(randomBytes) || mathRandomBytes();
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10xx (RFC 9562)
  var hex = '';
  for (var i = 0; i < 16; i++) {
    hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

function hostBytes(randomBytes?: (count: number) => number[]): number[] | null {
  if (typeof randomBytes !== 'function') return null;
  var got: unknown = null;
  // Catch-free: a return in finally drops the host's throw (got is still null), and Rhino makes no
  // activation object for a function without a catch clause (policies/hosts/akana/java-values.ts).
  try {
    got = randomBytes(16);
  } finally {
    if (!got) return null;
  }
  // Copied into a plain array: the host may hand back an array-like we must not write to.
  if (!got || typeof (got as number[]).length !== 'number' || (got as number[]).length !== 16) return null;
  var bytes: number[] = [];
  for (var i = 0; i < 16; i++) {
    var b = (got as number[])[i];
    // -128..-1 are accepted too: a Java byte[] read from SecureRandom is signed.
    if (typeof b !== 'number' || b % 1 !== 0 || b < -128 || b > 255) return null;
    bytes.push(b & 255);
  }
  return bytes;
}

function mathRandomBytes(): number[] {
  var bytes: number[] = [];
  for (var i = 0; i < 16; i++) bytes.push(Math.floor(Math.random() * 256));
  return bytes;
}
