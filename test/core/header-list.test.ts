// Unit and property tests (Node, fast-check) of the header list: the pass's names (each one trimmed and lower-cased, empty ones dropped, values kept beside them) and the edits on the list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../policies/core/api-call';
import { hasValue, headerPass, putHostFirst, removeNamed, stringOrEmpty, type HeaderList } from '../../policies/core/header-list';

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

describe('header list edits', () => {
  /** Lists with repeats, blank values and the names the edits look for, anywhere. */
  const list = fc
    .array(fc.tuple(fc.constantFrom('host', 'authorization', 'accept', 'x-a', 'cookie'), fc.constantFrom('', ' ', 'v', ' w ', 'api.example.com')), { maxLength: 10 })
    .map((pairs): HeaderList => ({ names: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]), bounded: false }));
  const name = fc.constantFrom('host', 'authorization', 'accept', 'absent');

  it('hasValue tells whether any entry of the name has a non-blank value', () => {
    fc.assert(
      fc.property(list, name, (given, wanted) => {
        expect(hasValue(given, wanted)).toBe(given.names.some((n, i) => n === wanted && given.values[i].trim() !== ''));
      }),
      { numRuns: 1000 }
    );
  });

  it('removeNamed drops every entry of the name and keeps the others in order, values beside their names', () => {
    fc.assert(
      fc.property(list, name, (given, wanted) => {
        const kept = given.names.map((n, i) => [n, given.values[i]]).filter((pair) => pair[0] !== wanted);
        removeNamed(given, wanted);
        expect(given.names.map((n, i) => [n, given.values[i]])).toEqual(kept);
      }),
      { numRuns: 1000 }
    );
  });

  it('putHostFirst moves the first host entry to the front, or puts the fallback (else "unknown") first when its value is blank or there is none', () => {
    fc.assert(
      fc.property(list, fc.constantFrom('', ' ', 'fallback.example.com', ' padded.example.com '), (given, fallback) => {
        const pairs = given.names.map((n, i) => [n, given.values[i]]);
        const at = given.names.indexOf('host');
        const value = at >= 0 && pairs[at][1].trim() !== '' ? pairs[at][1] : fallback.trim() !== '' ? fallback.trim() : 'unknown';
        const rest = pairs.filter((_, i) => i !== at);
        putHostFirst(given, fallback);
        expect(given.names.map((n, i) => [n, given.values[i]])).toEqual([['host', value], ...rest]);
      }),
      { numRuns: 1000 }
    );
  });
});
