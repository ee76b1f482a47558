// Tests (Node) of the ES5 SHA-256 and UTF-8 encoder against node:crypto and TextEncoder.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8Bytes } from '../../policies/core/sha256';

const nodeSha256 = (text: string): string => createHash('sha256').update(Buffer.from(new TextEncoder().encode(text))).digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
    );
  });

  it('handles every padding boundary (lengths 0..130)', () => {
    for (let n = 0; n <= 130; n++) expect(sha256Hex('a'.repeat(n)), `length ${n}`).toBe(nodeSha256('a'.repeat(n)));
  });

  it('hashes UTF-8: BMP, astral (surrogate pairs) and lone surrogates as U+FFFD', () => {
    for (const text of ['é', '€', '😀', 'a\uD800b', '\uDC00', '\uD83D', '\uDE00\uD83D', 'x\u0000y']) {
      expect(sha256Hex(text), JSON.stringify(text)).toBe(nodeSha256(text));
    }
  });

  it('agrees with node:crypto on arbitrary strings', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ maxLength: 2000 }));
    fc.assert(
      fc.property(text, (s) => {
        expect(sha256Hex(s)).toBe(nodeSha256(s));
      }),
      { numRuns: 300 }
    );
  });
});

describe('utf8Bytes', () => {
  it('agrees with TextEncoder, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
        expect(utf8Bytes(s)).toEqual(Array.from(new TextEncoder().encode(s)));
      }),
      { numRuns: 300 }
    );
  });
});
