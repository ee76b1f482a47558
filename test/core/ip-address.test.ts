// Tests (Node) of parseIpAddress / parseIpEndpoint: edge-case table, plus fast-check against node:net and WHATWG URL.
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpAddress, parseIpEndpoint } from '../../policies/core/ip-address';

describe('parseIpAddress: accepted forms', () => {
  const accepted: Array<[string, string]> = [
    ['1.2.3.4', '1.2.3.4'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['  10.0.0.1\t', '10.0.0.1'],
    ['"10.0.0.1"', '10.0.0.1'],
    ['" 10.0.0.1 "', '10.0.0.1'],
    ['10.0.0.1:5544', '10.0.0.1'],
    ['10.0.0.1:0', '10.0.0.1'],
    ['10.0.0.1:65535', '10.0.0.1'],
    ['::1', '::1'],
    ['::', '::'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['fe80::1%eth0', 'fe80::1'],
    ['[fe80::1%25eth0]:8080', 'fe80::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['"[2001:db8::1]:4711"', '2001:db8::1'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:0102:0304', '1.2.3.4'],
    ['[::ffff:127.0.0.1]:80', '127.0.0.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['::1.2.3.4', '::102:304'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304']
  ];
  it.each(accepted)('%j -> %j', (input, expected) => {
    expect(parseIpAddress(input)).toBe(expected);
    expect(isIP(expected)).not.toBe(0);
  });
});

describe('parseIpAddress: rejected forms', () => {
  const rejected = [
    '',
    '   ',
    '""',
    'unknown',
    'localhost',
    'api.example.com',
    '_hidden',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.04',
    '1.2.3.-4',
    '1.2.3.4:',
    '1.2.3.4:65536',
    '1.2.3.4:123456',
    '1.2.3.4:80:80',
    '1.2.3.4:x',
    '[1.2.3.4]',
    '[1.2.3.4]:80',
    '::1::',
    ':::',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '1::2:3:4:5:6:7:8',
    '12345::1',
    'g::1',
    '::1.2.3',
    '::1.2.3.4:5',
    '1.2.3.4::1',
    'fe80::1%',
    'fe80::1%eth 0',
    '[::1',
    '[::1]x',
    '[::1]:',
    '[::1]:65536',
    '::1]',
    '0x7f.0.0.1',
    '1.2.3.4 5',
    '"1.2.3.4'
  ];
  it.each(rejected)('%j -> ""', (input) => {
    expect(parseIpAddress(input)).toBe('');
  });
});

describe('parseIpEndpoint', () => {
  it('keeps the port', () => {
    expect(parseIpEndpoint('10.0.0.1:5544')).toEqual({ address: '10.0.0.1', port: 5544 });
    expect(parseIpEndpoint('[::1]:80')).toEqual({ address: '::1', port: 80 });
    expect(parseIpEndpoint('::1')).toEqual({ address: '::1', port: 0 });
    expect(parseIpEndpoint('garbage')).toBeNull();
  });
  it('rejects non-strings without throwing (host values arrive untyped)', () => {
    expect(parseIpEndpoint(undefined as unknown as string)).toBeNull();
    expect(parseIpAddress(null as unknown as string)).toBe('');
  });
});

/** The WHATWG URL parser's serialisation: an independent RFC 5952-style canonical form. */
function urlCanonical(v6: string): string {
  return new URL(`http://[${v6}]/`).hostname.slice(1, -1);
}

describe('parseIpAddress: properties', () => {
  it('every non-empty result is accepted by net.isIP', () => {
    const piece = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4Extended(),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.[]%" \t-xz'.split('')), maxLength: 45 }),
      fc.string({ maxLength: 20 })
    );
    fc.assert(
      fc.property(piece, fc.option(fc.integer({ min: 0, max: 99999 })), (text, port) => {
        for (const candidate of [text, `${text}:${port}`, `[${text}]`, `[${text}]:${port}`, `"${text}"`]) {
          const result = parseIpAddress(candidate);
          if (result !== '') expect(isIP(result), candidate).not.toBe(0);
        }
      }),
      { numRuns: 500 }
    );
  });

  it('accepts every IPv4 from fast-check and returns it unchanged, with or without a port', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 65535 }), (ip, port) => {
        expect(parseIpAddress(ip)).toBe(ip);
        expect(parseIpEndpoint(`${ip}:${port}`)).toEqual({ address: ip, port });
      }),
      { numRuns: 300 }
    );
  });

  it('accepts every IPv6 from fast-check, in WHATWG canonical form (IPv4-mapped ones as IPv4)', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 65535 }), (ip, port) => {
        const canonical = urlCanonical(ip);
        const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
        const expected = mapped
          ? [parseInt(mapped[1], 16) >> 8, parseInt(mapped[1], 16) & 255, parseInt(mapped[2], 16) >> 8, parseInt(mapped[2], 16) & 255].join('.')
          : canonical;
        expect(parseIpAddress(ip)).toBe(expected);
        expect(parseIpAddress(ip.toUpperCase())).toBe(expected);
        expect(parseIpEndpoint(`[${ip}]:${port}`)).toEqual({ address: expected, port });
      }),
      { numRuns: 300 }
    );
  });
});

describe('parseIpAddress: dotted quads', () => {
  /** The rule written out one octet at a time: four decimal octets 0..255, no leading zero. */
  const isCanonicalQuad = (text: string): boolean => {
    const parts = text.split('.');
    return parts.length === 4 && parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
  };

  it('accepts a text of digits and dots exactly when each of its four octets is 0..255 without a leading zero, as itself and IPv4-mapped (when it has a dot)', () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('', '00', '01', '007', '0255', '1000', '-1', '+1', ' 1', '1 '));
    const quad = fc.oneof(fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')), fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.'), maxLength: 18 }));
    fc.assert(
      fc.property(quad, (text) => {
        // The address is trimmed first (RFC 7239 spacing): after ::ffff: only trailing spaces go.
        const bare = text.trim();
        expect(parseIpAddress(text), text).toBe(isCanonicalQuad(bare) ? bare : '');
        const mapped = text.trimEnd();
        // Without a dot the text after ::ffff: is read as an IPv6 group instead.
        if (text.indexOf('.') >= 0) expect(parseIpAddress('::ffff:' + text), text).toBe(isCanonicalQuad(mapped) ? mapped : '');
      }),
      { numRuns: 3000 }
    );
  });
});
