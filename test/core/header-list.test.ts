// Unit and property tests (Node, fast-check) of the header pass's names: each one trimmed and lower-cased, empty ones dropped, values kept beside them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../policies/core/api-call';
import { headerPass, stringOrEmpty } from '../../policies/core/header-list';

/** What the pass must give for the names: each one trimmed and lower-cased on its own, the empty ones dropped. */
function namesOneByOne(fields: HeaderField[]): string[] {
  return fields.map((field) => stringOrEmpty(field.name).trim().toLowerCase()).filter((name) => name !== '');
}

const fields = (names: unknown[]): HeaderField[] => names.map((name, i) => ({ name: name as string, value: 'v' + i }));

/** Header names as clients and hosts hand them over: tokens, and the characters that reach past ASCII case rules or trim. */
const headerName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Host', 'User-Agent', 'X-Forwarded-For', 'AUTHORIZATION', 'x-api-key', '', '__proto__') },
  {
    weight: 4,
    arbitrary: fc.string({
      unit: fc.constantFrom('a', 'Z', '-', '_', '~', '!', ' ', '\t', '\n', '\u00a0', '\ufeff', '\u3000', '\u0000', '\u007f', 'É', 'İ', 'Σ', 'ß', '\u212a', '😀', '\ud800'),
      maxLength: 12
    })
  },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 42) }
);

describe('headerPass names', () => {
  it('lower-cases the names and keeps their order and values', () => {
    const list = headerPass(fields(['Host', 'X-Forwarded-For', 'Accept', '', 'ACCEPT']), null, null);
    expect(list.names).toEqual(['host', 'x-forwarded-for', 'accept', 'accept']);
    expect(list.values).toEqual(['v0', 'v1', 'v2', 'v4']);
  });

  it('trims names, lower-cases past ASCII, keeps a NUL inside a name and converts a host value that is not a string', () => {
    expect(headerPass(fields([' Host ', 'Accept']), null, null).names).toEqual(['host', 'accept']);
    expect(headerPass(fields(['X-ÉTÉ', 'ΟΔΟΣ']), null, null).names).toEqual(['x-été', 'οδος']);
    expect(headerPass(fields(['A\u0000B', 'C']), null, null).names).toEqual(['a\u0000b', 'c']);
    expect(headerPass(fields([null, 42, 'Host']), null, null).names).toEqual(['42', 'host']);
    expect(headerPass([], null, null).names).toEqual([]);
  });

  it('gives every list of names what trimming and lower-casing each one gives (spaces, NUL, non-ASCII, case rules past ASCII)', () => {
    fc.assert(
      fc.property(fc.array(headerName, { maxLength: 16 }), (names) => {
        const given = fields(names);
        expect(headerPass(given, null, null).names).toEqual(namesOneByOne(given));
      }),
      { numRuns: 2000 }
    );
  });
});
