// Tests (Node) of clientAddress, clientEndpoint, queryParameter, replaceQueryValues and decodeQueryComponent.
import { describe, expect, it } from 'vitest';
import { clientAddress, clientEndpoint, decodeQueryComponent, queryParameter, replaceQueryValues } from '../../policies/core/client-identity';
import type { HeaderField } from '../../policies/core/api-call';
import { fields, makeCall } from './fixtures';

const request = (headers: HeaderField[], peerAddress: string, peerPort = 0) => makeCall({ request: { headers, peerAddress, peerPort } }).request;

describe('clientAddress', () => {
  const table: Array<[string, HeaderField[], string, boolean, string]> = [
    ['first XFF entry when trusted', fields(['X-Forwarded-For', '198.51.100.1, 10.0.0.1']), '10.0.0.9', true, '198.51.100.1'],
    ['XFF ignored when not trusted', fields(['X-Forwarded-For', '198.51.100.1']), '10.0.0.9', false, '10.0.0.9'],
    ['several XFF fields are one list, in order', fields(['x-forwarded-for', '198.51.100.1'], ['X-FORWARDED-FOR', '198.51.100.2']), '10.0.0.9', true, '198.51.100.1'],
    ['empty list elements are skipped', fields(['x-forwarded-for', ' , ,198.51.100.3']), '10.0.0.9', true, '198.51.100.3'],
    ['an empty first field is skipped', fields(['x-forwarded-for', ''], ['x-forwarded-for', '198.51.100.4']), '10.0.0.9', true, '198.51.100.4'],
    ['XFF entry with port', fields(['x-forwarded-for', '198.51.100.1:4711']), '10.0.0.9', true, '198.51.100.1'],
    ['XFF bracketed v6 with port', fields(['x-forwarded-for', '[2001:DB8::7]:4711, 10.0.0.1']), '10.0.0.9', true, '2001:db8::7'],
    ['XFF bare v6', fields(['x-forwarded-for', '2001:db8::7']), '10.0.0.9', true, '2001:db8::7'],
    ['invalid first entry falls back to the peer', fields(['x-forwarded-for', 'unknown, 198.51.100.1']), '10.0.0.9', true, '10.0.0.9'],
    ['garbage XFF falls back to the peer', fields(['x-forwarded-for', '1.2.3.4.5']), '[::1]:80', true, '::1'],
    ['peer with port', [], '10.0.0.9:5544', true, '10.0.0.9'],
    ['peer as IPv4-mapped v6', [], '::ffff:10.0.0.9', true, '10.0.0.9'],
    ['peer as URL (Akana http.client.url)', [], 'http://10.0.0.1:5544/', true, '10.0.0.1'],
    ['peer as URL with v6 and userinfo', [], 'https://u:p@[2001:db8::1]:8443/x', true, '2001:db8::1'],
    ['peer as URL without port', [], 'http://10.0.0.1', true, '10.0.0.1'],
    ['peer as URL with a host name', [], 'http://gw.example.com:80/', true, ''],
    ['nothing valid', fields(['x-forwarded-for', 'unknown']), 'garbage', true, ''],
    ['empty everything', [], '', true, '']
  ];
  it.each(table)('%s', (_label, headers, peer, trust, expected) => {
    expect(clientAddress(request(headers, peer), trust)).toBe(expected);
  });
});

