// Tests (Node) of the salted secret hashes: format, stability, and which parts stay readable.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashAuthorization, hashCookieHeader, hashSecret, hashSetCookieHeader } from '../../policies/core/secret-hash';

const expected = (value: string, salt: string): string =>
  'h:' + createHash('sha256').update(`${salt}\n${value}`, 'utf8').digest('hex').slice(0, 32);

describe('hashSecret', () => {
  it("is 'h:' + 32 hex of sha256(salt + LF + value)", () => {
    expect(hashSecret('abc', 'pepper')).toBe(expected('abc', 'pepper'));
    expect(hashSecret('abc', 'pepper')).toMatch(/^h:[0-9a-f]{32}$/);
    expect(hashSecret('', '')).toBe(expected('', ''));
  });
  it('is stable for one salt and differs across salts and values', () => {
    expect(hashSecret('token', 's1')).toBe(hashSecret('token', 's1'));
    expect(hashSecret('token', 's1')).not.toBe(hashSecret('token', 's2'));
    expect(hashSecret('token', 's1')).not.toBe(hashSecret('token2', 's1'));
    // The separator keeps salt and value apart: moving a character from salt to value changes the hash.
    expect(hashSecret('b', 'a')).not.toBe(hashSecret('', 'ab'));
  });
});

describe('hashAuthorization', () => {
  const table: Array<[string, string]> = [
    ['Bearer abc.def', `Bearer ${expected('abc.def', 's')}`],
    ['  Basic   dXNlcjpwYXNz  ', `Basic ${expected('dXNlcjpwYXNz', 's')}`],
    ['Digest username="a", realm="b"', `Digest ${expected('username="a", realm="b"', 's')}`],
    ['rawtoken', expected('rawtoken', 's')],
    ['Bearer', expected('Bearer', 's')],
    ['', expected('', 's')]
  ];
  it.each(table)('%j -> %j', (input, output) => {
    expect(hashAuthorization(input, 's')).toBe(output);
  });
});

describe('hashCookieHeader', () => {
  const table: Array<[string, string]> = [
    ['a=1; b=2', `a=${expected('1', 's')}; b=${expected('2', 's')}`],
    ['a=1;b=2;', `a=${expected('1', 's')}; b=${expected('2', 's')}`],
    ['sid="q=r"', `sid=${expected('"q=r"', 's')}`],
    [' lonely ', expected('lonely', 's')],
    ['empty=', `empty=${expected('', 's')}`],
    ['', '']
  ];
  it.each(table)('%j -> %j', (input, output) => {
    expect(hashCookieHeader(input, 's')).toBe(output);
  });
});

describe('hashSetCookieHeader', () => {
  it('hashes the cookie value like the Cookie header does and keeps the attributes', () => {
    expect(hashSetCookieHeader('sid=abc; Path=/; HttpOnly', 's')).toBe(`sid=${expected('abc', 's')}; Path=/; HttpOnly`);
    expect(hashSetCookieHeader('sid=abc', 's')).toBe(hashCookieHeader('sid=abc', 's'));
  });
});
