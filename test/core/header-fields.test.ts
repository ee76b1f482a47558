// Tests (Node) of the generic header helpers: case-insensitive lookup, well-formed text, truncation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeader, hasHeader, headerValues, normalizeHeaderName, truncateText, wellFormedText } from '../../policies/core/header-fields';
import { fields } from './fixtures';

describe('header lookup', () => {
  const headers = fields(['Content-Type', 'text/plain'], [' X-Forwarded-For ', '1.2.3.4'], ['x-forwarded-for', '5.6.7.8'], ['Empty', '']);
  it('finds the first value case-insensitively, trimming names', () => {
    expect(findHeader(headers, 'content-type')).toBe('text/plain');
    expect(findHeader(headers, 'X-FORWARDED-FOR')).toBe('1.2.3.4');
    expect(findHeader(headers, 'absent')).toBe('');
  });
  it('lists every value in order', () => {
    expect(headerValues(headers, 'x-forwarded-for')).toEqual(['1.2.3.4', '5.6.7.8']);
    expect(headerValues(headers, 'absent')).toEqual([]);
  });
  it('reports presence even for an empty value', () => {
    expect(hasHeader(headers, 'empty')).toBe(true);
    expect(hasHeader(headers, 'absent')).toBe(false);
  });
  it('normalises names', () => {
    expect(normalizeHeaderName('  User-Agent\t')).toBe('user-agent');
  });
});

describe('wellFormedText', () => {
  const table: Array<[string, string]> = [
    ['plain', 'plain'],
    ['😀', '😀'],
    ['a\uD800b', 'a\uFFFDb'],
    ['\uDC00\uD800', '\uFFFD\uFFFD'],
    ['\uD83D', '\uFFFD'],
    ['x\uD83D\uDE00\uDE00', 'x😀\uFFFD'],
    ['\u0000\u001f', '\u0000\u001f']
  ];
  it.each(table)('%j -> %j', (input, output) => {
    expect(wellFormedText(input)).toBe(output);
  });
  it('always gives well-formed text that survives a UTF-8 round trip', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = wellFormedText(s);
        expect(out.length).toBe(s.length);
        expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
      }),
      { numRuns: 300 }
    );
  });
});

describe('truncateText', () => {
  it('cuts to maxLength and never splits a surrogate pair', () => {
    expect(truncateText('abcdef', 3)).toBe('abc');
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('ab😀', 3)).toBe('ab');
    expect(truncateText('ab😀c', 4)).toBe('ab😀');
  });
});