describe('clientEndpoint port', () => {
  const clientPort = (req: ReturnType<typeof request>) => clientEndpoint(req, true)?.port ?? 0;
  const table: Array<[string, string, number, number]> = [
    ['peerPort wins', '10.0.0.9:1111', 2222, 2222],
    ['port from the address when peerPort is 0', '10.0.0.9:1111', 0, 1111],
    ['port from a bracketed v6', '[::1]:1111', 0, 1111],
    ['port from a URL', 'http://10.0.0.1:5544/', 0, 5544],
    ['out-of-range peerPort ignored', '10.0.0.9:1111', 70000, 1111],
    ['fractional peerPort ignored', '10.0.0.9', 80.5, 0],
    ['negative peerPort ignored', '10.0.0.9', -1, 0],
    ['no port anywhere', '10.0.0.9', 0, 0],
    ['garbage peer', 'nope:12', 0, 0]
  ];
  it.each(table)('%s', (_label, peer, peerPort, expected) => {
    expect(clientPort(request([], peer, peerPort))).toBe(expected);
  });
  it('an address from X-Forwarded-For takes the port written there, or 0: the peer port is the proxy\'s', () => {
    expect(clientEndpoint(request(fields(['x-forwarded-for', '198.51.100.1:4711']), '10.0.0.9', 2222), true)).toEqual({ address: '198.51.100.1', port: 4711 });
    expect(clientEndpoint(request(fields(['x-forwarded-for', '198.51.100.1']), '10.0.0.9', 2222), true)).toEqual({ address: '198.51.100.1', port: 0 });
    expect(clientEndpoint(request(fields(['x-forwarded-for', '198.51.100.1']), '10.0.0.9', 2222), false)).toEqual({ address: '10.0.0.9', port: 2222 });
  });
  it('tolerates a non-number peerPort from a host', () => {
    expect(clientPort(request([], '10.0.0.9:7', '80' as unknown as number))).toBe(7);
  });
});

describe('queryParameter', () => {
  const table: Array<[string, string[], string]> = [
    ['/p?access_token=abc', ['access_token'], 'abc'],
    ['/p?a=1&access_token=abc&b=2', ['access_token'], 'abc'],
    ['/p?access_token=&access_token=second', ['access_token'], 'second'],
    ['/p?token=t1&access_token=t2', ['access_token', 'token'], 't1'],
    ['/p?Access_Token=abc', ['access_token'], ''],
    ['/p?access_token', ['access_token'], ''],
    ['/p', ['access_token'], ''],
    ['/p?x=1#access_token=abc', ['access_token'], ''],
    ['/p#frag?access_token=abc', ['access_token'], ''],
    ['/p?access_token=a%2Fb%3D', ['access_token'], 'a/b='],
    ['/p?access_token=a+b', ['access_token'], 'a b'],
    ['/p?access%5Ftoken=abc', ['access_token'], 'abc'],
    ['/p?access_token=%E2%82%AC', ['access_token'], '€'],
    ['/p?access_token=100%', ['access_token'], '100%'],
    ['/p?access_token=%zz%41', ['access_token'], '%zzA'],
    ['/p?access_token=%E2%82x', ['access_token'], '%E2%82x'],
    ['/p?access_token=a=b', ['access_token'], 'a=b'],
    ['', ['access_token'], ''],
    ['/p?access_token=abc', [], '']
  ];
  it.each(table)('%j %j -> %j', (url, names, expected) => {
    expect(queryParameter(url, names)).toBe(expected);
  });
});

describe('decodeQueryComponent', () => {
  it('never throws on malformed escapes', () => {
    for (const s of ['%', '%%', '%E0%A4%A', '%uD800', '%ED%A0%80', 'a%2']) expect(() => decodeQueryComponent(s)).not.toThrow();
    expect(decodeQueryComponent('%ED%A0%80')).toBe('%ED%A0%80');
  });
});

describe('replaceQueryValues', () => {
  const upper = (v: string) => `<${v.toUpperCase()}>`;
  const table: Array<[string, string[], string]> = [
    ['/p?key=abc&x=1', ['key'], '/p?key=<ABC>&x=1'],
    ['/p?x=1&key=a%20b&key=c#frag', ['key'], '/p?x=1&key=<A B>&key=<C>#frag'],
    ['/p?key=&key', ['key'], '/p?key=&key'],
    ['/p?&&key=z&&', ['key'], '/p?&&key=<Z>&&'],
    ['/p?other=1', ['key'], '/p?other=1'],
    ['/p', ['key'], '/p'],
    ['/p#f?key=v', ['key'], '/p#f?key=v'],
    ['/p?k%65y=v', ['key'], '/p?k%65y=<V>']
  ];
  it.each(table)('%j %j -> %j', (url, names, expected) => {
    expect(replaceQueryValues(url, names, upper)).toBe(expected);
  });
});
